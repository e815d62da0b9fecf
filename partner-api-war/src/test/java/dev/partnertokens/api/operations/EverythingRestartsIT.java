package dev.partnertokens.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.partnertokens.api.testing.Eventually;
import dev.partnertokens.api.testing.KeycloakTokens;
import dev.partnertokens.api.testing.OwnKeycloak;
import dev.partnertokens.api.testing.OwnWildFly;
import dev.partnertokens.testing.WildFlyServer;

/**
 * Nothing is lost when everything stops: WildFly, Keycloak and both their PostgreSQL databases stop, in the order an
 * operator's shutdown takes them, and start again on the same data and ports. A key made and used before works after,
 * with its uses counted and its 7-day token still good; a key revoked before stays refused, its old token too; the
 * audit trail holds what happened, each entry once (the provider records key actions; the partner API copies its
 * feed after the highest sequence it holds, so a restart copies nothing twice). Runs in the PostgreSQL execution only (the production shape: the
 * partner API and Keycloak each on a PostgreSQL of their own, as in {@code docker/compose.yaml}), with servers and
 * databases of its own ({@link OwnKeycloak}, {@link OwnWildFly}).
 */
class EverythingRestartsIT {

    private static final String OWNER = "owner@acme.example";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aKeyMadeBeforeARestartOfBothServersAndBothDatabasesWorksAfterWithItsUsesAndARevokedOneStaysRefused() throws Exception {
        try (OwnKeycloak keycloak = OwnKeycloak.onPostgres("everything-restarts-keycloak")) {
            KeycloakTokens tokens = new KeycloakTokens(keycloak.start());
            try (OwnWildFly wildFly = new OwnWildFly(keycloak.server(), "everything-restarts-wildfly")) {
                Before before = useAndRevoke(wildFly, tokens);

                keycloak.stop();
                wildFly.restartDatabase();
                keycloak.restartDatabase();
                tokens = new KeycloakTokens(keycloak.start());

                try (WildFlyServer after = wildFly.start("after")) {
                    String owner = ownerToken(tokens);
                    assertThat(awaitJudged(after, before.revokedToken()).statusCode())
                            .as("the revoked key's token, after the revocation list is read again").isEqualTo(401);
                    assertThat(clientCredentials(tokens, before.revoked()).statusCode()).as("the revoked key's secret").isEqualTo(401);
                    assertThat(get(after, "/partner-api/api/v1/keys/" + before.revoked().getString("id"), owner).statusCode()).isEqualTo(404);

                    assertThat(transactions(after, before.keptWeekToken()).statusCode()).as("the 7-day token made before").isEqualTo(200);
                    HttpResponse<String> grant = clientCredentials(tokens, before.kept());
                    assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
                    assertThat(transactions(after, accessToken(grant)).statusCode()).isEqualTo(200);

                    JsonObject kept = json(get(after, "/partner-api/api/v1/keys/" + before.kept().getString("id"), owner));
                    assertThat(kept.getString("name")).isEqualTo("kept across a restart");
                    assertThat(kept.getJsonNumber("useCount").longValue()).as("uses counted before the restart, and this one")
                            .isEqualTo(before.keptUses() + 1);

                    for (String keyId : List.of(before.kept().getString("id"), before.revoked().getString("id"))) {
                        assertThat(entries(after, owner, "CREATE", keyId)).as("CREATE of " + keyId + ", copied once")
                                .extracting(e -> e.getString("source")).containsExactly("KEYCLOAK");
                    }
                    assertThat(entries(after, owner, "REVOKE", before.revoked().getString("id"))).as("REVOKE, copied once")
                            .extracting(e -> e.getString("source")).containsExactly("KEYCLOAK");
                }
            }
        }
    }

    /** What the first run of both servers left: a key used three ways and a key revoked, with a token of each. */
    private record Before(JsonObject kept, String keptWeekToken, long keptUses, JsonObject revoked, String revokedToken) {
    }

    private Before useAndRevoke(OwnWildFly wildFly, KeycloakTokens tokens) throws Exception {
        try (WildFlyServer before = wildFly.start("before")) {
            String owner = ownerToken(tokens);
            JsonObject kept = create(before, owner, "kept across a restart");
            JsonObject revoked = create(before, owner, "revoked before a restart");

            String keptWeekToken = tokens.refreshTokenEndpoint(kept.getString("clientId"), kept.getString("clientSecret"));
            assertThat(transactions(before, keptWeekToken).statusCode()).isEqualTo(200);
            assertThat(clientCredentials(tokens, kept).statusCode()).isEqualTo(200);
            String revokedToken = accessToken(clientCredentials(tokens, revoked));
            assertThat(transactions(before, revokedToken).statusCode()).isEqualTo(200);

            HttpResponse<String> revocation = send(before, "DELETE", "/partner-api/api/v1/keys/" + revoked.getString("id"), owner, null);
            assertThat(revocation.statusCode()).as(revocation.body()).isEqualTo(204);
            Eventually.within(Duration.ofSeconds(5), "the revoked key's token is refused",
                    () -> statusOf(() -> transactions(before, revokedToken)) == 401);
            Eventually.within(Duration.ofSeconds(10), "the provider's REVOKE entry is copied to the audit trail",
                    () -> entries(before, owner, "REVOKE", revoked.getString("id")).stream().anyMatch(e -> "KEYCLOAK".equals(e.getString("source"))));

            long keptUses = json(get(before, "/partner-api/api/v1/keys/" + kept.getString("id"), owner)).getJsonNumber("useCount").longValue();
            assertThat(keptUses).as("the refresh-token endpoint and client_credentials").isEqualTo(2);
            return new Before(kept, keptWeekToken, keptUses, revoked, revokedToken);
        }
    }

    private static String ownerToken(KeycloakTokens tokens) {
        return tokens.passwordGrant(OWNER, "owner", null).getString("access_token");
    }

    private JsonObject create(WildFlyServer server, String owner, String name) throws Exception {
        HttpResponse<String> created = send(server, "POST", "/partner-api/api/v1/keys", owner,
                "{\"name\":\"" + name + "\",\"permissions\":[\"VIEW\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created);
    }

    /** A token check at a WildFly that has just started answers 503 until its revocation list is read; then it judges. */
    private HttpResponse<String> awaitJudged(WildFlyServer server, String token) throws Exception {
        Instant started = Instant.now();
        HttpResponse<String> answer = transactions(server, token);
        while (answer.statusCode() == 503 && Duration.between(started, Instant.now()).toSeconds() < 30) {
            Thread.sleep(100);
            answer = transactions(server, token);
        }
        return answer;
    }

    private List<JsonObject> entries(WildFlyServer server, String owner, String action, String keyId) {
        try {
            HttpResponse<String> page = get(server, "/partner-api/api/v1/audit?limit=100&action=" + action, owner);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            return json(page).getJsonArray("data").stream().map(e -> e.asJsonObject())
                    .filter(e -> keyId.equals(e.getString("keyId", null)))
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> clientCredentials(KeycloakTokens tokens, JsonObject key) throws Exception {
        String basic = Base64.getEncoder().encodeToString((key.getString("clientId") + ":" + key.getString("clientSecret"))
                .getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(tokens.realmUri() + "/protocol/openid-connect/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String accessToken(HttpResponse<String> grant) {
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        return json(grant).getString("access_token");
    }

    private HttpResponse<String> transactions(WildFlyServer server, String token) throws Exception {
        return get(server, "/partner-api/api/v1/transactions", token);
    }

    private HttpResponse<String> get(WildFlyServer server, String path, String bearer) throws Exception {
        return send(server, "GET", path, bearer, null);
    }

    private HttpResponse<String> send(WildFlyServer server, String method, String path, String bearer, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + path)).header("Authorization", "Bearer " + bearer)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int statusOf(ThrowingCall call) {
        try {
            return call.send().statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface ThrowingCall {
        HttpResponse<String> send() throws Exception;
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
