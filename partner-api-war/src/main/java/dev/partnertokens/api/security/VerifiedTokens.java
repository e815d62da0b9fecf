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
 * Tokens that passed every check of {@link TokenVerifier}, by the SHA-256 of their exact text, until they expire (at
 * most {@value #MAX_ENTRIES}, the least used go first). Only the signature and claim checks are remembered: whether
 * a token was revoked is asked of the revocation list on every request.
 */
final class VerifiedTokens {

    static final int MAX_ENTRIES = 10_000;

    private record Verified(JsonWebToken token, Instant validUntil) {
    }

    private final Cache<String, Verified> byHash = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfter(Expiry.<String, Verified>writing((hash, verified) -> {
                Duration left = Duration.between(Instant.now(), verified.validUntil());
                return left.isNegative() ? Duration.ZERO : left;
            }))
            .build();

    Optional<JsonWebToken> get(String token) {
        return Optional.ofNullable(byHash.getIfPresent(sha256(token))).map(Verified::token);
    }

    void remember(String token, JsonWebToken verified, int clockSkewSeconds) {
        byHash.put(sha256(token), new Verified(verified, Instant.ofEpochSecond(verified.getExpirationTime()).plusSeconds(clockSkewSeconds)));
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
