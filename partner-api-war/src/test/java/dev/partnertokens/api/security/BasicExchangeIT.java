package dev.partnertokens.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

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
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTP Basic at the partner API costs Keycloak as little as it can: a wrong pair repeated reaches Keycloak once while
 * the partner API remembers it, identical requests at the same moment make one exchange, and Keycloak's brute-force
 * throttle reaches the caller as 429 with {@code Retry-After}. Keycloak's calls are counted with its own events.
 */
@ExtendWith(KeycloakExtension.class)
@ExtendWith(ArquillianExtension.class)
class BasicExchangeIT {

    @ArquillianResource
    URL baseUrl;

    private final HttpClient http = HttpClient.newHttpClient();
    private KeycloakServer keycloak;
    private KeycloakTokens tokens;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PartnerApiDeployment.builtByMaven();
    }

    @BeforeEach
    void keycloakStoresClientEvents(KeycloakServer keycloak) throws Exception {
        this.keycloak = keycloak;
        this.tokens = new KeycloakTokens(keycloak);
        HttpResponse<String> saved = admin("PUT", "/events/config", "{\"eventsEnabled\":true,\"eventsListeners\":[\"jboss-logging\"],"
                + "\"enabledEventTypes\":[\"CLIENT_LOGIN\",\"CLIENT_LOGIN_ERROR\"]}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(204);
    }

    @Test
    void aWrongPairRepeatedReachesKeycloakOnceWhileThePartnerApiRemembersIt() throws Exception {
        JsonObject key = tokens.createKey("acme", "basic wrong pair", "VIEW");
        String wrong = basic(key.getString("clientId"), "ptk_" + "1".repeat(43));

        for (int i = 0; i < 5; i++) {
            assertThat(transactions(wrong).statusCode()).isEqualTo(401);
        }

        assertThat(keycloakEvents("CLIENT_LOGIN_ERROR", key.getString("clientId"))).as("failed client authentications at Keycloak").isEqualTo(1);
        assertThat(transactions(basic(key.getString("clientId"), key.getString("clientSecret"))).statusCode())
                .as("the right secret is another pair").isEqualTo(200);
    }

    @Test
    void identicalRequestsAtTheSameMomentMakeOneExchange() throws Exception {
        JsonObject key = tokens.createKey("acme", "basic concurrent", "VIEW");
        String right = basic(key.getString("clientId"), key.getString("clientSecret"));
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return transactions(right).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(keycloakEvents("CLIENT_LOGIN", key.getString("clientId"))).as("tokens Keycloak issued").isEqualTo(1);
    }

    @Test
    void keycloaksThrottleReachesTheCallerAs429WithRetryAfter() throws Exception {
        JsonObject key = tokens.createKey("acme", "basic throttled", "VIEW");
        String clientId = key.getString("clientId");
        setGuard(true);
        try {
            // different wrong pairs, so that each reaches Keycloak (the partner API's address is the one it counts)
            assertThat(transactions(basic(clientId, "ptk_" + "2".repeat(43))).statusCode()).isEqualTo(401);
            assertThat(transactions(basic(clientId, "ptk_" + "3".repeat(43))).statusCode()).isEqualTo(401);

            HttpResponse<String> throttled = transactions(basic(clientId, key.getString("clientSecret")));

            assertThat(throttled.statusCode()).as(throttled.body()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                    assertThat(Long.parseLong(seconds)).isBetween(1L, 3607L));
            assertThat(throttled.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(throttled.body()).contains("Too many failed authentications").doesNotContain("ptk_");
            HttpResponse<String> again = transactions(basic(clientId, key.getString("clientSecret")));
            assertThat(again.statusCode()).isEqualTo(429);
            assertThat(keycloakEvents("CLIENT_LOGIN_ERROR", clientId)).as("the throttle is remembered: Keycloak asked once for it")
                    .isEqualTo(3);
        } finally {
            setGuard(false);
        }
    }

    private HttpResponse<String> transactions(String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "api/v1/transactions")).header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String id, String secret) {
        String pair = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The realm's brute-force guard on (2 failures per address and key, a window of its own) or back to the default. */
    private void setGuard(boolean on) throws Exception {
        JsonObject realm = Json.createReader(new StringReader(admin("GET", "", null).body())).readObject();
        JsonObjectBuilder attributes = Json.createObjectBuilder(realm.getJsonObject("attributes") == null ? JsonValue.EMPTY_JSON_OBJECT
                : realm.getJsonObject("attributes"));
        for (String name : List.of("enabled", "window-seconds", "address-key-failures")) {
            attributes.remove("partner-tokens.brute-force." + name);
        }
        if (on) {
            attributes.add("partner-tokens.brute-force.enabled", "true")
                    .add("partner-tokens.brute-force.window-seconds", "3607")
                    .add("partner-tokens.brute-force.address-key-failures", "2");
        }
        HttpResponse<String> saved = admin("PUT", "", Json.createObjectBuilder(realm).add("attributes", attributes).build().toString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(204);
    }

    /** How many requests of the client Keycloak answered with this event type (the guard's own event left out). */
    private int keycloakEvents(String type, String clientId) throws Exception {
        HttpResponse<String> events = admin("GET", "/events?type=" + type + "&client=" + clientId + "&max=1000", null);
        assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
        JsonArray array = Json.createReader(new StringReader(events.body())).readArray();
        return (int) array.stream().map(JsonValue::asJsonObject)
                .filter(event -> !"partner_key_throttled".equals(event.getString("error", ""))).count();
    }

    private HttpResponse<String> admin(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.baseUri() + "/admin/realms/partners" + path))
                .header("Authorization", "Bearer " + keycloak.adminAccessToken());
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
