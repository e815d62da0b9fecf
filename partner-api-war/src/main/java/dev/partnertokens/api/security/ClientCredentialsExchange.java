package dev.partnertokens.api.security;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

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
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.token-endpoint")
    Optional<String> configuredTokenEndpoint;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.timeout-seconds", defaultValue = "5")
    long timeoutSeconds;

    private final Map<String, CachedToken> cache = new ConcurrentHashMap<>();
    private HttpClient http;
    private URI tokenEndpoint;

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
        tokenEndpoint = URI.create(configuredTokenEndpoint.orElse(issuer + "/protocol/openid-connect/token"));
    }

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
        Optional<CachedToken> fresh = exchange(basicPair);
        fresh.ifPresentOrElse(token -> remember(cacheKey, token), () -> cache.remove(cacheKey));
        return fresh.map(CachedToken::token);
    }

    private Optional<CachedToken> exchange(String basicPair) {
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basicPair.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeycloakUnavailableException();
        } catch (java.io.IOException e) {
            throw new KeycloakUnavailableException();
        }
        if (response.statusCode() >= 500) {
            throw new KeycloakUnavailableException();
        }
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
        long expiresIn = body.getJsonNumber("expires_in").longValue();
        return Optional.of(new CachedToken(body.getString("access_token"),
                Instant.now().plusSeconds(Math.max(0, expiresIn - EARLY_EXPIRY_SECONDS))));
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
