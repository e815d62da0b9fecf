package dev.partnertokens.keycloak.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Serves leak reports of secret scanners at {@code /realms/{realm}/secret-scanning} ({@link SecretScanningResource}). */
public final class SecretScanningResourceProviderFactory extends RealmResourceFactory {

    public static final String PROVIDER_ID = "secret-scanning";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResources(new SecretScanningResource(session));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
