package dev.partnertokens.api.security;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
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

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The realm's token endpoint, for the client credentials grant: the one place this API asks Keycloak for a token,
 * with a bounded timeout ({@code partner-api.keycloak.timeout-seconds}). The endpoint is the issuer's, unless
 * {@code partner-api.keycloak.token-endpoint} names another (Keycloak reached through an internal address).
 */
@ApplicationScoped
public class KeycloakTokenEndpoint {

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.token-endpoint")
    Optional<String> configuredTokenEndpoint;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.timeout-seconds", defaultValue = "5")
    long timeoutSeconds;

    private HttpClient http;
    private URI tokenEndpoint;

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
        tokenEndpoint = URI.create(configuredTokenEndpoint.orElse(issuer + "/protocol/openid-connect/token"));
    }

    /** An endpoint outside CDI, for example in a unit test against a fake Keycloak. */
    public static KeycloakTokenEndpoint at(URI tokenEndpoint, long timeoutSeconds) {
        KeycloakTokenEndpoint endpoint = new KeycloakTokenEndpoint();
        endpoint.timeoutSeconds = timeoutSeconds;
        endpoint.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
        endpoint.tokenEndpoint = tokenEndpoint;
        return endpoint;
    }

    /** A token for this API's own credentials (its service account): no partner's address to tell. */
    public Optional<IssuedToken> clientCredentials(String basicPair) {
        return clientCredentials(basicPair, null);
    }

    /**
     * A token for {@code clientId:clientSecret} (both parts form-urlencoded, as RFC 6749 §2.3.1 wants), or empty
     * when Keycloak refuses the credentials. The request tells Keycloak the partner's address in
     * {@code X-Forwarded-For} (exactly that one address), so that a key's IP allowlist is checked against the partner,
     * not against this API: Keycloak must declare this API a trusted proxy ({@code proxy-headers=xforwarded},
     * {@code proxy-trusted-addresses}; docs/ip-allowlists.md).
     *
     * @param clientAddress the partner's address as {@link ClientAddress} determined it
     *
     * @throws KeycloakUnavailableException when Keycloak cannot be reached in time, fails (5xx), or answers with
     *                                      something that is not a token response
     * @throws ThrottledByKeycloakException when Keycloak's brute-force guard answers 429
     */
    public Optional<IssuedToken> clientCredentials(String basicPair, String clientAddress) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(tokenEndpoint);
        if (clientAddress != null) {
            builder.header(ClientAddress.FORWARDED_FOR, clientAddress);
        }
        HttpRequest request = builder
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
        } catch (IOException e) {
            throw new KeycloakUnavailableException();
        }
        if (response.statusCode() >= 500) {
            throw new KeycloakUnavailableException();
        }
        if (response.statusCode() == 429) {
            throw new ThrottledByKeycloakException(response.headers().firstValue("Retry-After")
                    .map(KeycloakTokenEndpoint::seconds).orElse(1L));
        }
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        try {
            JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
            long expiresIn = body.getJsonNumber("expires_in").longValue();
            return Optional.of(new IssuedToken(body.getString("access_token"), Instant.now().plusSeconds(expiresIn)));
        } catch (JsonException | ClassCastException | NullPointerException e) {
            throw new KeycloakUnavailableException();
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.trim());
        } catch (NumberFormatException e) {
            return 1; // an HTTP date or nonsense: ask again in a second
        }
    }

    /** An access token and when it expires. */
    public record IssuedToken(String accessToken, Instant expiresAt) {

        /** When to stop using it: {@code earlySeconds} before it expires. */
        public Instant usableUntil(long earlySeconds) {
            return expiresAt.minusSeconds(earlySeconds);
        }
    }
}
