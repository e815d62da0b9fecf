package dev.partnertokens.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens that passed every check, by the SHA-256 of their exact text, until they expire. Bounded: when
 * {@value #MAX_ENTRIES} are held, the expired ones go, and if that is not enough, all of them.
 */
final class VerifiedTokens {

    static final int MAX_ENTRIES = 10_000;

    private final Map<String, Verified> byHash = new ConcurrentHashMap<>();

    Optional<JsonWebToken> get(String token) {
        String hash = sha256(token);
        Verified entry = byHash.get(hash);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.validUntil().isAfter(Instant.now())) {
            byHash.remove(hash);
            return Optional.empty();
        }
        return Optional.of(entry.token());
    }

    void remember(String token, JsonWebToken verified, int clockSkewSeconds) {
        if (byHash.size() >= MAX_ENTRIES) {
            Instant now = Instant.now();
            byHash.values().removeIf(entry -> !entry.validUntil().isAfter(now));
            if (byHash.size() >= MAX_ENTRIES) {
                byHash.clear();
            }
        }
        byHash.put(sha256(token), new Verified(verified, Instant.ofEpochSecond(verified.getExpirationTime()).plusSeconds(clockSkewSeconds)));
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Verified(JsonWebToken token, Instant validUntil) {
    }
}
