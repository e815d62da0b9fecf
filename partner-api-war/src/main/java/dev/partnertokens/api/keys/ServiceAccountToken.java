package dev.partnertokens.api.keys;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;

import dev.partnertokens.api.security.KeycloakUnavailableException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The partner API's own access token (client credentials of its service account, which holds
 * {@code manage-partner-keys}), kept until {@value #EARLY_EXPIRY_SECONDS} seconds before it expires. No person's
 * token is ever sent to Keycloak's tokens API.
 */
@ApplicationScoped
public class ServiceAccountToken {

    static final long EARLY_EXPIRY_SECONDS = 30;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.token-endpoint")
    Optional<String> configuredTokenEndpoint;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.client-id")
    String clientId;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.client-secret")
    String clientSecret;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.timeout-seconds", defaultValue = "5")
    long timeoutSeconds;

    private HttpClient http;
    private URI tokenEndpoint;
    private volatile Cached cached;

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
        tokenEndpoint = URI.create(configuredTokenEndpoint.orElse(issuer + "/protocol/openid-connect/token"));
    }

    /**
     * A valid access token of the partner API's service account.
     *
     * @throws KeycloakUnavailableException when Keycloak cannot be reached in time or refuses the service account
     */
    public String get() {
        Cached current = cached;
        if (current != null && current.validUntil().isAfter(Instant.now())) {
            return current.token();
        }
        synchronized (this) {
            if (cached == null || !cached.validUntil().isAfter(Instant.now())) {
                cached = fetch();
            }
            return cached.token();
        }
    }

    /** Forgets the token, for example after Keycloak refused it. */
    public void forget() {
        cached = null;
    }

    private Cached fetch() {
        String basic = form(clientId) + ":" + form(clientSecret);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeycloakUnavailableException();
        } catch (IOException e) {
            throw new KeycloakUnavailableException();
        }
        // A refused service account is a misconfiguration of this API, not the caller's fault: 503 as well.
        if (response.statusCode() != 200) {
            throw new KeycloakUnavailableException();
        }
        try {
            JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
            long expiresIn = body.getJsonNumber("expires_in").longValue();
            return new Cached(body.getString("access_token"), Instant.now().plusSeconds(Math.max(0, expiresIn - EARLY_EXPIRY_SECONDS)));
        } catch (JsonException | ClassCastException | NullPointerException e) {
            throw new KeycloakUnavailableException();
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Cached(String token, Instant validUntil) {
    }
}
