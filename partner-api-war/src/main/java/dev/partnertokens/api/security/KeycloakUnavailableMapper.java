package dev.partnertokens.api.security;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 503 problem when Keycloak cannot be reached in time. */
@Provider
public class KeycloakUnavailableMapper implements ExceptionMapper<KeycloakUnavailableException> {

    @Override
    public Response toResponse(KeycloakUnavailableException exception) {
        return TokenProblems.keycloakUnavailable();
    }
}
