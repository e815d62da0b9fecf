package dev.partnertokens.api.security;

import java.util.Set;

/**
 * Benchmark only: the partner API's token check ({@link TokenVerifier} with its {@link RealmKeys}) outside
 * WildFly, to time one check of a real token in microseconds.
 */
public final class TokenCheckCost {

    private TokenCheckCost() {
    }

    /**
     * Average microseconds per check of {@code token}, after a warm-up of as many checks: from scratch (signature,
     * claims) when {@code fromScratch}, else as {@link TokenVerifier#verify} does for a token it has seen before.
     */
    public static double microsPerCheck(String jwksUrl, String issuer, String audience, String token, int checks,
                                        boolean fromScratch) {
        RealmKeys keys = new RealmKeys();
        keys.jwksLocation = jwksUrl;
        keys.refreshSeconds = 300;
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
        java.util.function.Predicate<String> accepts = fromScratch ? t -> verifier.check(t).isPresent() : t -> verifier.verify(t).isPresent();
        for (int i = 0; i < checks; i++) {
            accepts.test(token);
        }
        long start = System.nanoTime();
        int accepted = 0;
        for (int i = 0; i < checks; i++) {
            accepted += accepts.test(token) ? 1 : 0;
        }
        long elapsed = System.nanoTime() - start;
        if (accepted != checks) {
            throw new IllegalStateException("a check refused the token during the benchmark");
        }
        return elapsed / 1000.0 / checks;
    }
}
