package dev.partnertokens.keycloak.rest;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** What every realm-resource factory of this provider shares: no configuration, nothing to wire or release. */
abstract class RealmResourceFactory implements RealmResourceProviderFactory {

    @Override
    public final void init(Config.Scope config) {
        // no configuration
    }

    @Override
    public final void postInit(KeycloakSessionFactory factory) {
        // nothing to wire
    }

    @Override
    public final void close() {
        // nothing to release
    }
}
