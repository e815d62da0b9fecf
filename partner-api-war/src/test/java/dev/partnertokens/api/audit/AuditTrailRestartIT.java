package dev.partnertokens.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import dev.partnertokens.api.testing.Eventually;
import dev.partnertokens.api.testing.KeycloakTokens;
import dev.partnertokens.api.testing.OwnWildFly;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import dev.partnertokens.testing.WildFlyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail is kept in the database: an entry written before WildFly (and, in the PostgreSQL run, the PostgreSQL
 * server) stops is read back after they start again, and copying the provider's audit feed goes on after the highest
 * sequence already copied. The second start also points the tokens API at a closed port, to show that a Keycloak that
 * cannot be reached gives a prompt 503 problem (and a FAILED entry), not a hang. Runs its own WildFly and database
 * ({@link OwnWildFly}), not Arquillian's.
 */
@ExtendWith(KeycloakExtension.class)
class AuditTrailRestartIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAuditEntrySurvivesARestartOfWildFlyAndTheDatabaseAndAnUnreachableKeycloakIsA503(KeycloakServer keycloak) throws Exception {
        try (OwnWildFly wildFly = new OwnWildFly(keycloak, "audit-restart")) {
            restartWith(wildFly, keycloak);
        }
    }

    private void restartWith(OwnWildFly wildFly, KeycloakServer keycloak) throws Exception {
        String owner = new KeycloakTokens(keycloak).passwordGrant("owner@acme.example", "owner", null).getString("access_token");
        String requestId = "restart-" + UUID.randomUUID();
        String copiedKeyId;

        try (WildFlyServer first = wildFly.start("first")) {
            HttpResponse<String> list = get(first, "/partner-api/api/v1/keys", owner, requestId);
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            assertThat(get(first, "/partner-api/api/v1/audit?action=LIST", owner, null).body()).contains(requestId);
            HttpResponse<String> created = send(first, "POST", "/partner-api/api/v1/keys", owner,
                    "{\"name\":\"restart\",\"permissions\":[\"VIEW\"]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            copiedKeyId = Json.createReader(new StringReader(created.body())).readObject().getString("id");
            Eventually.within(Duration.ofSeconds(10), "the provider's CREATE entry is copied",
                    () -> entries(first, owner, "CREATE").stream().anyMatch(e -> copiedKeyId.equals(e.getString("keyId", null))));
        }
        wildFly.restartDatabase();
        wildFly.with("partner-api.keycloak.tokens-url", "http://127.0.0.1:" + OwnWildFly.closedPort() + "/realms/partners/tokens");
        String failedId = "unreachable-" + UUID.randomUUID();
        try (WildFlyServer second = wildFly.start("second")) {
            HttpResponse<String> audit = get(second, "/partner-api/api/v1/audit?action=LIST", owner, null);
            assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
            assertThat(Json.createReader(new StringReader(audit.body())).readObject().getJsonArray("data").stream()
                    .map(e -> e.asJsonObject().getString("requestId"))).contains(requestId);
            assertThat(entries(second, owner, "CREATE")).filteredOn(e -> copiedKeyId.equals(e.getString("keyId", null))).hasSize(1);
            assertThat(Files.readString(wildFly.log("second"))).containsPattern("Copying the provider's audit feed after sequence [1-9]");

            Instant begin = Instant.now();
            HttpResponse<String> unavailable = get(second, "/partner-api/api/v1/keys", owner, failedId);
            assertThat(unavailable.statusCode()).as(unavailable.body()).isEqualTo(503);
            assertThat(Duration.between(begin, Instant.now())).isLessThan(Duration.ofSeconds(15));
            assertThat(unavailable.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
            assertThat(get(second, "/partner-api/api/v1/audit?action=LIST", owner, null).body())
                    .contains(failedId).contains("\"outcome\":\"FAILED\"");
        }
    }

    private List<JsonObject> entries(WildFlyServer server, String bearer, String action) {
        try {
            HttpResponse<String> page = get(server, "/partner-api/api/v1/audit?limit=100&action=" + action, bearer, null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            return Json.createReader(new StringReader(page.body())).readObject().getJsonArray("data").stream()
                    .map(e -> e.asJsonObject()).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(WildFlyServer server, String path, String bearer, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + path)).header("Authorization", "Bearer " + bearer);
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(WildFlyServer server, String method, String path, String bearer, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + path)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
