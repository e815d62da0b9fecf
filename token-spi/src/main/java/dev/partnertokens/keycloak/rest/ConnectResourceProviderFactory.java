package dev.partnertokens.keycloak.rest;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves {@code /realms/{realm}/connect/token}, the alias of the realm's token endpoint. */
public final class ConnectResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "connect";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResources(new ConnectResource(session));
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
