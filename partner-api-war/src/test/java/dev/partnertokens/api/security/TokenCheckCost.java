package dev.partnertokens.api.security;

import java.util.Set;

/**
 * Benchmark only: the partner API's token check ({@link TokenVerifier} with its {@link RealmKeys}) outside
 * WildFly, to time one check of a real token in microseconds.
 */
public final class TokenCheckCost {

    private TokenCheckCost() {
    }

    /** Average microseconds per {@link TokenVerifier#verify} of {@code token}, after a warm-up of as many checks. */
    public static double microsPerCheck(String jwksUrl, String issuer, String audience, String token, int checks) {
        RealmKeys keys = new RealmKeys();
        keys.jwksLocation = jwksUrl;
        keys.minRefreshSeconds = 10;
        keys.timeoutSeconds = 5;
        keys.init();
        TokenVerifier verifier = new TokenVerifier();
        verifier.realmKeys = keys;
        verifier.issuer = issuer;
        verifier.audiences = Set.of(audience);
        verifier.clockSkewSeconds = 5;
        verifier.configure();
        if (verifier.verify(token).isEmpty()) {
            throw new IllegalStateException("the benchmark's token does not pass the check");
        }
        for (int i = 0; i < checks; i++) {
            verifier.verify(token);
        }
        long start = System.nanoTime();
        int accepted = 0;
        for (int i = 0; i < checks; i++) {
            accepted += verifier.verify(token).isPresent() ? 1 : 0;
        }
        long elapsed = System.nanoTime() - start;
        if (accepted != checks) {
            throw new IllegalStateException("a check refused the token during the benchmark");
        }
        return elapsed / 1000.0 / checks;
    }
}
