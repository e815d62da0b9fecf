package dev.partnertokens.keycloak.rest;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * What every realm-resource factory of this provider shares: nothing to wire or release; a factory with options
 * ({@code kc.sh --spi-realm-restapi-extension--<id>--<option>}) reads them in its own {@link #init}.
 */
abstract class RealmResourceFactory implements RealmResourceProviderFactory {

    @Override
    public void init(Config.Scope config) {
        // no options
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
