package dev.partnertokens.api.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

import jakarta.json.JsonObject;

import dev.partnertokens.api.testing.KeycloakTokens;
import dev.partnertokens.api.testing.OwnWildFly;
import dev.partnertokens.testing.KeycloakCluster;
import dev.partnertokens.testing.KeycloakClusterExtension;
import dev.partnertokens.testing.WildFlyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The partner API knows both Keycloak nodes of a cluster ({@code partner-api.feeds.realm-urls}, ADR 0012): when the
 * node it reads the revocation feed from stops, it reads the other one, and a key revoked there is refused within the
 * feed's usual latency, without a 503 in between. Two Keycloak nodes on one PostgreSQL ({@link KeycloakCluster}), and
 * a WildFly of its own ({@link OwnWildFly}).
 */
@ExtendWith(KeycloakClusterExtension.class)
class RevocationFeedFailoverIT {

    private static final Duration FEED_LATENCY = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void whenNodeAStopsAKeyRevokedOnNodeBIsRefusedWithinTheFeedsLatency(KeycloakCluster cluster) throws Exception {
        String realmA = cluster.node("a").realmUri("partners").toString();
        String realmB = cluster.node("b").realmUri("partners").toString();
        KeycloakTokens throughB = new KeycloakTokens(cluster.node("b"));
        JsonObject revoked = throughB.createKey("acme", "revoked on b while a is down", "VIEW");
        JsonObject kept = throughB.createKey("acme", "kept", "VIEW");
        String revokedToken = throughB.clientCredentials("partners", revoked.getString("clientId"), revoked.getString("clientSecret"));
        String keptToken = throughB.clientCredentials("partners", kept.getString("clientId"), kept.getString("clientSecret"));
        try (OwnWildFly wildFly = new OwnWildFly(cluster.node("b"), "revocation-failover")
                .with("mp.jwt.verify.issuer", cluster.issuer("partners"))
                .with("partner-api.feeds.realm-urls", realmA + "," + realmB)
                .with("partner-api.keycloak.token-endpoint", realmB + "/protocol/openid-connect/token");
             WildFlyServer server = wildFly.start("two-nodes")) {
            assertThat(transactions(server, revokedToken).statusCode()).isEqualTo(200);
            assertThat(Files.readString(wildFly.log("two-nodes"))).as("the feed is read from a first")
                    .contains("Reading the revocation feed " + realmA + "/partners/api/v2/revocations, then " + realmB);

            // node a stays down: the cluster extension stops what still runs after the class
            cluster.stop("a");
            throughB.revokeKey("acme", revoked.getString("id"));
            Instant revokedAt = Instant.now();
            HttpResponse<String> answer = transactions(server, revokedToken);
            while (answer.statusCode() != 401 && Duration.between(revokedAt, Instant.now()).compareTo(FEED_LATENCY) < 0) {
                assertThat(answer.statusCode()).as("never a 503: b answers the feed").isEqualTo(200);
                Thread.sleep(100);
                answer = transactions(server, revokedToken);
            }
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            System.out.printf("[revocation-failover] refused %d ms after the revocation on b, a stopped%n",
                    Duration.between(revokedAt, Instant.now()).toMillis());
            assertThat(transactions(server, keptToken).statusCode()).as("other keys keep working").isEqualTo(200);
            assertThat(Files.readString(wildFly.log("two-nodes"))).contains("The revocation feed is read from " + realmB);
        }
    }

    private HttpResponse<String> transactions(WildFlyServer server, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/partner-api/api/v1/transactions"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
