package dev.partnertokens.api.security;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 429 problem with {@code Retry-After} when Keycloak's brute-force guard throttles the credentials presented. */
@Provider
public class ThrottledByKeycloakMapper implements ExceptionMapper<ThrottledByKeycloakException> {

    @Override
    public Response toResponse(ThrottledByKeycloakException exception) {
        return TokenProblems.throttled(exception.retryAfterSeconds());
    }
}
