package dev.partnertokens.keycloak.rest;

import jakarta.ws.rs.core.Response;

/** A request refused before it could be served (400, 401, 403): thrown where it is decided, answered in one place. */
final class ApiRefusal extends RuntimeException {

    private final transient Response response;

    ApiRefusal(Response response) {
        super(null, null, false, false);
        this.response = response;
    }

    Response response() {
        return response;
    }
}
