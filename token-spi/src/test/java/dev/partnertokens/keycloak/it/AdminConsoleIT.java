package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Partner keys in the Keycloak admin console (ADR 9), through the admin REST calls the console itself makes: the
 * partner-keys page lists the realm's keys as components and revokes one; a key's Credentials tab shows its
 * metadata and never its secret.
 */
@ExtendWith(KeycloakExtension.class)
class AdminConsoleIT {

    private static final String PAGE_TYPE = "org.keycloak.services.ui.extend.UiPageProvider";

    private PartnerRealm realm;
    private RealmAdmin admin;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
    }

    /** What the page's list loads: {@code GET /components?parent=<realm id>&type=UiPageProvider&providerId=partner-keys}. */
    private List<JsonNode> pageItems() {
        List<JsonNode> items = new ArrayList<>();
        admin.read("/components?parent=" + admin.realmId() + "&type=" + PAGE_TYPE + "&providerId=partner-keys").forEach(items::add);
        return items;
    }

    private Optional<JsonNode> itemOf(PartnerRealm.Key key) {
        return pageItems().stream().filter(item -> key.id().equals("Token:" + item.path("id").asText())).findFirst();
    }

    private static String field(JsonNode item, String name) {
        return item.path("config").path(name).path(0).asText();
    }

    private long lastOf(String feed, String token) {
        return realm.feedHead(feed, token);
    }

    @Nested
    class ThePartnerKeysPage {

        @Test
        void isOfferedToTheAdminConsole() {
            JsonNode pages = admin.serverInfo().path("componentTypes").path(PAGE_TYPE);
            JsonNode page = null;
            for (JsonNode candidate : pages) {
                if ("partner-keys".equals(candidate.path("id").asText())) {
                    page = candidate;
                }
            }
            assertThat(page).as("partner-keys page in %s", pages).isNotNull();
            assertThat(page.path("metadata").path("displayFields").toString())
                    .contains("name", "partner", "rights", "status", "createdBy");
        }

        @Test
        void listsEveryKeyWithPartnerNameRightsStatusAndCreator() {
            PartnerRealm.Key key = realm.createKey("acme", "console listed", "VIEW", "TRANSACT");

            JsonNode item = itemOf(key).orElseThrow(() -> new AssertionError("no page item for " + key.id()));

            assertThat(field(item, "name")).isEqualTo("console listed");
            assertThat(field(item, "partner")).isEqualTo("Acme Payments (acme)");
            assertThat(field(item, "rights")).isEqualTo("VIEW, TRANSACT");
            assertThat(field(item, "status")).isEqualTo("ACTIVE");
            assertThat(field(item, "createdBy")).isEqualTo("platform-admin");
            assertThat(field(item, "clientId")).isEqualTo(key.clientId());
            assertThat(field(item, "secretPrefix")).isEqualTo(key.secret().substring(4, 8));
            assertThat(item.toString()).doesNotContain(key.secret(), "ptk_");
        }

        @Test
        void revokesAKeyWhoseStatusAnAdministratorSetsToRevoked() {
            String feedToken = realm.partnerApiToken();
            PartnerRealm.Key key = realm.createKey("acme", "console revoked", "VIEW");
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
            long revocationsBefore = lastOf("revocations", feedToken);
            long auditBefore = lastOf("audit", feedToken);
            ObjectNode item = (ObjectNode) itemOf(key).orElseThrow();
            ((ObjectNode) item.path("config")).putArray("status").add("REVOKED");

            HttpResponse<String> saved = admin.call("PUT", "/components/" + item.path("id").asText(), item.toString());

            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(204);
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(401);
            assertThat(field(itemOf(key).orElseThrow(), "status")).isEqualTo("REVOKED");
            JsonNode revocations = Http.json(realm.feed("revocations", "after=" + revocationsBefore, feedToken)).path("entries");
            assertThat(revocations).anySatisfy(entry -> {
                assertThat(entry.path("subject").asText()).isEqualTo(key.clientId());
                assertThat(entry.path("reason").asText()).isEqualTo("KEY_REVOKED");
                assertThat(entry.path("scopes").isMissingNode() || entry.path("scopes").isNull()).as("no scopes left").isTrue();
            });
            JsonNode audit = Http.json(realm.feed("audit", "after=" + auditBefore + "&limit=500", feedToken)).path("entries");
            assertThat(audit).anySatisfy(entry -> {
                assertThat(entry.path("action").asText()).isEqualTo("REVOKE");
                assertThat(entry.path("actorKind").asText()).isEqualTo("ADMIN_CONSOLE");
                assertThat(entry.path("actor").asText()).isEqualTo(KeycloakServer.ADMIN_USER);
                assertThat(entry.path("keyClientId").asText()).isEqualTo(key.clientId());
                assertThat(entry.path("detail").asText()).contains("partner-keys page");
            });
        }

        @Test
        void revokesAKeyAnAdministratorDeletesFromTheList() {
            PartnerRealm.Key key = realm.createKey("acme", "console deleted", "VIEW");
            String itemId = itemOf(key).orElseThrow().path("id").asText();

            HttpResponse<String> deleted = admin.call("DELETE", "/components/" + itemId, null);

            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(401);
            assertThat(realm.readToken(Http.bearer(realm.platformAdminToken()), "acme", key.id()).statusCode()).isEqualTo(404);
        }

        @Test
        void refusesAnyOtherChangeWithAMessage() {
            PartnerRealm.Key key = realm.createKey("acme", "console renamed", "VIEW");
            ObjectNode item = (ObjectNode) itemOf(key).orElseThrow();
            ((ObjectNode) item.path("config")).putArray("rights").add("VIEW, TRANSACT, MANAGE");

            HttpResponse<String> saved = admin.call("PUT", "/components/" + item.path("id").asText(), item.toString());

            assertThat(saved.statusCode()).isEqualTo(400);
            assertThat(saved.body()).contains("Only Status can be changed here");
            assertThat(field(itemOf(key).orElseThrow(), "rights")).isEqualTo("VIEW");
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
        }

        @Test
        void refusesToCreateAKeyWithAMessage() {
            String item = "{\"name\":\"made here\",\"providerId\":\"partner-keys\",\"providerType\":\"" + PAGE_TYPE
                    + "\",\"parentId\":\"" + admin.realmId() + "\",\"config\":{\"name\":[\"made here\"]}}";

            HttpResponse<String> created = admin.call("POST", "/components", item);

            assertThat(created.statusCode()).isEqualTo(400);
            assertThat(created.body()).contains("created by their partner");
        }
    }

    @Nested
    class AKeysCredentialsTab {

        @Test
        void offersTheKeysMetadataFieldsForThePartnerKeyAuthenticator() {
            JsonNode authenticators = admin.serverInfo().path("componentTypes").path("org.keycloak.authentication.ClientAuthenticator");
            JsonNode partnerKey = null;
            for (JsonNode authenticator : authenticators) {
                if ("partner-key".equals(authenticator.path("id").asText())) {
                    partnerKey = authenticator;
                }
            }
            assertThat(partnerKey).isNotNull();
            List<String> names = new ArrayList<>();
            partnerKey.path("clientProperties").forEach(property -> names.add(property.path("name").asText()));
            assertThat(names).contains("partner-key.secret-managed", "partner-key.partner", "partner-key.rights",
                    "partner-key.created-by", "partner-key.expires-at", "partner-key.secret-prefix");
        }

        @Test
        void showsPartnerRightsCreatorExpiryAndTheSecretsFirstCharactersButNeverTheSecret() {
            PartnerRealm.Key key = realm.createKeyExpiringAt("acme", "credentials tab", java.time.Instant.parse("2028-01-31T00:00:00Z"),
                    "VIEW", "TRANSACT");

            JsonNode client = admin.client(key.clientId());
            JsonNode attributes = client.path("attributes");

            assertThat(attributes.path("partner-key.partner").asText()).isEqualTo("Acme Payments (acme)");
            assertThat(attributes.path("partner-key.rights").asText()).isEqualTo("VIEW, TRANSACT");
            assertThat(attributes.path("partner-key.created-by").asText()).isEqualTo("platform-admin");
            assertThat(attributes.path("partner-key.expires-at").asText()).isEqualTo("2028-01-31T00:00:00Z");
            assertThat(attributes.path("partner-key.secret-prefix").asText()).isEqualTo(key.secret().substring(4, 8));
            assertThat(attributes.path("partner-key.secret-managed").asText()).contains("managed by Partner Tokens");
            assertThat(client.toString() + admin.clientSecret(key.clientId())).doesNotContain(key.secret(), "ptk_");
        }

        @Test
        void showsARevokedKeyAsRevoked() {
            PartnerRealm.Key key = realm.createKey("acme", "credentials revoked", "VIEW");
            assertThat(realm.deleteToken(Http.bearer(realm.platformAdminToken()), "acme", key.id())
                    .statusCode()).isEqualTo(204);

            assertThat(admin.client(key.clientId()).path("attributes").path("partner-key.status").asText()).isEqualTo("REVOKED");
        }
    }
}
