<#import "partner-key-layout.ftl" as layout>
<@layout.mail>
  <p>${msg("partnerKeyGreeting", ownerName)}</p>
  <p>${msg("partnerKeyLeakedIntro", partnerName, realmName)}</p>
  <table role="presentation" cellpadding="0" cellspacing="0" style="margin:16px 0;">
    <@layout.row label=msg("partnerKeyName") value=keyName/>
    <@layout.row label=msg("partnerKeyClientId") value=keyClientId/>
    <@layout.row label=msg("partnerKeyRights") value=rights/>
    <@layout.row label=msg("partnerKeyFoundAt") value=foundAt/>
    <@layout.row label=msg("partnerKeyReportedBy") value=actor/>
  </table>
  <p>${msg("partnerKeyLeakedAdvice")}</p>
  <p style="color:#5b6675;font-size:13px;">${msg("partnerKeyNotYou", partnerName)}</p>
</@layout.mail>
