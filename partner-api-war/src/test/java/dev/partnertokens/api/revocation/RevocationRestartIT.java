package dev.partnertokens.api.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import dev.partnertokens.api.testing.KeycloakTokens;
import dev.partnertokens.api.testing.OwnWildFly;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import dev.partnertokens.testing.WildFlyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The revocation list is memory, rebuilt from the provider's snapshot at every start: a revoked key stays refused
 * across a restart of WildFly and its database (and is never accepted while the snapshot loads), and a WildFly that
 * cannot read the feed answers 503 rather than accept a token it cannot judge. Runs its own WildFly ({@link OwnWildFly}).
 */
@ExtendWith(KeycloakExtension.class)
class RevocationRestartIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRevokedKeyStaysRefusedAfterARestartOfWildFlyAndItsDatabase(KeycloakServer keycloak) throws Exception {
        KeycloakTokens tokens = new KeycloakTokens(keycloak);
        JsonObject key = tokens.createKey("acme", "revoked before a restart", "VIEW");
        String token = tokens.clientCredentials("partners", key.getString("clientId"), key.getString("clientSecret"));
        try (OwnWildFly wildFly = new OwnWildFly(keycloak, "revocation-restart")) {
            revokeAndRestart(wildFly, tokens, key, token);
        }
    }

    private void revokeAndRestart(OwnWildFly wildFly, KeycloakTokens tokens, JsonObject key, String token) throws Exception {
        try (WildFlyServer first = wildFly.start("first")) {
            assertThat(transactions(first, token).statusCode()).isEqualTo(200);
            tokens.revokeKey("acme", key.getString("id"));
            Instant revoked = Instant.now();
            while (transactions(first, token).statusCode() != 401) {
                assertThat(Duration.between(revoked, Instant.now())).isLessThan(Duration.ofSeconds(5));
                Thread.sleep(100);
            }
        }
        wildFly.restartDatabase();
        try (WildFlyServer second = wildFly.start("second")) {
            HttpResponse<String> answer = transactions(second, token);
            Instant started = Instant.now();
            while (answer.statusCode() == 503 && Duration.between(started, Instant.now()).toSeconds() < 30) {
                Thread.sleep(100);
                answer = transactions(second, token);
            }
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            JsonObject other = tokens.createKey("acme", "not revoked", "VIEW");
            String otherToken = tokens.clientCredentials("partners", other.getString("clientId"), other.getString("clientSecret"));
            assertThat(transactions(second, otherToken).statusCode()).as("the list judges, it does not refuse everything").isEqualTo(200);
        }
    }

    @Test
    void aWildFlyThatCannotReadTheRevocationFeedAnswersATokenCheckWith503(KeycloakServer keycloak) throws Exception {
        KeycloakTokens tokens = new KeycloakTokens(keycloak);
        JsonObject key = tokens.createKey("acme", "cannot be judged", "VIEW");
        String token = tokens.clientCredentials("partners", key.getString("clientId"), key.getString("clientSecret"));
        try (OwnWildFly wildFly = new OwnWildFly(keycloak, "revocation-unreachable")
                .with("partner-api.revocation.feed-url", "http://127.0.0.1:" + OwnWildFly.closedPort() + "/realms/partners/partners/api/v2/revocations");
             WildFlyServer server = wildFly.start("unreachable")) {
            HttpResponse<String> unavailable = transactions(server, token);
            assertThat(unavailable.statusCode()).as(unavailable.body()).isEqualTo(503);
            assertThat(unavailable.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("5");
            JsonObject problem = Json.createReader(new StringReader(unavailable.body())).readObject();
            assertThat(problem.getInt("status")).isEqualTo(503);
            assertThat(problem.getString("detail")).contains("cannot currently tell whether tokens were revoked");
            assertThat(unavailable.body()).doesNotContain(token);

            HttpResponse<String> garbage = get(server, "/partner-api/api/v1/transactions", "Bearer not-a-token");
            assertThat(garbage.statusCode()).as("a token that is invalid anyway is still refused as such").isEqualTo(401);
        }
    }

    private HttpResponse<String> transactions(WildFlyServer server, String token) throws Exception {
        return get(server, "/partner-api/api/v1/transactions", "Bearer " + token);
    }

    private HttpResponse<String> get(WildFlyServer server, String path, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + path)).header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
