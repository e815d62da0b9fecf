package dev.partnertokens.keycloak.grant;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import dev.partnertokens.keycloak.clientauth.PartnerKeyClientAuthenticatorFactory;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.ClientModel;
import org.keycloak.protocol.oidc.grants.ClientCredentialsGrantType;

/**
 * Keycloak's client credentials grant, with two rules for {@code scope} that apply to partner keys only:
 * <ul>
 *   <li>an empty or blank {@code scope} (several SDKs send {@code scope=}) means no scope, and runs of spaces
 *       between scopes are one separator;</li>
 *   <li>no scope means all of the key's scopes (its optional client scopes), so that the token carries exactly
 *       what was asked for, or everything the key holds.</li>
 * </ul>
 * A requested scope the key does not hold stays Keycloak's {@code invalid_scope}. Every other client gets
 * Keycloak's grant untouched: the factory has to replace {@code client_credentials} in every realm (Keycloak keeps
 * one factory per grant type), but what it does differently is limited to keys (ADR 13).
 */
final class PartnerClientCredentialsGrantType extends ClientCredentialsGrantType {

    @Override
    public Response process(Context context) {
        ClientModel client = context.getClient();
        if (!isPartnerKey(client)) {
            return super.process(context);
        }
        MultivaluedMap<String, String> form = context.getFormParams();
        String requested = normalised(form.getFirst(OAuth2Constants.SCOPE));
        if (requested.isEmpty()) {
            requested = String.join(" ", client.getClientScopes(false).keySet());
        }
        if (requested.isEmpty()) {
            form.remove(OAuth2Constants.SCOPE);
        } else {
            form.putSingle(OAuth2Constants.SCOPE, requested);
        }
        return super.process(context);
    }

    private static boolean isPartnerKey(ClientModel client) {
        return client != null && PartnerKeyClientAuthenticatorFactory.PROVIDER_ID.equals(client.getClientAuthenticatorType());
    }

    private static String normalised(String scope) {
        return scope == null ? "" : String.join(" ", scope.trim().split("\\s+")).trim();
    }
}
