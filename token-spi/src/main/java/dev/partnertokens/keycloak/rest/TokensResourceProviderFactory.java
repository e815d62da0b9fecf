package dev.partnertokens.keycloak.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Serves the tokens API under {@code /realms/{realm}/tokens}. */
public final class TokensResourceProviderFactory extends RealmResourceFactory {

    public static final String PROVIDER_ID = "tokens";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResources(new TokensResource(session));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
