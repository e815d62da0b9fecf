package dev.partnertokens.api.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.partnertokens.api.revocation.RevocationList;

/**
 * Lets a partner call with HTTP Basic {@code clientId:clientSecret}: the credentials are exchanged once with
 * Keycloak (client credentials grant) and the token is kept (at most {@value #MAX_CACHED}) until
 * {@value #EARLY_EXPIRY_SECONDS} seconds before it expires, under the client id, a SHA-256 of the whole pair (never
 * the secret itself) and the partner's address: a pair that Keycloak accepted from an address a key's IP allowlist
 * includes is exchanged again, and refused, from any other address. Whenever the revocation feed brings an entry about a key, every token kept for that key is
 * forgotten, so its credentials are exchanged again, and Keycloak refuses a revoked key.
 */
@ApplicationScoped
public class ClientCredentialsExchange {

    static final long EARLY_EXPIRY_SECONDS = 30;
    static final int MAX_CACHED = 10_000;

    @Inject
    KeycloakTokenEndpoint keycloak;

    @Inject
    RevocationList revocations;

    private final Cache<Credentials, KeycloakTokenEndpoint.IssuedToken> tokens = Caffeine.newBuilder()
            .maximumSize(MAX_CACHED)
            .expireAfter(Expiry.<Credentials, KeycloakTokenEndpoint.IssuedToken>writing((credentials, token) ->
                    positive(Duration.between(Instant.now(), token.usableUntil(EARLY_EXPIRY_SECONDS)))))
            .build();

    @PostConstruct
    void followRevocations() {
        revocations.onKeyEntry(this::forgetKey);
    }

    /**
     * A token for these credentials, or empty when Keycloak refuses them.
     *
     * @throws KeycloakUnavailableException when Keycloak cannot be reached or answers with a server error
     */
    public Optional<String> tokenFor(String basicPair, String clientAddress) {
        Credentials credentials = Credentials.of(basicPair, clientAddress);
        KeycloakTokenEndpoint.IssuedToken cached = tokens.getIfPresent(credentials);
        if (cached != null) {
            return Optional.of(cached.accessToken());
        }
        Optional<KeycloakTokenEndpoint.IssuedToken> issued = keycloak.clientCredentials(basicPair, clientAddress);
        issued.ifPresentOrElse(token -> tokens.put(credentials, token), () -> tokens.invalidate(credentials));
        return issued.map(KeycloakTokenEndpoint.IssuedToken::accessToken);
    }

    /** Forgets the token kept for these credentials from this address (the revocation list refused it). */
    public void forget(String basicPair, String clientAddress) {
        tokens.invalidate(Credentials.of(basicPair, clientAddress));
    }

    /** Forgets every token kept for the key with this client id. */
    public void forgetKey(String clientId) {
        tokens.asMap().keySet().removeIf(credentials -> credentials.clientId().equals(clientId));
    }

    /** How many tokens are kept (for tests). */
    long size() {
        tokens.cleanUp();
        return tokens.estimatedSize();
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    /**
     * A key's client id (as Keycloak reads it: form-urlencoded), the SHA-256 of the whole Basic pair, and the address
     * it came from.
     */
    private record Credentials(String clientId, String pairHash, String clientAddress) {

        static Credentials of(String basicPair, String clientAddress) {
            String encodedId = basicPair.substring(0, Math.max(0, basicPair.indexOf(':')));
            String clientId;
            try {
                clientId = URLDecoder.decode(encodedId, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                clientId = encodedId;
            }
            return new Credentials(clientId, sha256(basicPair), clientAddress);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
