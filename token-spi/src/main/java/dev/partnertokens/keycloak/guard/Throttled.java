package dev.partnertokens.keycloak.guard;

/**
 * A key authentication refused before its secret was looked at: its source address (for this key id, or for every
 * id) failed too often in the current window ({@link BruteForceGuard}). Each entry point answers it in its own
 * shape, always 429 with {@code Retry-After}.
 */
public final class Throttled extends RuntimeException {

    private final long retryAfterSeconds;

    public Throttled(long retryAfterSeconds) {
        super("too many failed authentications", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds until the throttle ends, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** What every entry point tells the caller; the same for every rule and every key id, known or not. */
    public String message() {
        return "Too many failed authentications; try again in " + retryAfterSeconds + " seconds";
    }
}
