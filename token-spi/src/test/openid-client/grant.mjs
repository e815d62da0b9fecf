// A client_credentials grant the way a Node partner integration makes it with openid-client, unmodified:
// discovery from the issuer, HTTP Basic client authentication, an optional space-joined scope.
// Prints one JSON line: the granted scope (answer and token claim) and expires_in, or the OAuth error. Never the token.
import * as client from 'openid-client';

const [issuer, clientId, secret, scope] = process.argv.slice(2);
try {
  const config = await client.discovery(new URL(issuer), clientId, undefined, client.ClientSecretBasic(secret),
    { execute: [client.allowInsecureRequests] });
  const tokens = await client.clientCredentialsGrant(config, scope ? { scope } : {});
  const claims = JSON.parse(Buffer.from(tokens.access_token.split('.')[1], 'base64url').toString('utf8'));
  console.log(JSON.stringify({ scope: tokens.scope ?? null, tokenScope: claims.scope ?? null, azp: claims.azp,
    expiresIn: tokens.expires_in }));
} catch (e) {
  // an OAuth error answer carries error (invalid_scope, ...); a 401 with a WWW-Authenticate challenge only its code
  console.log(JSON.stringify({ error: e.error ?? e.code ?? e.name, description: e.error_description ?? e.message,
    status: e.status ?? e.response?.status }));
  process.exitCode = 2;
}
