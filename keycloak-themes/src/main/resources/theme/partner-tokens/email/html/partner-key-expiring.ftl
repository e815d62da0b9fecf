<#import "partner-key-layout.ftl" as layout>
<@layout.mail>
  <p>${msg("partnerKeyGreeting", ownerName)}</p>
  <p>${msg("partnerKeyExpiringIntro", partnerName, realmName)}</p>
  <table role="presentation" cellpadding="0" cellspacing="0" style="margin:16px 0;">
    <@layout.row label=msg("partnerKeyName") value=keyName/>
    <@layout.row label=msg("partnerKeyClientId") value=keyClientId/>
    <@layout.row label=msg("partnerKeyRights") value=rights/>
    <@layout.row label=msg("partnerKeyExpiresAt") value=expiresAt/>
  </table>
</@layout.mail>
