package dev.partnertokens.keycloak.it;

import static dev.partnertokens.keycloak.it.PartnerKeyClientCredentialsIT.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.testing.KeycloakDatabase;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A realm that has never had a partner key: the provider sets it up (client scopes VIEW, TRANSACT, MANAGE; its
 * authenticator in the client flow) with the first keys, even when several are made at once.
 */
@ExtendWith(KeycloakExtension.class)
class PartnerKeyNewRealmIT {

    private KeycloakServer keycloak;
    private String realmName;

    @BeforeEach
    void newRealm(KeycloakServer keycloak) {
        this.keycloak = keycloak;
        this.realmName = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        String realm = """
                {"realm": "%s", "enabled": true, "sslRequired": "none", "organizationsEnabled": true,
                 "roles": {"realm": [{"name": "manage-partner-keys"}]},
                 "clients": [{"clientId": "bootstrap", "enabled": true, "publicClient": false, "secret": "bootstrap-secret",
                              "standardFlowEnabled": false, "serviceAccountsEnabled": true,
                              "protocolMappers": [{"name": "tokens API audience", "protocol": "openid-connect",
                                  "protocolMapper": "oidc-audience-mapper",
                                  "config": {"included.custom.audience": "partner-tokens", "access.token.claim": "true"}}]}],
                 "users": [{"username": "service-account-bootstrap", "enabled": true, "serviceAccountClientId": "bootstrap",
                            "realmRoles": ["manage-partner-keys"]}],
                 "organizations": [{"name": "Initech", "alias": "initech", "enabled": true,
                                    "domains": [{"name": "initech.example"}]}]}
                """.formatted(realmName);
        HttpResponse<String> created = Http.send(admin("").header("Content-Type", "application/json").POST(Http.body(realm)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterEach
    void removeRealm() {
        if (realmName == null) {
            return;
        }
        HttpResponse<String> removed = Http.send(admin("/" + realmName).DELETE());
        assertThat(removed.statusCode()).as("a realm with partner keys can be removed: " + removed.body()).isEqualTo(204);
    }

    private java.net.http.HttpRequest.Builder admin(String path) {
        return Http.request(URI.create(keycloak.baseUri() + "/admin/realms" + path))
                .header("Authorization", Http.bearer(keycloak.adminAccessToken()));
    }

    private URI realmUri(String path) {
        return URI.create(keycloak.realmUri(realmName) + path);
    }

    private String bootstrapToken() {
        HttpResponse<String> response = Http.send(Http.request(realmUri("/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", Http.basic("bootstrap", "bootstrap-secret"))
                .POST(Http.form("grant_type", "client_credentials")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).path("access_token").asText();
    }

    @Test
    void removingTheRealmLeavesNoRowOfItsKeysRevocationsOrAudit(KeycloakDatabase database) throws Exception {
        HttpResponse<String> created = Http.send(Http.request(realmUri("/tokens"))
                .header("Authorization", Http.bearer(bootstrapToken()))
                .header("X-Partner", "initech")
                .header("Content-Type", "application/json")
                .POST(Http.body(PartnerRealm.keyRequest("doomed", "VIEW").toString())));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Http.send(Http.request(realmUri("/tokens/" + Http.json(created).path("id").asText()))
                .header("Authorization", Http.bearer(bootstrapToken())).header("X-Partner", "initech").DELETE()).statusCode())
                .isEqualTo(204);
        String realmId = Http.json(Http.send(admin("/" + realmName).GET())).path("id").asText();
        HttpResponse<String> removed = Http.send(admin("/" + realmName).DELETE());
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        realmName = null;
        try (java.sql.Connection connection = database.connect()) {
            for (String table : List.of("partner_key", "partner_revocation", "partner_key_audit")) {
                try (java.sql.PreparedStatement count = connection.prepareStatement("select count(*) from " + table + " where realm_id = ?")) {
                    count.setString(1, realmId);
                    try (java.sql.ResultSet rows = count.executeQuery()) {
                        rows.next();
                        assertThat(rows.getLong(1)).as(table).isZero();
                    }
                }
            }
        }
    }

    @Nested
    class TheFirstKeys {

        @Test
        void canBeCreatedAtOnceAndWorkRightAway() {
            String bearer = Http.bearer(bootstrapToken());
            List<List<String>> permissions = List.of(List.of("VIEW"), List.of("TRANSACT"), List.of("MANAGE"),
                    List.of("VIEW", "TRANSACT", "MANAGE"));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(permissions.size());

            List<CompletableFuture<HttpResponse<String>>> creations = IntStream.range(0, permissions.size())
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(start);
                        return Http.send(Http.request(realmUri("/tokens"))
                                .header("Authorization", bearer)
                                .header("X-Partner", "initech")
                                .header("Content-Type", "application/json")
                                .POST(Http.body(PartnerRealm.keyRequest("first " + i, permissions.get(i).toArray(String[]::new)).toString())));
                    }, threads))
                    .toList();
            start.countDown();
            threads.shutdown();

            for (int i = 0; i < creations.size(); i++) {
                HttpResponse<String> response = creations.get(i).join();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                JsonNode key = Http.json(response);
                HttpResponse<String> cc = Http.send(Http.request(realmUri("/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", Http.basic(key.path("clientId").asText(), key.path("clientSecret").asText()))
                        .POST(Http.form("grant_type", "client_credentials")));
                assertThat(cc.statusCode()).as(cc.body()).isEqualTo(200);
                assertThat(scopes(Http.json(cc).path("scope").asText())).containsExactlyInAnyOrderElementsOf(permissions.get(i));
            }
        }

        @Test
        void answerAnUnknownIdLikeAWrongSecret() {
            HttpResponse<String> created = Http.send(Http.request(realmUri("/tokens"))
                    .header("Authorization", Http.bearer(bootstrapToken()))
                    .header("X-Partner", "initech")
                    .header("Content-Type", "application/json")
                    .POST(Http.body(PartnerRealm.keyRequest("only", "VIEW").toString())));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String clientId = Http.json(created).path("clientId").asText();

            HttpResponse<String> wrong = Http.send(Http.request(realmUri("/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", Http.basic(clientId, "ptk_wrong"))
                    .POST(Http.form("grant_type", "client_credentials")));
            HttpResponse<String> unknown = Http.send(Http.request(realmUri("/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", Http.basic("pk-does-not-exist", "ptk_wrong"))
                    .POST(Http.form("grant_type", "client_credentials")));

            assertThat(wrong.statusCode()).isEqualTo(401).isEqualTo(unknown.statusCode());
            assertThat(Http.json(unknown)).isEqualTo(Http.json(wrong));
            assertThat(Http.header(unknown, "WWW-Authenticate")).isEqualTo(Http.header(wrong, "WWW-Authenticate"))
                    .isEqualTo("Basic realm=\"" + realmName + "\"");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
