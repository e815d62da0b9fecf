package dev.partnertokens.keycloak.rest;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves the tokens API under {@code /realms/{realm}/tokens}. */
public final class TokensResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "tokens";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResources(new TokensResource(session));
    }

    @Override
    public void init(Config.Scope config) {
        // no configuration
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to wire
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
