<#ftl output_format="plainText">
${msg("partnerKeyGreeting", ownerName)}

${msg("partnerKeyExpiringIntro", partnerName, realmName)}

${msg("partnerKeyName")}: ${keyName}
${msg("partnerKeyClientId")}: ${keyClientId}
${msg("partnerKeyRights")}: ${rights}
${msg("partnerKeyExpiresAt")}: ${expiresAt}

-- 
${msg("partnerKeyFooter")}
