package dev.partnertokens.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

import jakarta.json.Json;

import com.sun.net.httpserver.HttpServer;
import dev.partnertokens.api.revocation.RevocationList;
import dev.partnertokens.api.revocation.RevocationListAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Basic credentials exchanged once, kept until shortly before expiry, forgotten when the revocation feed names the key. */
class ClientCredentialsExchangeTest {

    private static final String ADDRESS = "203.0.113.7";
    private static final String ELSEWHERE = "198.51.100.9";

    private HttpServer keycloak;
    private final Set<String> throttledKeys = new CopyOnWriteArraySet<>();
    private volatile long answerDelayMillis;
    private final List<String> exchanged = new CopyOnWriteArrayList<>();
    private final List<String> forwardedFor = new CopyOnWriteArrayList<>();
    private final Set<String> revokedKeys = new CopyOnWriteArraySet<>();
    private volatile int expiresIn = 3600;
    private final RevocationList revocations = new RevocationList();
    private ClientCredentialsExchange exchange;

    @BeforeEach
    void fakeTokenEndpoint() throws IOException {
        keycloak = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keycloak.createContext("/token", http -> {
            String pair = new String(Base64.getDecoder().decode(http.getRequestHeaders().getFirst("Authorization").substring(6)),
                    StandardCharsets.UTF_8);
            String clientId = pair.substring(0, pair.indexOf(':'));
            exchanged.add(clientId);
            sleepQuietly(answerDelayMillis);
            if (throttledKeys.contains(clientId)) {
                byte[] body = "{\"error\":\"too_many_requests\"}".getBytes(StandardCharsets.UTF_8);
                http.getResponseHeaders().add("Retry-After", "120");
                http.sendResponseHeaders(429, body.length);
                try (OutputStream out = http.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            String from = http.getRequestHeaders().getFirst("X-Forwarded-For");
            forwardedFor.add(String.valueOf(from));
            // as Keycloak would for a key whose allowlist holds only ADDRESS
            boolean refused = revokedKeys.contains(clientId) || ELSEWHERE.equals(from);
            byte[] body = (refused ? "{\"error\":\"invalid_client\"}"
                    : Json.createObjectBuilder().add("access_token", "token-" + exchanged.size() + "-of-" + clientId)
                    .add("expires_in", expiresIn).build().toString()).getBytes(StandardCharsets.UTF_8);
            http.sendResponseHeaders(refused ? 401 : 200, body.length);
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        });
        keycloak.start();
        exchange = new ClientCredentialsExchange();
        exchange.keycloak = KeycloakTokenEndpoint.at(URI.create("http://127.0.0.1:" + keycloak.getAddress().getPort() + "/token"), 2);
        exchange.revocations = revocations;
        exchange.followRevocations();
    }

    @AfterEach
    void stop() {
        keycloak.stop(0);
    }

    @Test
    void theSameCredentialsAreExchangedOnceAndOtherCredentialsOfTheSameKeySeparately() {
        String first = exchange.tokenFor("pk-1:secret", ADDRESS).orElseThrow();
        assertThat(exchange.tokenFor("pk-1:secret", ADDRESS)).hasValue(first);
        assertThat(exchange.tokenFor("pk-1:other-secret", ADDRESS)).isPresent().isNotEqualTo(first);
        assertThat(exchanged).containsExactly("pk-1", "pk-1");
    }

    @Test
    void aTokenThatExpiresWithinThirtySecondsIsNotKept() {
        expiresIn = 30;
        exchange.tokenFor("pk-1:secret", ADDRESS);
        exchange.tokenFor("pk-1:secret", ADDRESS);
        assertThat(exchanged).hasSize(2);
    }

    @Test
    void whenAnEntryAboutAKeyArrivesItsTokensAreForgottenAndOnlyItsCredentialsAreExchangedAgain() {
        exchange.tokenFor("pk-1:secret", ADDRESS);
        exchange.tokenFor("pk-1:other-secret", ADDRESS);
        exchange.tokenFor("pk-2:secret", ADDRESS);
        revokedKeys.add("pk-1");
        announceKeyEntry("pk-1");

        assertThat(exchange.tokenFor("pk-1:secret", ADDRESS)).as("Keycloak refuses the revoked key").isEmpty();
        assertThat(exchange.tokenFor("pk-2:secret", ADDRESS)).isPresent();
        assertThat(exchanged).containsExactly("pk-1", "pk-1", "pk-2", "pk-1");
    }

    @Test
    void aForgottenTokenIsExchangedAgain() {
        String first = exchange.tokenFor("pk-1:secret", ADDRESS).orElseThrow();
        exchange.forget("pk-1:secret");
        assertThat(exchange.tokenFor("pk-1:secret", ADDRESS)).isPresent().isNotEqualTo(first);
    }

    @Test
    void refusedCredentialsAreRememberedBrieflySoThatRepeatingThemCostsKeycloakOneCall() {
        revokedKeys.add("pk-1");
        for (int i = 0; i < 5; i++) {
            assertThat(exchange.tokenFor("pk-1:wrong", ADDRESS)).isEmpty();
        }
        assertThat(exchanged).containsExactly("pk-1");
    }

    @Test
    void refusedCredentialsAreAskedAgainOnceTheMemoryEnds() throws InterruptedException {
        exchange.refusedMemorySeconds = 1;
        revokedKeys.add("pk-1");
        assertThat(exchange.tokenFor("pk-1:wrong", ADDRESS)).isEmpty();
        Thread.sleep(1_200);
        assertThat(exchange.tokenFor("pk-1:wrong", ADDRESS)).isEmpty();
        assertThat(exchanged).containsExactly("pk-1", "pk-1");
    }

    @Test
    void whatIsKeptForOneAddressIsNotAnswerForAnother() {
        revokedKeys.add("pk-1");
        exchange.tokenFor("pk-1:wrong", ADDRESS);
        exchange.tokenFor("pk-1:wrong", "198.51.100.9");
        assertThat(exchanged).containsExactly("pk-1", "pk-1");
    }

    @Test
    void identicalExchangesAtTheSameTimeMakeOneCallToKeycloak() throws Exception {
        answerDelayMillis = 500;
        int callers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<java.util.Optional<String>>> tokens = new java.util.ArrayList<>();
            for (int i = 0; i < callers; i++) {
                tokens.add(pool.submit(() -> {
                    start.await();
                    return exchange.tokenFor("pk-1:secret", ADDRESS);
                }));
            }
            start.countDown();
            java.util.Set<String> got = new java.util.HashSet<>();
            for (java.util.concurrent.Future<java.util.Optional<String>> token : tokens) {
                got.add(token.get().orElseThrow());
            }
            assertThat(got).as("one token for all").hasSize(1);
            assertThat(exchanged).containsExactly("pk-1");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keycloaksThrottleReachesTheCallerWithTheSecondsLeftWithoutAskingKeycloakAgain() {
        throttledKeys.add("pk-1");
        for (int i = 0; i < 3; i++) {
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ThrottledByKeycloakException.class,
                    () -> exchange.tokenFor("pk-1:secret", ADDRESS)).retryAfterSeconds()).isBetween(118L, 120L);
        }
        assertThat(exchanged).containsExactly("pk-1");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void announceKeyEntry(String clientId) {
        // As the feed reader does: an entry about the key, whatever its reason.
        RevocationListAccess.add(revocations, clientId);
    }

    @Test
    void keycloakIsToldThePartnersAddressAndAPairAcceptedFromOneAddressIsRefusedFromAnother() {
        assertThat(exchange.tokenFor("pk-1:secret", ADDRESS)).isPresent();
        assertThat(exchange.tokenFor("pk-1:secret", ELSEWHERE)).as("refused from elsewhere, though kept for ADDRESS").isEmpty();
        assertThat(forwardedFor).containsExactly(ADDRESS, ELSEWHERE);
        assertThat(exchange.tokenFor("pk-1:secret", ADDRESS)).as("still kept for ADDRESS").isPresent();
        assertThat(exchanged).hasSize(2);
    }
}
