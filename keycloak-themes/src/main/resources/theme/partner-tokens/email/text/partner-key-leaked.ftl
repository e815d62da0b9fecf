<#ftl output_format="plainText">
${msg("partnerKeyGreeting", ownerName)}

${msg("partnerKeyLeakedIntro", partnerName, realmName)}

${msg("partnerKeyName")}: ${keyName}
${msg("partnerKeyClientId")}: ${keyClientId}
${msg("partnerKeyRights")}: ${rights}
${msg("partnerKeyFoundAt")}: ${foundAt}
${msg("partnerKeyReportedBy")}: ${actor}

${msg("partnerKeyLeakedAdvice")}

${msg("partnerKeyNotYou", partnerName)}

-- 
${msg("partnerKeyFooter")}
