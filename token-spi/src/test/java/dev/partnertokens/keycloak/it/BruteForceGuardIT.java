package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnertokens.testing.FromAddress;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster-wide brute-force guard (docs/brute-force-guard.md): an address that fails too often is answered 429 with
 * {@code Retry-After} at all three entry points, before its secret is looked at, for unknown ids exactly as for keys;
 * an address that has not failed keeps getting tokens. Requests come from real, different source addresses (127.0.0.x).
 *
 * <p>The tests' Keycloak runs with the guard off by default (they share one address and fail on purpose); each test
 * here switches it on through the admin console's tab, with a window length of its own, so that no test sees another's
 * counts (the counters belong to a window length), and switches it off again.
 */
@ExtendWith(KeycloakExtension.class)
class BruteForceGuardIT {

    private static final String TAB_TYPE = "org.keycloak.services.ui.extend.UiTabProvider";
    private static final List<String> FIELDS = List.of("brute-force-enabled", "brute-force-window-seconds",
            "brute-force-address-failures", "brute-force-address-key-failures", "brute-force-key-failures");
    /** Long windows (about an hour) never end in the middle of a test; each test takes the next length. */
    private static final AtomicInteger WINDOWS = new AtomicInteger(3600);
    private static final String WRONG = "ptk_" + "0".repeat(43);

    private final FromAddress partner = FromAddress.of("127.0.0.1");
    private final FromAddress stranger = FromAddress.of("127.0.0.2");
    private PartnerRealm realm;
    private RealmAdmin admin;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
    }

    @AfterEach
    void guardBackToTheServersDefault() {
        assertThat(saveTab(Map.of()).statusCode()).isIn(201, 204);
    }

    /** Switches the guard on with these limits and a window of its own, with room left in the current window. */
    private long guard(int perAddress, int perAddressAndKey, int perKey) {
        // a length of its own whose current window has 2 minutes left, rather than waiting for the next window
        int window = WINDOWS.incrementAndGet();
        while (window - (System.currentTimeMillis() / 1000) % window < 130) {
            window = WINDOWS.incrementAndGet();
        }
        return guard(window, perAddress, perAddressAndKey, perKey, 120);
    }

    private long guard(int window, int perAddress, int perAddressAndKey, int perKey, int roomSeconds) {
        HttpResponse<String> saved = saveTab(Map.of("brute-force-enabled", "true", "brute-force-window-seconds", String.valueOf(window),
                "brute-force-address-failures", String.valueOf(perAddress),
                "brute-force-address-key-failures", String.valueOf(perAddressAndKey),
                "brute-force-key-failures", String.valueOf(perKey)));
        assertThat(saved.statusCode()).as(saved.body()).isIn(201, 204);
        long left = window - (System.currentTimeMillis() / 1000) % window;
        if (left < roomSeconds) {
            sleep(left * 1000 + 300); // windows are aligned on the epoch: start the test in a fresh one
        }
        return window;
    }

    /** What the tab's Save sends: its fields (the guard's here) as one realm component. */
    private HttpResponse<String> saveTab(Map<String, String> fields) {
        ObjectNode tab = JsonNodeFactory.instance.objectNode()
                .put("name", "partner-keys").put("providerId", "partner-keys").put("providerType", TAB_TYPE)
                .put("parentId", admin.realmId());
        ObjectNode config = tab.putObject("config");
        config.putArray("realm").add(PartnerRealm.REALM);
        config.putArray("tab").add("partner-keys");
        for (String name : FIELDS) {
            config.putArray(name).add(fields.getOrDefault(name, ""));
        }
        for (JsonNode component : admin.read("/components?type=" + TAB_TYPE)) {
            if ("partner-keys".equals(component.path("providerId").asText())) {
                tab.put("id", component.path("id").asText());
                return admin.call("PUT", "/components/" + component.path("id").asText(), tab.toString());
            }
        }
        return admin.call("POST", "/components", tab.toString());
    }

    private FromAddress.Answer tokenEndpoint(FromAddress from, String clientId, String secret) {
        return from.send("POST", realm.tokenEndpoint(), null, "grant_type=client_credentials",
                "Authorization", Http.basic(clientId, secret), "Content-Type", "application/x-www-form-urlencoded");
    }

    private FromAddress.Answer refreshTokenEndpoint(FromAddress from, String clientId, String secret) {
        return from.send("POST", realm.refreshTokenEndpoint(), null, "{\"apiKey\":\"" + clientId + "\"}",
                "api-secret", secret, "Content-Type", "application/json");
    }

    private FromAddress.Answer tokensApi(FromAddress from, String clientId, String secret) {
        return from.get(realm.tokens("limit=1"), "Authorization", Http.basic(clientId, secret));
    }

    private static void assertTooManyRequests(FromAddress.Answer answer, long window) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(429);
        assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, window);
        assertThat(answer.body()).contains("Too many failed authentications; try again in " + answer.header("Retry-After") + " seconds");
    }

    private static void assertGotToken(FromAddress.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private long auditHead() {
        return realm.feedHead("audit", realm.partnerApiToken());
    }

    private List<JsonNode> throttlesAfter(long after) {
        List<JsonNode> entries = new ArrayList<>();
        HttpResponse<String> feed = realm.feed("audit", "after=" + after + "&limit=500", realm.partnerApiToken());
        assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
        assertThat(feed.body()).doesNotContain("ptk_");
        Http.json(feed).path("entries").forEach(entry -> {
            if ("THROTTLED".equals(entry.path("action").asText())) {
                entries.add(entry);
            }
        });
        return entries;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class AnAddressThatFailedTooOftenWithAKey {

        @Test
        void isRefusedAtAllThreeEntryPointsEvenWithTheRightSecret() {
            long window = guard(100, 3, 1000);
            PartnerRealm.Key key = realm.createKey("acme", "guarded", "VIEW");
            for (int i = 0; i < 3; i++) {
                assertThat(tokenEndpoint(stranger, key.clientId(), WRONG).status()).isEqualTo(401);
            }

            FromAddress.Answer token = tokenEndpoint(stranger, key.clientId(), key.secret());
            assertTooManyRequests(token, window);
            assertThat(Http.json(token.body()).path("error").asText()).isEqualTo("too_many_requests");
            assertThat(token.header("Cache-Control")).isEqualTo("no-store");
            FromAddress.Answer refresh = refreshTokenEndpoint(stranger, key.clientId(), key.secret());
            assertTooManyRequests(refresh, window);
            assertThat(Http.json(refresh.body()).path("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
            FromAddress.Answer tokens = tokensApi(stranger, key.clientId(), key.secret());
            assertTooManyRequests(tokens, window);
            assertThat(Http.json(tokens.body()).path("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
        }

        @Test
        void doesNotStopThePartnerCallingFromAnAddressThatHasNotFailed() {
            guard(100, 3, 1000);
            PartnerRealm.Key key = realm.createKey("acme", "guarded", "VIEW");
            for (int i = 0; i < 3; i++) {
                assertThat(tokenEndpoint(stranger, key.clientId(), WRONG).status()).isEqualTo(401);
            }
            assertThat(tokenEndpoint(stranger, key.clientId(), key.secret()).status()).isEqualTo(429);

            assertGotToken(tokenEndpoint(partner, key.clientId(), key.secret()));
            assertGotToken(refreshTokenEndpoint(partner, key.clientId(), key.secret()));
            assertGotToken(tokensApi(partner, key.clientId(), key.secret()));
        }

        @Test
        void isAllowedAgainWhenTheWindowEnds() {
            int window = 9; // no other test uses this length
            guard(window, 100, 2, 1000, 7);
            PartnerRealm.Key key = realm.createKey("acme", "guarded", "VIEW");
            assertThat(tokenEndpoint(stranger, key.clientId(), WRONG).status()).isEqualTo(401);
            assertThat(tokenEndpoint(stranger, key.clientId(), WRONG).status()).isEqualTo(401);
            FromAddress.Answer throttled = tokenEndpoint(stranger, key.clientId(), key.secret());
            assertTooManyRequests(throttled, window);

            sleep(Long.parseLong(throttled.header("Retry-After")) * 1000 + 500);

            assertGotToken(tokenEndpoint(stranger, key.clientId(), key.secret()));
        }
    }

    @Nested
    class AnUnknownId {

        /** Status, headers and body, with the seconds left out (they tick). */
        private Map<String, Object> shape(FromAddress.Answer answer) {
            Map<String, Object> shape = new TreeMap<>();
            shape.put("status", answer.status());
            answer.headers().forEach((name, values) -> {
                if (!name.equals("retry-after") && !name.equals("content-length") && !name.equals("date")) {
                    shape.put(name, values);
                }
            });
            shape.put("retry-after present", answer.header("Retry-After") != null);
            shape.put("body", answer.body().replaceAll("\\d+ seconds", "N seconds"));
            return shape;
        }

        @Test
        void isAnsweredExactlyAsAKeyAfterTheSameFailuresAtEveryEntryPoint() {
            guard(100, 3, 1000);
            PartnerRealm.Key key = realm.createKey("acme", "real", "VIEW");
            String unknown = "pk-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
            for (int i = 0; i < 3; i++) {
                assertThat(shape(tokenEndpoint(stranger, unknown, WRONG)))
                        .isEqualTo(shape(tokenEndpoint(stranger, key.clientId(), WRONG)));
            }

            FromAddress.Answer forKey = tokenEndpoint(stranger, key.clientId(), key.secret());
            FromAddress.Answer forUnknown = tokenEndpoint(stranger, unknown, WRONG);
            assertThat(forKey.status()).isEqualTo(429);
            assertThat(shape(forUnknown)).isEqualTo(shape(forKey));
            assertThat(shape(refreshTokenEndpoint(stranger, unknown, WRONG)))
                    .isEqualTo(shape(refreshTokenEndpoint(stranger, key.clientId(), key.secret())));
            assertThat(shape(tokensApi(stranger, unknown, WRONG)))
                    .isEqualTo(shape(tokensApi(stranger, key.clientId(), key.secret())));
        }
    }

    @Nested
    class AnAddressThatFailedWithManyIds {

        @Test
        void isRefusedForEveryIdWhileOtherAddressesAreNot() {
            long window = guard(5, 100, 1000);
            PartnerRealm.Key key = realm.createKey("acme", "never guessed", "VIEW");
            for (int i = 0; i < 5; i++) {
                assertThat(tokenEndpoint(stranger, "pk-guess-" + i + "-" + UUID.randomUUID(), WRONG).status()).isEqualTo(401);
            }

            assertTooManyRequests(tokenEndpoint(stranger, key.clientId(), key.secret()), window);
            assertGotToken(tokenEndpoint(partner, key.clientId(), key.secret()));
        }

        @Test
        void leavesOneAuditEntryAndOneEventForTheWindowNamingTheAddressKeycloakSaw() {
            admin.storeEvents("CLIENT_LOGIN_ERROR");
            guard(4, 100, 1000);
            PartnerRealm.Key key = realm.createKey("acme", "audited", "VIEW");
            long before = auditHead();
            for (int i = 0; i < 4; i++) {
                assertThat(tokenEndpoint(stranger, key.clientId() + "-guess-" + i, WRONG).status()).isEqualTo(401);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(tokenEndpoint(stranger, key.clientId(), key.secret()).status()).isEqualTo(429);
                assertThat(refreshTokenEndpoint(stranger, key.clientId(), key.secret()).status()).isEqualTo(429);
            }

            List<JsonNode> throttles = throttlesAfter(before);
            assertThat(throttles).as("one entry for the address and window, however many refusals").hasSize(1);
            JsonNode entry = throttles.get(0);
            assertThat(entry.path("sourceIp").asText()).isEqualTo("127.0.0.2");
            assertThat(entry.path("status").asInt()).isEqualTo(429);
            assertThat(entry.path("count").asInt()).isEqualTo(4);
            assertThat(entry.path("detail").asText()).contains("Address 127.0.0.2", "4 failed authentications", "every key id");
            List<JsonNode> events = new ArrayList<>();
            admin.events("CLIENT_LOGIN_ERROR").forEach(event -> {
                if ("partner_key_throttled".equals(event.path("error").asText()) && "127.0.0.2".equals(event.path("ipAddress").asText())
                        && "ADDRESS".equals(event.path("details").path("rule").asText())) {
                    events.add(event);
                }
            });
            assertThat(events).as("one Keycloak event").hasSize(1);
            assertThat(events.get(0).path("details").path("partner_key_action").asText()).isEqualTo("THROTTLED");
        }
    }

    @Nested
    class AKeyGuessedFromManyAddresses {

        @Test
        void isRefusedOnlyToTheAddressesThatFailedWithIt() {
            long window = guard(100, 100, 3);
            PartnerRealm.Key key = realm.createKey("acme", "guessed", "VIEW");
            long before = auditHead();
            for (String address : List.of("127.0.0.3", "127.0.0.4", "127.0.0.5")) {
                assertThat(tokenEndpoint(FromAddress.of(address), key.clientId(), WRONG).status()).isEqualTo(401);
            }

            assertTooManyRequests(tokenEndpoint(FromAddress.of("127.0.0.3"), key.clientId(), key.secret()), window);
            assertGotToken(tokenEndpoint(partner, key.clientId(), key.secret()));
            assertGotToken(tokenEndpoint(stranger, key.clientId(), key.secret()));
            assertThat(tokenEndpoint(stranger, key.clientId(), WRONG).status()).isEqualTo(401);
            assertTooManyRequests(tokenEndpoint(stranger, key.clientId(), key.secret()), window);
            assertGotToken(tokenEndpoint(partner, key.clientId(), key.secret()));

            List<JsonNode> throttles = throttlesAfter(before);
            assertThat(throttles).hasSize(1);
            assertThat(throttles.get(0).path("keyClientId").asText()).isEqualTo(key.clientId());
            assertThat(throttles.get(0).path("detail").asText()).contains("from all addresses together");
        }
    }

    @Nested
    class TheSettings {

        @Test
        void offLetEveryAttemptThrough() {
            saveTab(Map.of("brute-force-enabled", "false", "brute-force-address-key-failures", "1"));
            PartnerRealm.Key key = realm.createKey("acme", "unguarded", "VIEW");
            for (int i = 0; i < 3; i++) {
                assertThat(tokenEndpoint(stranger, key.clientId(), WRONG).status()).isEqualTo(401);
            }
            assertGotToken(tokenEndpoint(stranger, key.clientId(), key.secret()));
        }

        @Test
        void refuseBadValuesWithAMessageAndChangeNothing() {
            Map<String, String> bad = new HashMap<>();
            bad.put("brute-force-window-seconds", "0");
            HttpResponse<String> window = saveTab(bad);
            assertThat(window.statusCode()).isEqualTo(400);
            assertThat(window.body()).contains("brute-force window", "from 1 to 86400", "\\\"0\\\"");
            HttpResponse<String> count = saveTab(Map.of("brute-force-address-key-failures", "ten"));
            assertThat(count.statusCode()).isEqualTo(400);
            assertThat(count.body()).contains("failures allowed per address and key", "whole number");
            HttpResponse<String> enabled = saveTab(Map.of("brute-force-enabled", "maybe"));
            assertThat(enabled.statusCode()).isEqualTo(400);
            assertThat(enabled.body()).contains("true or false");
            JsonNode attributes = Http.json(admin.call("GET", "", null)).path("attributes");
            assertThat(attributes.has("partner-tokens.brute-force.window-seconds")).isFalse();
            assertThat(attributes.has("partner-tokens.brute-force.address-key-failures")).isFalse();
            assertThat(attributes.has("partner-tokens.brute-force.enabled")).isFalse();
        }
    }
}
