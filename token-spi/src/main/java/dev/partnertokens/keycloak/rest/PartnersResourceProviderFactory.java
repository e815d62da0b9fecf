package dev.partnertokens.keycloak.rest;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves the partner endpoints under {@code /realms/{realm}/partners}. */
public final class PartnersResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "partners";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResources(new PartnersResource(session));
    }

    @Override
    public void init(Config.Scope config) {
        // no configuration yet
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
