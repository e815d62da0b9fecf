<#ftl output_format="plainText">
${msg("partnerKeyGreeting", ownerName)}

${msg("partnerKeyRevokedIntro", partnerName, realmName)}

${msg("partnerKeyName")}: ${keyName}
${msg("partnerKeyClientId")}: ${keyClientId}
${msg("partnerKeyRights")}: ${rights}
${msg("partnerKeyRevokedBy")}: ${actor}

${msg("partnerKeyNotYou", partnerName)}

-- 
${msg("partnerKeyFooter")}
