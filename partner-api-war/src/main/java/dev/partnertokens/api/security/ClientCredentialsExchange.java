package dev.partnertokens.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Lets a partner call with HTTP Basic {@code clientId:clientSecret}: the credentials are exchanged once with
 * Keycloak (client credentials grant) and the token is kept, under a SHA-256 of the credentials (never the
 * secret itself), until {@value #EARLY_EXPIRY_SECONDS} seconds before it expires.
 */
@ApplicationScoped
public class ClientCredentialsExchange {

    static final long EARLY_EXPIRY_SECONDS = 30;
    static final int MAX_CACHED = 10_000;

    @Inject
    KeycloakTokenEndpoint keycloak;

    private final Map<String, CachedToken> cache = new ConcurrentHashMap<>();

    /**
     * A token for these credentials, or empty when Keycloak refuses them.
     *
     * @throws KeycloakUnavailableException when Keycloak cannot be reached or answers with a server error
     */
    public Optional<String> tokenFor(String basicPair) {
        String cacheKey = sha256(basicPair);
        CachedToken cached = cache.get(cacheKey);
        if (cached != null && cached.validUntil().isAfter(Instant.now())) {
            return Optional.of(cached.token());
        }
        Optional<CachedToken> fresh = keycloak.clientCredentials(basicPair)
                .map(issued -> new CachedToken(issued.accessToken(), issued.usableUntil(EARLY_EXPIRY_SECONDS)));
        fresh.ifPresentOrElse(token -> remember(cacheKey, token), () -> cache.remove(cacheKey));
        return fresh.map(CachedToken::token);
    }
    private void remember(String cacheKey, CachedToken token) {
        if (cache.size() >= MAX_CACHED) {
            Instant now = Instant.now();
            cache.values().removeIf(t -> !t.validUntil().isAfter(now));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
        }
        cache.put(cacheKey, token);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record CachedToken(String token, Instant validUntil) {
    }
}
