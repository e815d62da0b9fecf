package dev.partnertokens.benchmark;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import dev.partnertokens.api.testing.KeycloakTokens;
import dev.partnertokens.testing.KeycloakServer;
import dev.partnertokens.testing.KeycloakSettings;
import dev.partnertokens.testing.WildFlyServer;

/**
 * Issue "Trust end to end"'s revocation benchmark, not a test: how long a revoked key's 7-day token keeps working at
 * the partner API. For each of {@code bench.revocations} keys (default 50): get a 7-day token, see it accepted, revoke
 * the key through the tokens API, and time from the revoking call's answer to the first 401 at the partner API
 * (polled every {@value #POLL_MILLIS} ms). Prints p50, p99 and max. Target: p99 ≤ 5 s; aim: p50 ≤ 1 s.
 */
public final class RevocationLatencyBenchmark {

    private static final int PORT_OFFSET = 520;
    private static final long POLL_MILLIS = 20;
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private RevocationLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int revocations = Integer.parseInt(System.getProperty("bench.revocations", "50").trim());
        Path target = Path.of(System.getProperty("run.target", "partner-api-war/target"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (KeycloakServer keycloak = KeycloakServer.start(KeycloakSettings.fromSystemProperties())) {
            String realm = keycloak.realmUri("partners").toString();
            KeycloakTokens tokens = new KeycloakTokens(keycloak);
            try (WildFlyServer wildfly = WildFlyServer.start(Path.of(System.getProperty("wildfly.home")),
                    target.resolve("benchmark/wildfly-revocation"), Path.of(System.getProperty("partner-api.war")), PORT_OFFSET,
                    Map.of("mp.jwt.verify.publickey.location", realm + "/protocol/openid-connect/certs",
                            "mp.jwt.verify.issuer", realm,
                            "partner-api.db.url", "jdbc:h2:file:" + target.toAbsolutePath().resolve("benchmark/db-revocation/partner-api")
                                    + ";DB_CLOSE_ON_EXIT=FALSE"),
                    "/partner-api/api/v1/me", target.resolve("benchmark/wildfly-revocation.log"))) {
                URI transactions = URI.create(wildfly.baseUri() + "/partner-api/api/v1/transactions");
                String adminToken = tokens.passwordGrant("partner-admin-cli", "platform-admin", "platform-admin", null)
                        .getString("access_token");
                List<Long> latencies = new ArrayList<>();
                for (int i = 1; i <= revocations; i++) {
                    if (i % 20 == 0) {
                        adminToken = tokens.passwordGrant("partner-admin-cli", "platform-admin", "platform-admin", null)
                                .getString("access_token");
                    }
                    JsonObject key = tokens.createKey("acme", "revoked by the benchmark " + i, "VIEW");
                    String weekToken = refreshToken(http, realm, key.getString("clientId"), key.getString("clientSecret"));
                    awaitStatus(http, transactions, weekToken, 200);
                    HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(URI.create(realm + "/tokens/" + key.getString("id")))
                            .header("Authorization", "Bearer " + adminToken).header("X-Partner", "acme").DELETE().build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (revoked.statusCode() != 204) {
                        throw new IllegalStateException("revocation answered " + revoked.statusCode() + " " + revoked.body());
                    }
                    long start = System.nanoTime();
                    awaitStatus(http, transactions, weekToken, 401);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    latencies.add(millis);
                    System.out.printf(Locale.ROOT, "[bench] revocation %d/%d: refused after %d ms%n", i, revocations, millis);
                }
                latencies.sort(Long::compare);
                System.out.printf(Locale.ROOT, "%nRevocation latency over %d revocations (from the revoking call's answer to the"
                                + " first 401 for the key's 7-day token): p50 %d ms, p99 %d ms, max %d ms"
                                + " (target p99 <= 5000 ms: %s; aim p50 <= 1000 ms: %s)%n",
                        latencies.size(), percentile(latencies, 50), percentile(latencies, 99), latencies.get(latencies.size() - 1),
                        percentile(latencies, 99) <= 5000 ? "met" : "MISSED", percentile(latencies, 50) <= 1000 ? "met" : "missed");
            }
        }
    }

    private static String refreshToken(HttpClient http, String realm, String clientId, String secret) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(realm + "/partners/api/v2/refresh-token"))
                .header("api-secret", secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("apiKey", clientId).build().toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("refresh-token answered " + answer.statusCode());
        }
        return Json.createReader(new StringReader(answer.body())).readObject().getJsonObject("data").getString("accessToken");
    }

    private static void awaitStatus(HttpClient http, URI uri, String token, int status) throws Exception {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (true) {
            int seen = http.send(HttpRequest.newBuilder(uri).header("access-token", token).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (seen == status) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("still " + seen + " instead of " + status + " after " + GIVE_UP.toSeconds() + " s");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static long percentile(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
