<#ftl output_format="plainText">
${msg("partnerKeyGreeting", ownerName)}

${msg("partnerKeyCreatedIntro", partnerName, realmName)}

${msg("partnerKeyName")}: ${keyName}
${msg("partnerKeyClientId")}: ${keyClientId}
${msg("partnerKeyRights")}: ${rights}
${msg("partnerKeyCreatedBy")}: ${actor}
${msg("partnerKeyExpiresAt")}: ${(expiresAt?has_content)?then(expiresAt, msg("partnerKeyNoExpiry"))}

${msg("partnerKeySecretNote")}

${msg("partnerKeyNotYou", partnerName)}

-- 
${msg("partnerKeyFooter")}
