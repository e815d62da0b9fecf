package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The provider's audit trail (ADR 7): every key action and refusal is written where it happens, naming who did it;
 * failed key authentications are aggregated; nothing secret is ever written.
 */
@ExtendWith(KeycloakExtension.class)
class KeyAuditIT {

    private PartnerRealm realm;
    private RealmAdmin admin;
    private String feedToken;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
        feedToken = realm.partnerApiToken();
    }

    private long last() {
        return realm.feedHead("audit", feedToken);
    }

    private List<JsonNode> entriesAfter(long after, Predicate<JsonNode> which) {
        HttpResponse<String> feed = realm.feed("audit", "after=" + after + "&limit=500", feedToken);
        assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
        assertThat(feed.body()).doesNotContain("ptk_");
        List<JsonNode> entries = new ArrayList<>();
        Http.json(feed).path("entries").forEach(entry -> {
            if (which.test(entry)) {
                entries.add(entry);
            }
        });
        return entries;
    }

    @Nested
    class KeyActions {

        @Test
        void aKeyRevokingAnotherKeyIsNamedWithTheKeyItRevoked() {
            long before = last();
            PartnerRealm.Key manager = realm.createKey("acme", "manager", "VIEW", "MANAGE");
            PartnerRealm.Key victim = realm.createKey("acme", "victim", "VIEW");
            assertThat(realm.deleteToken(manager.basic(), null, victim.id()).statusCode()).isEqualTo(204);
            List<JsonNode> revokes = entriesAfter(before, e -> "REVOKE".equals(e.path("action").asText()));
            assertThat(revokes).hasSize(1);
            JsonNode entry = revokes.get(0);
            assertThat(entry.path("actorKind").asText()).isEqualTo("KEY");
            assertThat(entry.path("actor").asText()).isEqualTo(manager.clientId());
            assertThat(entry.path("keyId").asText()).isEqualTo(victim.id());
            assertThat(entry.path("keyClientId").asText()).isEqualTo(victim.clientId());
            assertThat(entry.path("partner").asText()).isEqualTo("acme");
            assertThat(entry.path("outcome").asText()).isEqualTo("SUCCESS");
        }

        @Test
        void aPersonsRefusalIsWrittenWithTheirRoleAndTheReason() {
            long before = last();
            HttpResponse<String> refused = Http.send(Http.request(realm.tokens())
                    .header("Authorization", Http.bearer(realm.partnerApiToken()))
                    .header("X-Partner", "acme").header("X-Acting-User", "developer@acme.example")
                    .header("Content-Type", "application/json")
                    .POST(Http.body(PartnerRealm.keyRequest("too strong", "MANAGE").toString())));
            assertThat(refused.statusCode()).isEqualTo(403);
            JsonNode entry = entriesAfter(before, e -> "CREATE".equals(e.path("action").asText())).get(0);
            assertThat(entry.path("outcome").asText()).isEqualTo("REFUSED");
            assertThat(entry.path("status").asInt()).isEqualTo(403);
            assertThat(entry.path("actorKind").asText()).isEqualTo("PERSON");
            assertThat(entry.path("actor").asText()).isEqualTo("developer@acme.example");
            assertThat(entry.path("actorRole").asText()).isEqualTo("DEVELOPER");
            assertThat(entry.path("detail").asText()).contains("may not grant [MANAGE]");
        }

        @Test
        void creatingAndEditingAreWrittenWithWhatChangedButNeverTheSecret() {
            long before = last();
            PartnerRealm.Key key = realm.createKey("acme", "audited", "VIEW", "TRANSACT");
            Http.send(Http.request(realm.token(key.id())).header("Authorization", Http.bearer(realm.platformAdminToken()))
                    .header("X-Partner", "acme").header("Content-Type", "application/json")
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"permissions\":[\"VIEW\"]}")));
            List<JsonNode> entries = entriesAfter(before, e -> key.id().equals(e.path("keyId").asText()));
            assertThat(entries).extracting(e -> e.path("action").asText()).containsExactly("CREATE", "EDIT");
            assertThat(entries.get(0).path("actorKind").asText()).isEqualTo("PLATFORM_ADMIN");
            assertThat(entries.get(1).path("detail").asText()).contains("permissions [VIEW, TRANSACT] → [VIEW]");
            assertThat(entries.toString()).doesNotContain(key.secret());
        }

        @Test
        void somebodyWhoIsNoPersonOfThePartnerIsWrittenToThatPartnersTrail() {
            long before = last();
            HttpResponse<String> refused = Http.send(Http.request(realm.tokens())
                    .header("Authorization", Http.bearer(realm.partnerApiToken()))
                    .header("X-Partner", "acme").header("X-Acting-User", "owner@globex.example")
                    .header("Content-Type", "application/json")
                    .POST(Http.body(PartnerRealm.keyRequest("from outside", "VIEW").toString())));
            assertThat(refused.statusCode()).isEqualTo(403);
            JsonNode entry = entriesAfter(before, e -> "owner@globex.example".equals(e.path("actor").asText())).get(0);
            assertThat(entry.path("partner").asText()).isEqualTo("acme");
            assertThat(entry.path("outcome").asText()).isEqualTo("REFUSED");
            assertThat(entry.path("detail").asText()).contains("is not a person of partner acme");
        }

        @Test
        void aKeyRefusedARightItLacksIsWritten() {
            long before = last();
            PartnerRealm.Key manager = realm.createKey("acme", "weak manager", "VIEW", "MANAGE");
            realm.postTokens(manager.basic(), null, PartnerRealm.JSON, PartnerRealm.keyRequest("stronger", "TRANSACT").toString());
            JsonNode entry = entriesAfter(before, e -> manager.clientId().equals(e.path("actor").asText())).get(0);
            assertThat(entry.path("action").asText()).isEqualTo("CREATE");
            assertThat(entry.path("outcome").asText()).isEqualTo("REFUSED");
        }

        @Test
        void anAdministratorDeletingAKeysClientInTheAdminConsoleIsWritten() {
            long before = last();
            PartnerRealm.Key key = realm.createKey("acme", "deleted in the console", "VIEW");
            admin.deleteClient(key.clientId());
            JsonNode entry = entriesAfter(before, e -> "REVOKE".equals(e.path("action").asText())
                    && key.clientId().equals(e.path("keyClientId").asText())).get(0);
            assertThat(entry.path("actorKind").asText()).isEqualTo("ADMIN_CONSOLE");
            assertThat(entry.path("actor").asText()).isEqualTo("admin");
            assertThat(entry.path("partner").asText()).isEqualTo("acme");
        }

        @Test
        void areKeycloakEventsTooSoThatKeycloaksOwnListenersSeeThem() {
            admin.storeEvents("CLIENT_DELETE", "CLIENT_REGISTER_ERROR");
            PartnerRealm.Key key = realm.createKey("acme", "seen by listeners", "VIEW");
            realm.deleteToken(Http.bearer(realm.platformAdminToken()), "acme", key.id());
            realm.postTokens(Http.bearer(realm.platformAdminToken()), "globex", PartnerRealm.JSON,
                    PartnerRealm.keyRequest("beyond globex", "MANAGE").toString());
            JsonNode deletes = admin.events("CLIENT_DELETE");
            assertThat(deletes.toString()).contains(key.clientId()).contains("\"partner_key_action\":\"REVOKE\"");
            assertThat(admin.events("CLIENT_REGISTER_ERROR").toString()).contains("partner_key_refused");
        }
    }

    @Nested
    class FailedAuthentications {

        @Test
        void areAggregatedPerKeyAndAddress() throws InterruptedException {
            PartnerRealm.Key key = realm.createKey("acme", "under attack", "VIEW");
            long before = last();
            for (int i = 0; i < 30; i++) {
                assertThat(realm.clientCredentials(Http.basic(key.clientId(), "ptk_wrong" + i)).statusCode()).isEqualTo(401);
            }
            List<JsonNode> entries = waitForFailures(before, key.clientId(), 30);
            assertThat(entries.size()).isBetween(1, 3);
            assertThat(entries.get(0).path("partner").asText()).isEqualTo("acme");
            assertThat(entries.get(0).path("sourceIp").asText()).isEqualTo("127.0.0.1");
            assertThat(entries.toString()).doesNotContain("ptk_wrong");
        }

        @Test
        void ofRandomClientIdsShareOneBucket() throws InterruptedException {
            long before = last();
            for (int i = 0; i < 40; i++) {
                realm.clientCredentials(null, "client_id", "pk-random" + i, "client_secret", "nope");
                realm.refreshToken("pk-random" + i, "nope");
            }
            List<JsonNode> entries = waitForFailures(before, "(unknown)", 40);
            assertThat(entries.size()).isBetween(1, 3);
            assertThat(entries.toString()).doesNotContain("pk-random");
        }

        private List<JsonNode> waitForFailures(long before, String keyClientId, int expected) throws InterruptedException {
            List<JsonNode> entries = List.of();
            for (int attempt = 0; attempt < 50; attempt++) {
                entries = entriesAfter(before, e -> "AUTH_FAILED".equals(e.path("action").asText())
                        && keyClientId.equals(e.path("keyClientId").asText()));
                if (entries.stream().mapToInt(e -> e.path("count").asInt()).sum() >= expected) {
                    return entries;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("expected " + expected + " failures of " + keyClientId + " in the audit feed, got " + entries);
        }
    }

    @Nested
    class WhoMayRead {

        @Test
        void onlyServiceAccountsThatManageKeys() {
            String demoToken = Http.json(realm.clientCredentials(Http.basic("demo-cc", "demo-cc-secret"))).path("access_token").asText();
            assertThat(realm.feed("audit", "after=0", demoToken).statusCode()).isEqualTo(403);
            assertThat(realm.feed("audit", "after=0&limit=501", feedToken).statusCode()).isEqualTo(400);
        }
    }
}
