<#import "partner-key-layout.ftl" as layout>
<@layout.mail>
  <p>${msg("partnerKeyGreeting", ownerName)}</p>
  <p>${msg("partnerKeyCreatedIntro", partnerName, realmName)}</p>
  <table role="presentation" cellpadding="0" cellspacing="0" style="margin:16px 0;">
    <@layout.row label=msg("partnerKeyName") value=keyName/>
    <@layout.row label=msg("partnerKeyClientId") value=keyClientId/>
    <@layout.row label=msg("partnerKeyRights") value=rights/>
    <@layout.row label=msg("partnerKeyCreatedBy") value=actor/>
    <@layout.row label=msg("partnerKeyExpiresAt") value=(expiresAt?has_content)?then(expiresAt, msg("partnerKeyNoExpiry"))/>
  </table>
  <p>${msg("partnerKeySecretNote")}</p>
  <p style="color:#5b6675;font-size:13px;">${msg("partnerKeyNotYou", partnerName)}</p>
</@layout.mail>
