package dev.partnertokens.api.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import dev.partnertokens.api.testing.KeycloakTokens;
import dev.partnertokens.api.testing.PartnerApiDeployment;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Revocation reaches the partner API through the provider's feed (ADR 0007): what a key could do a moment ago it can
 * no longer do, within {@value #DEADLINE_SECONDS} seconds, whichever way it got its token. Latencies are printed.
 */
@ExtendWith(KeycloakExtension.class)
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevocationIT {

    private static final int DEADLINE_SECONDS = 5;
    private static final String QUOTE = "{\"sellCurrency\":\"EUR\",\"buyCurrency\":\"USD\",\"sellAmount\":100.00}";

    @ArquillianResource
    URL baseUrl;

    private final HttpClient http = HttpClient.newHttpClient();
    private KeycloakTokens tokens;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PartnerApiDeployment.builtByMaven();
    }

    @BeforeEach
    void tokens(KeycloakServer keycloak) {
        if (tokens == null) {
            tokens = new KeycloakTokens(keycloak);
        }
    }

    @Test
    void aRevokedKeyIsRefusedWithinFiveSecondsWithItsHourTokenItsSevenDayTokenAndItsCredentials() throws Exception {
        JsonObject key = tokens.createKey("acme", "to be revoked", "VIEW", "TRANSACT");
        String clientId = key.getString("clientId");
        String secret = key.getString("clientSecret");
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("client-credentials token (60 min)", "Bearer " + tokens.clientCredentials("partners", clientId, secret));
        credentials.put("refresh-token endpoint token (7 days)", "Bearer " + tokens.refreshTokenEndpoint(clientId, secret));
        credentials.put("HTTP Basic id:secret", "Basic " + Base64.getEncoder().encodeToString(
                (URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8)));
        for (Map.Entry<String, String> credential : credentials.entrySet()) {
            HttpResponse<String> before = send("GET", "api/v1/transactions", credential.getValue(), null);
            assertThat(before.statusCode()).as(credential.getKey() + " before revocation: " + before.body()).isEqualTo(200);
        }

        long revokedAt = System.nanoTime();
        tokens.revokeKey("acme", key.getString("id"));

        Map<String, Duration> refusedAfter = new LinkedHashMap<>();
        while (refusedAfter.size() < credentials.size() && Duration.ofNanos(System.nanoTime() - revokedAt).toSeconds() < DEADLINE_SECONDS) {
            for (Map.Entry<String, String> credential : credentials.entrySet()) {
                if (!refusedAfter.containsKey(credential.getKey())) {
                    HttpResponse<String> response = send("GET", "api/v1/transactions", credential.getValue(), null);
                    if (response.statusCode() == 401) {
                        assertInvalidToken(response);
                        refusedAfter.put(credential.getKey(), Duration.ofNanos(System.nanoTime() - revokedAt));
                    } else {
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    }
                }
            }
            Thread.sleep(100);
        }
        refusedAfter.forEach((credential, latency) ->
                System.out.printf("[revocation] %s refused %d ms after the revocation was answered%n", credential, latency.toMillis()));
        assertThat(refusedAfter).as("refused within " + DEADLINE_SECONDS + " s").containsOnlyKeys(credentials.keySet());
        assertThat(refusedAfter.values()).allMatch(latency -> latency.compareTo(Duration.ofSeconds(DEADLINE_SECONDS)) < 0);
    }

    @Test
    void afterItsRightsWereReducedAnOldTokenIsRefusedEverywhereAndANewTokenWorksWithinTheNewRights() throws Exception {
        JsonObject key = tokens.createKey("acme", "losing TRANSACT", "VIEW", "TRANSACT");
        String oldToken = "Bearer " + tokens.clientCredentials("partners", key.getString("clientId"), key.getString("clientSecret"));
        assertThat(send("POST", "api/v1/quotes", oldToken, QUOTE).statusCode()).isEqualTo(201);

        long editedAt = System.nanoTime();
        tokens.editKey("acme", key.getString("id"), Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("VIEW")).build());
        HttpResponse<String> quote = send("POST", "api/v1/quotes", oldToken, QUOTE);
        while (quote.statusCode() != 401 && Duration.ofNanos(System.nanoTime() - editedAt).toSeconds() < DEADLINE_SECONDS) {
            assertThat(quote.statusCode()).as(quote.body()).isEqualTo(201);
            Thread.sleep(100);
            quote = send("POST", "api/v1/quotes", oldToken, QUOTE);
        }
        System.out.printf("[revocation] a token holding a removed right refused %d ms after the edit was answered%n",
                Duration.ofNanos(System.nanoTime() - editedAt).toMillis());
        assertInvalidToken(quote);
        assertInvalidToken(send("GET", "api/v1/transactions", oldToken, null));

        String newToken = "Bearer " + tokens.clientCredentials("partners", key.getString("clientId"), key.getString("clientSecret"));
        assertThat(send("GET", "api/v1/transactions", newToken, null).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = send("POST", "api/v1/quotes", newToken, QUOTE);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("insufficient_scope"));
    }

    @Test
    void anotherKeyOfTheSamePartnerIsNotAffected() throws Exception {
        JsonObject revoked = tokens.createKey("acme", "revoked", "VIEW");
        JsonObject kept = tokens.createKey("acme", "kept", "VIEW");
        String revokedToken = "Bearer " + tokens.clientCredentials("partners", revoked.getString("clientId"), revoked.getString("clientSecret"));
        String keptToken = "Bearer " + tokens.clientCredentials("partners", kept.getString("clientId"), kept.getString("clientSecret"));
        tokens.revokeKey("acme", revoked.getString("id"));
        long revokedAt = System.nanoTime();
        while (send("GET", "api/v1/transactions", revokedToken, null).statusCode() != 401) {
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(DEADLINE_SECONDS));
            Thread.sleep(100);
        }
        assertThat(send("GET", "api/v1/transactions", keptToken, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aRotatedKeysOldSecretWorksByBasicUntilTheOverlapEndsThenNoMore() throws Exception {
        JsonObject key = tokens.createKey("acme", "rotated by basic", "VIEW");
        String oldBasic = basic(key.getString("clientId"), key.getString("clientSecret"));
        assertThat(send("GET", "api/v1/transactions", oldBasic, null).statusCode()).isEqualTo(200); // its token is kept

        JsonObject rotated = tokens.rotateKey("acme", key.getString("id"), "{\"overlapSeconds\":4}");
        long rotatedAt = System.nanoTime();
        String newBasic = basic(key.getString("clientId"), rotated.getString("clientSecret"));
        assertThat(send("GET", "api/v1/transactions", newBasic, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "api/v1/transactions", oldBasic, null).statusCode()).as("during the overlap").isEqualTo(200);

        HttpResponse<String> old = send("GET", "api/v1/transactions", oldBasic, null);
        while (old.statusCode() != 401 && Duration.ofNanos(System.nanoTime() - rotatedAt).toSeconds() < 4 + DEADLINE_SECONDS) {
            assertThat(old.statusCode()).as(old.body()).isEqualTo(200);
            Thread.sleep(200);
            old = send("GET", "api/v1/transactions", oldBasic, null);
        }
        System.out.printf("[revocation] a rotated-out secret refused by Basic %d ms after the rotation (overlap 4 s)%n",
                Duration.ofNanos(System.nanoTime() - rotatedAt).toMillis());
        assertInvalidToken(old);
        assertThat(send("GET", "api/v1/transactions", newBasic, null).statusCode()).isEqualTo(200);
    }

    @Test
    void endingTheOverlapRefusesTheOldSecretByBasicWithinFiveSeconds() throws Exception {
        JsonObject key = tokens.createKey("acme", "overlap ended", "VIEW");
        String oldBasic = basic(key.getString("clientId"), key.getString("clientSecret"));
        JsonObject rotated = tokens.rotateKey("acme", key.getString("id"), null);
        assertThat(send("GET", "api/v1/transactions", oldBasic, null).statusCode()).isEqualTo(200);

        tokens.endOverlap("acme", key.getString("id"));
        long endedAt = System.nanoTime();

        HttpResponse<String> old = send("GET", "api/v1/transactions", oldBasic, null);
        while (old.statusCode() != 401 && Duration.ofNanos(System.nanoTime() - endedAt).toSeconds() < DEADLINE_SECONDS) {
            Thread.sleep(100);
            old = send("GET", "api/v1/transactions", oldBasic, null);
        }
        assertInvalidToken(old);
        assertThat(send("GET", "api/v1/transactions", basic(key.getString("clientId"), rotated.getString("clientSecret")), null)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aRotationRevokesTheOldTokensOnlyWhenAskedTo() throws Exception {
        JsonObject kept = tokens.createKey("acme", "rotation keeps", "VIEW");
        JsonObject revoked = tokens.createKey("acme", "rotation revokes", "VIEW");
        String keptToken = "Bearer " + tokens.clientCredentials("partners", kept.getString("clientId"), kept.getString("clientSecret"));
        String revokedToken = "Bearer " + tokens.clientCredentials("partners", revoked.getString("clientId"), revoked.getString("clientSecret"));
        Thread.sleep(1_100); // a revocation refuses tokens issued up to its second

        tokens.rotateKey("acme", kept.getString("id"), null);
        tokens.rotateKey("acme", revoked.getString("id"), "{\"revokeOldTokens\":true}");
        long rotatedAt = System.nanoTime();

        while (send("GET", "api/v1/transactions", revokedToken, null).statusCode() != 401) {
            assertThat(Duration.ofNanos(System.nanoTime() - rotatedAt)).isLessThan(Duration.ofSeconds(DEADLINE_SECONDS));
            Thread.sleep(100);
        }
        assertThat(send("GET", "api/v1/transactions", keptToken, null).statusCode()).isEqualTo(200);
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInvalidToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("error=\"invalid_token\""));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", authorization);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
