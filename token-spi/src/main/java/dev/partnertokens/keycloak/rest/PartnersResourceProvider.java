package dev.partnertokens.keycloak.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

final class PartnersResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    PartnersResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new PartnersResource(session);
    }

    @Override
    public void close() {
        // the session owns everything we touch
    }
}
