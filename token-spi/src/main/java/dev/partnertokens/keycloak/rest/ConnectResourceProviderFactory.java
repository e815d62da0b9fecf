package dev.partnertokens.keycloak.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Serves {@code /realms/{realm}/connect/token}, the alias of the realm's token endpoint. */
public final class ConnectResourceProviderFactory extends RealmResourceFactory {

    public static final String PROVIDER_ID = "connect";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResources(new ConnectResource(session));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
