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

    private static final String PARTNER = "203.0.113.7";
    private static final String ELSEWHERE = "198.51.100.9";

    private HttpServer keycloak;
    private final List<String> forwardedFor = new CopyOnWriteArrayList<>();
    private final List<String> exchanged = new CopyOnWriteArrayList<>();
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
            String from = http.getRequestHeaders().getFirst("X-Forwarded-For");
            forwardedFor.add(String.valueOf(from));
            // as Keycloak would for a key whose allowlist holds only PARTNER
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
        String first = exchange.tokenFor("pk-1:secret", PARTNER).orElseThrow();
        assertThat(exchange.tokenFor("pk-1:secret", PARTNER)).hasValue(first);
        assertThat(exchange.tokenFor("pk-1:other-secret", PARTNER)).isPresent().isNotEqualTo(first);
        assertThat(exchanged).containsExactly("pk-1", "pk-1");
    }

    @Test
    void aTokenThatExpiresWithinThirtySecondsIsNotKept() {
        expiresIn = 30;
        exchange.tokenFor("pk-1:secret", PARTNER);
        exchange.tokenFor("pk-1:secret", PARTNER);
        assertThat(exchanged).hasSize(2);
    }

    @Test
    void whenAnEntryAboutAKeyArrivesItsTokensAreForgottenAndOnlyItsCredentialsAreExchangedAgain() {
        exchange.tokenFor("pk-1:secret", PARTNER);
        exchange.tokenFor("pk-1:other-secret", PARTNER);
        exchange.tokenFor("pk-2:secret", PARTNER);
        revokedKeys.add("pk-1");
        announceKeyEntry("pk-1");

        assertThat(exchange.tokenFor("pk-1:secret", PARTNER)).as("Keycloak refuses the revoked key").isEmpty();
        assertThat(exchange.tokenFor("pk-2:secret", PARTNER)).isPresent();
        assertThat(exchanged).containsExactly("pk-1", "pk-1", "pk-2", "pk-1");
    }

    @Test
    void aForgottenTokenIsExchangedAgain() {
        String first = exchange.tokenFor("pk-1:secret", PARTNER).orElseThrow();
        exchange.forget("pk-1:secret", PARTNER);
        assertThat(exchange.tokenFor("pk-1:secret", PARTNER)).isPresent().isNotEqualTo(first);
    }

    @Test
    void refusedCredentialsAreNotKept() {
        revokedKeys.add("pk-1");
        assertThat(exchange.tokenFor("pk-1:secret", PARTNER)).isEmpty();
        assertThat(exchange.size()).isZero();
    }

    @Test
    void keycloakIsToldThePartnersAddressAndAPairKeptForOneAddressIsNotUsedFromAnother() {
        assertThat(exchange.tokenFor("pk-1:secret", PARTNER)).isPresent();
        assertThat(exchange.tokenFor("pk-1:secret", ELSEWHERE)).as("refused from elsewhere, though kept for PARTNER").isEmpty();
        assertThat(forwardedFor).containsExactly(PARTNER, ELSEWHERE);
        assertThat(exchange.tokenFor("pk-1:secret", PARTNER)).as("still kept for PARTNER").isPresent();
        assertThat(exchanged).hasSize(2);
    }

    private void announceKeyEntry(String clientId) {
        // As the feed reader does: an entry about the key, whatever its reason.
        RevocationListAccess.add(revocations, clientId);
    }
}
