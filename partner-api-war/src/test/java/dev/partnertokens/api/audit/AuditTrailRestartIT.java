package dev.partnertokens.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;

import dev.partnertokens.api.testing.KeycloakTokens;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import dev.partnertokens.testing.WildFlyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail is kept in a file-backed database: an entry written before WildFly stops is read back after it
 * starts again. The second start also points the tokens API at a closed port, to show that a Keycloak that cannot
 * be reached gives a prompt 503 problem (and a FAILED entry), not a hang. Runs its own WildFly (port offset
 * {@value #PORT_OFFSET}, base directory under target/), not Arquillian's.
 */
@ExtendWith(KeycloakExtension.class)
class AuditTrailRestartIT {

    private static final int PORT_OFFSET = 600;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAuditEntrySurvivesAWildFlyRestartAndAnUnreachableKeycloakIsA503(KeycloakServer keycloak) throws Exception {
        Path target = Path.of(System.getProperty("run.target", "target")).toAbsolutePath();
        Path base = target.resolve("audit-restart");
        deleteRecursively(base);
        String realm = keycloak.realmUri("partners").toString();
        Map<String, String> properties = Map.of(
                "mp.jwt.verify.publickey.location", realm + "/protocol/openid-connect/certs",
                "mp.jwt.verify.issuer", realm,
                "partner-api.db.url", "jdbc:h2:file:" + base.resolve("db/partner-api") + ";DB_CLOSE_ON_EXIT=FALSE");
        String owner = new KeycloakTokens(keycloak).passwordGrant("owner@acme.example", "owner", null).getString("access_token");
        String requestId = "restart-" + UUID.randomUUID();

        try (WildFlyServer first = start(base, properties, "first")) {
            HttpResponse<String> list = get(first, "/partner-api/api/v1/keys", owner, requestId);
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            assertThat(get(first, "/partner-api/api/v1/audit?action=LIST", owner, null).body()).contains(requestId);
        }
        Map<String, String> unreachableTokensApi = new java.util.HashMap<>(properties);
        unreachableTokensApi.put("partner-api.keycloak.tokens-url", "http://127.0.0.1:" + closedPort() + "/realms/partners/tokens");
        String failedId = "unreachable-" + UUID.randomUUID();
        try (WildFlyServer second = start(base, unreachableTokensApi, "second")) {
            HttpResponse<String> audit = get(second, "/partner-api/api/v1/audit?action=LIST", owner, null);
            assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
            assertThat(Json.createReader(new StringReader(audit.body())).readObject().getJsonArray("data").stream()
                    .map(e -> e.asJsonObject().getString("requestId"))).contains(requestId);

            java.time.Instant begin = java.time.Instant.now();
            HttpResponse<String> unavailable = get(second, "/partner-api/api/v1/keys", owner, failedId);
            assertThat(unavailable.statusCode()).as(unavailable.body()).isEqualTo(503);
            assertThat(java.time.Duration.between(begin, java.time.Instant.now())).isLessThan(java.time.Duration.ofSeconds(15));
            assertThat(unavailable.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
            assertThat(get(second, "/partner-api/api/v1/audit?action=LIST", owner, null).body())
                    .contains(failedId).contains("\"outcome\":\"FAILED\"");
        }
    }

    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path path) throws java.io.IOException {
        if (java.nio.file.Files.exists(path)) {
            try (var paths = java.nio.file.Files.walk(path)) {
                for (Path each : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(each);
                }
            }
        }
    }

    private static WildFlyServer start(Path base, Map<String, String> properties, String name) throws Exception {
        return WildFlyServer.start(Path.of(System.getProperty("wildfly.home")), base.resolve("wildfly"),
                Path.of(System.getProperty("partner-api.war", "target/partner-api.war")), PORT_OFFSET, properties,
                "/partner-api/api/v1/me", base.resolve("wildfly-" + name + ".log"));
    }

    private HttpResponse<String> get(WildFlyServer server, String path, String bearer, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + path)).header("Authorization", "Bearer " + bearer);
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
