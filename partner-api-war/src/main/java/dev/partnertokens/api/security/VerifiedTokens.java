package dev.partnertokens.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens that passed every check of {@link TokenVerifier}, with the id of the realm key that signed them, by the
 * SHA-256 of their exact text, until they expire (at most {@value #MAX_ENTRIES}, the least used go first). Only the
 * signature and claim checks are remembered: whether the realm still publishes the key, and whether the token was
 * revoked, are asked on every request.
 */
final class VerifiedTokens {

    static final int MAX_ENTRIES = 10_000;

    /** A token that passed every check, and the id of the realm key that signed it. */
    record Verified(JsonWebToken token, String kid) {

        Instant validUntil(int clockSkewSeconds) {
            return Instant.ofEpochSecond(token.getExpirationTime()).plusSeconds(clockSkewSeconds);
        }
    }

    private record Remembered(Verified verified, Instant validUntil) {
    }

    private final Cache<String, Remembered> byHash = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfter(Expiry.<String, Remembered>writing((hash, remembered) -> {
                Duration left = Duration.between(Instant.now(), remembered.validUntil());
                return left.isNegative() ? Duration.ZERO : left;
            }))
            .build();

    Optional<Verified> get(String token) {
        return Optional.ofNullable(byHash.getIfPresent(sha256(token))).map(Remembered::verified);
    }

    void remember(String token, Verified verified, int clockSkewSeconds) {
        byHash.put(sha256(token), new Remembered(verified, verified.validUntil(clockSkewSeconds)));
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
