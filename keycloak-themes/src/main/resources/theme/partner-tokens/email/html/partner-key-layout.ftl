<#macro mail>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8"><meta name="viewport" content="width=device-width"></head>
<body style="margin:0;padding:0;background:#f3f5f8;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1d2733;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f5f8;padding:24px 0;">
  <tr><td align="center">
    <table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:8px;overflow:hidden;">
      <tr><td style="background:#0b2545;padding:16px 24px;color:#ffffff;font-size:18px;font-weight:600;">
        <span style="display:inline-block;width:22px;height:22px;border-radius:6px;background:#13a89e;vertical-align:middle;margin-right:8px;"></span>${realmName}
      </td></tr>
      <tr><td style="padding:24px;font-size:15px;line-height:1.5;">
        <#nested>
      </td></tr>
      <tr><td style="padding:12px 24px;background:#f8fafc;color:#5b6675;font-size:12px;">${msg("partnerKeyFooter")}</td></tr>
    </table>
  </td></tr>
</table>
</body>
</html>
</#macro>

<#macro row label value>
  <tr><td style="padding:4px 12px 4px 0;color:#5b6675;white-space:nowrap;">${label}</td><td style="padding:4px 0;font-weight:600;">${value}</td></tr>
</#macro>
