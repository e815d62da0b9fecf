package dev.partnertokens.api.security;

/**
 * Keycloak's brute-force guard throttles these credentials (or their address): 429 with {@code Retry-After}. The
 * caller gets the same 429 and the seconds still left ({@link ThrottledByKeycloakMapper}).
 */
public final class ThrottledByKeycloakException extends RuntimeException {

    private final long retryAfterSeconds;

    public ThrottledByKeycloakException(long retryAfterSeconds) {
        super("Keycloak throttles these credentials", null, false, false);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
