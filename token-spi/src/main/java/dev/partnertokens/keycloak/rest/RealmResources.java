package dev.partnertokens.keycloak.rest;

import org.keycloak.services.resource.RealmResourceProvider;

/** Hands one JAX-RS resource object to Keycloak for a realm path. */
record RealmResources(Object resource) implements RealmResourceProvider {

    @Override
    public Object getResource() {
        return resource;
    }

    @Override
    public void close() {
        // the session owns everything the resource touches
    }
}
