package dev.partnertokens.api.security;

/** Keycloak could not be reached in time, or failed: the caller gets a 503 problem, not a hang. */
public final class KeycloakUnavailableException extends RuntimeException {

    public KeycloakUnavailableException() {
        super("Keycloak is unavailable", null, false, false);
    }
}
