package dev.partnertokens.keycloak.grant;

import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.grants.ClientCredentialsGrantTypeFactory;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;

/**
 * Replaces Keycloak's {@code client_credentials} grant (same id; a provider outside Keycloak wins) with one
 * that reads {@code scope} the way partners' SDKs send it. See {@link PartnerClientCredentialsGrantType}.
 */
public final class PartnerClientCredentialsGrantTypeFactory extends ClientCredentialsGrantTypeFactory {

    @Override
    public OAuth2GrantType create(KeycloakSession session) {
        return new PartnerClientCredentialsGrantType();
    }
}
