package dev.partnertokens.keycloak.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Serves the partner endpoints under {@code /realms/{realm}/partners}. */
public final class PartnersResourceProviderFactory extends RealmResourceFactory {

    public static final String PROVIDER_ID = "partners";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResources(new PartnersResource(session));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
