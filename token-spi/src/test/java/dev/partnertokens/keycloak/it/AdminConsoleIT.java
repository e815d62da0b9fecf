package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Partner keys in the Keycloak admin console (ADR 9), through the admin REST calls the console itself makes: the
 * partner-keys page lists the realm's keys, opens one and revokes one, answered from the keys themselves (nothing
 * of theirs is stored in the realm); a key's Credentials tab shows its metadata and never its secret.
 */
@ExtendWith(KeycloakExtension.class)
class AdminConsoleIT {

    private static final String PAGE_TYPE = "org.keycloak.services.ui.extend.UiPageProvider";
    private static final String TAB_TYPE = "org.keycloak.services.ui.extend.UiTabProvider";

    private PartnerRealm realm;
    private RealmAdmin admin;
    private KeycloakServer keycloak;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        this.keycloak = keycloak;
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
    }

    /** What the page's list loads: {@code GET /components?parent=<realm id>&type=UiPageProvider&providerId=partner-keys}. */
    private List<JsonNode> pageItems() {
        List<JsonNode> items = new ArrayList<>();
        admin.read(PAGE_LIST + admin.realmId()).forEach(items::add);
        return items;
    }

    private static final String PAGE_LIST = "/components?type=" + PAGE_TYPE + "&providerId=partner-keys&parent=";

    private Optional<JsonNode> itemOf(PartnerRealm.Key key) {
        return pageItems().stream().filter(item -> key.id().equals(item.path("id").asText())).findFirst();
    }

    /** What a key's page loads when opened: {@code GET /components/<item id>}. */
    private JsonNode opened(PartnerRealm.Key key) {
        return admin.read("/components/" + key.id());
    }

    private static String field(JsonNode item, String name) {
        return item.path("config").path(name).path(0).asText();
    }

    private long lastOf(String feed, String token) {
        return realm.feedHead(feed, token);
    }

    /** Components of the page's type the realm holds, whatever their provider: Keycloak's own list. */
    private int storedPageComponents() {
        return admin.read("/components?type=" + PAGE_TYPE).size();
    }

    /** An admin REST call under {@code /admin/realms/<realmName>} with this Authorization header (or none). */
    private HttpResponse<String> adminCall(String method, String realmName, String path, String authorization, String json) {
        HttpRequest.Builder request = Http.request(URI.create(keycloak.baseUri() + "/admin/realms/" + realmName + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (json == null) {
            return Http.send(request.method(method, HttpRequest.BodyPublishers.noBody()));
        }
        return Http.send(request.header("Content-Type", "application/json").method(method, Http.body(json)));
    }

    /** The item as the console's form saves it, with one field changed. */
    private static String savedWith(JsonNode item, String field, String value) {
        ObjectNode saved = item.deepCopy();
        ((ObjectNode) saved.path("config")).putArray(field).add(value);
        return saved.toString();
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

            assertThat(item.path("providerId").asText()).isEqualTo("partner-keys");
            assertThat(item.path("providerType").asText()).isEqualTo(PAGE_TYPE);
            assertThat(item.path("parentId").asText()).isEqualTo(admin.realmId());
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
        void listsTheNewestKeysFirst() {
            PartnerRealm.Key older = realm.createKey("acme", "console older", "VIEW");
            PartnerRealm.Key newer = realm.createKey("globex", "console newer", "VIEW");

            List<String> ids = pageItems().stream().map(item -> item.path("id").asText()).toList();

            assertThat(ids).contains(older.id(), newer.id());
            assertThat(ids.indexOf(newer.id())).isLessThan(ids.indexOf(older.id()));
        }

        @Test
        void opensAKeyWithAllItsFields() {
            PartnerRealm.Key key = realm.createKeyExpiringAt("acme", "console opened", java.time.Instant.parse("2028-03-01T00:00:00Z"),
                    "VIEW");

            JsonNode item = opened(key);

            assertThat(item.path("id").asText()).isEqualTo(key.id());
            assertThat(field(item, "name")).isEqualTo("console opened");
            assertThat(field(item, "expiresAt")).isEqualTo("2028-03-01T00:00:00Z");
            assertThat(field(item, "createdAt")).isNotBlank();
            assertThat(field(item, "clientId")).isEqualTo(key.clientId());
            assertThat(item.toString()).doesNotContain(key.secret(), "ptk_");
        }

        /** Why is this partner's key refused from its new data centre? The key's page says where it may be used from. */
        @Test
        void showsAKeysApiScopesAndAllowedNetworksButLetsNoOneChangeThemHere() {
            com.fasterxml.jackson.databind.node.ObjectNode request = PartnerRealm.keyRequest("console networks", "VIEW");
            request.putArray("scopes").add("gateway");
            request.putArray("allowedNetworks").add("127.0.0.0/8").add("10.1.0.0/16");
            PartnerRealm.Key key = realm.createKey("acme", request);
            PartnerRealm.Key plain = realm.createKey("acme", "console no networks", "VIEW");

            JsonNode item = opened(key); // networks in their stored, canonical order
            HttpResponse<String> widened = admin.call("PUT", "/components/" + key.id(), savedWith(item, "allowedNetworks", "0.0.0.0/0"));
            HttpResponse<String> scoped = admin.call("PUT", "/components/" + key.id(), savedWith(opened(key), "apiScopes", "gateway, vault"));

            assertThat(field(item, "apiScopes")).isEqualTo("gateway");
            assertThat(field(item, "allowedNetworks")).isEqualTo("10.1.0.0/16, 127.0.0.0/8");
            assertThat(field(opened(plain), "apiScopes")).isEqualTo("none");
            assertThat(field(opened(plain), "allowedNetworks")).isEqualTo("any address");
            assertThat(widened.statusCode()).as(widened.body()).isEqualTo(400);
            assertThat(Http.json(widened).path("errorMessage").asText()).startsWith("Only Status can be changed here");
            assertThat(scoped.statusCode()).as(scoped.body()).isEqualTo(400);
            assertThat(field(opened(key), "allowedNetworks")).isEqualTo("10.1.0.0/16, 127.0.0.0/8");
            assertThat(field(opened(key), "apiScopes")).isEqualTo("gateway");
        }

        @Test
        void revokesAKeyWhoseStatusAnAdministratorSetsToRevoked() {
            String feedToken = realm.partnerApiToken();
            PartnerRealm.Key key = realm.createKey("acme", "console revoked", "VIEW");
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
            long revocationsBefore = lastOf("revocations", feedToken);
            long auditBefore = lastOf("audit", feedToken);

            HttpResponse<String> saved = admin.call("PUT", "/components/" + key.id(), savedWith(opened(key), "status", "REVOKED"));

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
        void revokesAKeyAnAdministratorDeletesFromTheListAndKeepsShowingItAsRevoked() {
            PartnerRealm.Key key = realm.createKey("acme", "console deleted", "VIEW");

            HttpResponse<String> deleted = admin.call("DELETE", "/components/" + key.id(), null);

            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(401);
            assertThat(realm.readToken(Http.bearer(realm.platformAdminToken()), "acme", key.id()).statusCode()).isEqualTo(404);
            assertThat(field(opened(key), "status")).isEqualTo("REVOKED");
        }

        @Test
        void refusesAnyOtherChangeWithAMessage() {
            PartnerRealm.Key key = realm.createKey("acme", "console renamed", "VIEW");

            HttpResponse<String> rights = admin.call("PUT", "/components/" + key.id(), savedWith(opened(key), "rights", "VIEW, TRANSACT, MANAGE"));
            HttpResponse<String> name = admin.call("PUT", "/components/" + key.id(), savedWith(opened(key), "name", "renamed"));

            assertThat(rights.statusCode()).isEqualTo(400);
            assertThat(Http.json(rights).path("errorMessage").asText()).startsWith("Only Status can be changed here");
            assertThat(name.statusCode()).isEqualTo(400);
            assertThat(field(opened(key), "rights")).isEqualTo("VIEW");
            assertThat(field(opened(key), "name")).isEqualTo("console renamed");
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
        }

        @Test
        void refusesToBringARevokedKeyBack() {
            PartnerRealm.Key key = realm.createKey("acme", "console revived", "VIEW");
            assertThat(admin.call("DELETE", "/components/" + key.id(), null).statusCode()).isEqualTo(204);

            HttpResponse<String> revived = admin.call("PUT", "/components/" + key.id(), savedWith(opened(key), "status", "ACTIVE"));

            assertThat(revived.statusCode()).isEqualTo(400);
            assertThat(Http.json(revived).path("errorMessage").asText()).contains("cannot be brought back");
            assertThat(field(opened(key), "status")).isEqualTo("REVOKED");
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(401);
        }

        @Test
        void refusesASaveThatIsNoItemWithAMessageAndChangesNothing() {
            PartnerRealm.Key key = realm.createKey("acme", "console bad input", "VIEW");

            for (String body : List.of("{", "[1]", "\"null\"", "{\"config\": 3}", "{\"config\": {\"status\": {\"a\": 1}}}",
                    "{\"config\": {\"status\": [\"REVOKED\", \"ACTIVE\"]}}", "{\"config\": {\"status\": [\"DELETED\"]}}")) {
                HttpResponse<String> saved = admin.call("PUT", "/components/" + key.id(), body);

                assertThat(saved.statusCode()).as(body + " → " + saved.body()).isEqualTo(400);
                assertThat(Http.json(saved).path("errorMessage").asText()).as(body).isNotBlank();
            }
            HttpResponse<String> empty = admin.call("PUT", "/components/" + key.id(), "");
            HttpResponse<String> badPage = admin.call("GET", PAGE_LIST + admin.realmId() + "&max=many", null);
            assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
            assertThat(badPage.statusCode()).as(badPage.body()).isEqualTo(400);
            assertThat(Http.json(badPage).path("errorMessage").asText()).contains("max");
            assertThat(field(opened(key), "status")).isEqualTo("ACTIVE");
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
        }

        @Test
        void refusesToCreateAKeyWithAMessage() {
            String item = "{\"name\":\"made here\",\"providerId\":\"partner-keys\",\"providerType\":\"" + PAGE_TYPE
                    + "\",\"parentId\":\"" + admin.realmId() + "\",\"config\":{\"name\":[\"made here\"]}}";

            HttpResponse<String> created = admin.call("POST", "/components", item);

            assertThat(created.statusCode()).isEqualTo(400);
            assertThat(created.body()).contains("created by their partner");
            assertThat(storedPageComponents()).isZero();
        }
    }

    @Nested
    class TheRealm {

        @Test
        void holdsNoItemOfThePageWhateverHappensToKeys() {
            PartnerRealm.Key key = realm.createKey("acme", "console realm untouched", "VIEW");
            HttpResponse<String> edited = realm.patchAsAdmin("acme", key.id(), "{\"name\":\"console realm edited\"}");
            assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
            PartnerRealm.Key revoked = realm.createKey("acme", "console realm revoked", "VIEW");
            assertThat(admin.call("DELETE", "/components/" + revoked.id(), null).statusCode()).isEqualTo(204);

            assertThat(storedPageComponents()).isZero();
            assertThat(admin.read("/components").toString()).doesNotContain(key.clientId(), revoked.clientId());
            assertThat(field(itemOf(key).orElseThrow(), "name")).isEqualTo("console realm edited");
        }

        @Test
        void importedWithItemsOfAnEarlierVersionLosesThemToHousekeeping() {
            String name = "console-import-" + UUID.randomUUID().toString().substring(0, 8);
            String leftover = UUID.randomUUID().toString();
            String imported = """
                    {"realm": "%s", "enabled": true,
                     "components": {"%s": [{"id": "%s", "name": "an old copy", "providerId": "partner-keys",
                                            "subComponents": {}, "config": {"name": ["an old copy"], "status": ["ACTIVE"]}}]}}
                    """.formatted(name, PAGE_TYPE, leftover);
            String master = Http.bearer(keycloak.adminAccessToken());
            HttpResponse<String> created = Http.send(Http.request(URI.create(keycloak.baseUri() + "/admin/realms"))
                    .header("Authorization", master).header("Content-Type", "application/json").POST(Http.body(imported)));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            try {
                long deadline = System.currentTimeMillis() + 30_000;
                int left;
                do {
                    HttpResponse<String> stored = adminCall("GET", name, "/components?type=" + PAGE_TYPE, master, null);
                    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
                    left = Http.json(stored).size();
                } while (left > 0 && System.currentTimeMillis() < deadline && pause());

                assertThat(left).as("items of an earlier version left in the imported realm").isZero();
            } finally {
                assertThat(adminCall("DELETE", name, "", master, null).statusCode()).isEqualTo(204);
            }
        }

        private static boolean pause() {
            try {
                Thread.sleep(500);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    @Nested
    class OtherComponents {

        @Test
        void reachKeycloakUnchangedLikeTheRealmSettingsTab() {
            ObjectNode tab = JsonNodeFactory.instance.objectNode().put("name", "partner-keys").put("providerId", "partner-keys")
                    .put("providerType", TAB_TYPE).put("parentId", admin.realmId());
            tab.putObject("config").putArray("tab").add("partner-keys");
            String tabId = null;
            for (JsonNode component : admin.read("/components?type=" + TAB_TYPE + "&providerId=partner-keys")) {
                tabId = component.path("id").asText();
            }
            if (tabId == null) {
                HttpResponse<String> created = admin.call("POST", "/components", tab.toString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                tabId = admin.read("/components?type=" + TAB_TYPE + "&providerId=partner-keys").get(0).path("id").asText();
            }

            JsonNode loaded = admin.read("/components/" + tabId);
            HttpResponse<String> saved = admin.call("PUT", "/components/" + tabId, loaded.toString());

            assertThat(loaded.path("providerType").asText()).isEqualTo(TAB_TYPE);
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(204);
        }

        @Test
        void thatDoNotExistAnswerAsKeycloakDoesWhetherTheyLookLikeAKeyOrNot() {
            HttpResponse<String> noComponent = admin.call("GET", "/components/" + UUID.randomUUID(), null);
            HttpResponse<String> noKey = admin.call("GET", "/components/Token:" + UUID.randomUUID(), null);
            HttpResponse<String> noKeyDeleted = admin.call("DELETE", "/components/Token:" + UUID.randomUUID(), null);

            assertThat(noComponent.statusCode()).isEqualTo(404);
            assertThat(noKey.statusCode()).isEqualTo(404);
            assertThat(noKeyDeleted.statusCode()).isEqualTo(404);
            assertThat(noKey.body()).isEqualTo(noComponent.body());
        }
    }

    @Nested
    class WhoMaySeeAndRevokeKeys {

        /** A user of the partners realm with these roles of its realm-management client, signed in; their bearer. */
        private String realmUser(String... roles) {
            String username = "console-" + UUID.randomUUID().toString().substring(0, 8);
            ObjectNode user = JsonNodeFactory.instance.objectNode().put("username", username).put("enabled", true)
                    .put("email", username + "@partners.example").put("emailVerified", true)
                    .put("firstName", "Console").put("lastName", "Tester");
            user.putArray("credentials").addObject().put("type", "password").put("value", "secret-" + username)
                    .put("temporary", false);
            HttpResponse<String> created = admin.call("POST", "/users", user.toString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String userId = admin.read("/users?exact=true&username=" + username).get(0).path("id").asText();
            String management = admin.client("realm-management").path("id").asText();
            ArrayNode granted = JsonNodeFactory.instance.arrayNode();
            for (String role : roles) {
                granted.add(admin.read("/clients/" + management + "/roles/" + role));
            }
            HttpResponse<String> mapped = admin.call("POST", "/users/" + userId + "/role-mappings/clients/" + management,
                    granted.toString());
            assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(204);
            return Http.bearer(realm.userToken("partner-admin-cli", username, "secret-" + username));
        }

        @Test
        void anAdministratorWithoutViewRealmIsForbiddenTheListAndTheItems() {
            PartnerRealm.Key key = realm.createKey("acme", "console not for them", "VIEW");
            String platformAdmin = Http.bearer(realm.platformAdminToken()); // manage-partner-keys, no realm-management role

            HttpResponse<String> list = adminCall("GET", PartnerRealm.REALM, PAGE_LIST + admin.realmId(), platformAdmin, null);
            HttpResponse<String> item = adminCall("GET", PartnerRealm.REALM, "/components/" + key.id(), platformAdmin, null);

            assertThat(list.statusCode()).as(list.body()).isEqualTo(403);
            assertThat(item.statusCode()).as(item.body()).isEqualTo(403);
            assertThat(list.body() + item.body()).doesNotContain("console not for them");
        }

        @Test
        void aViewerSeesKeysButCannotRevokeThem() {
            PartnerRealm.Key key = realm.createKey("acme", "console viewed", "VIEW");
            String viewer = realmUser("view-realm");

            HttpResponse<String> item = adminCall("GET", PartnerRealm.REALM, "/components/" + key.id(), viewer, null);
            HttpResponse<String> saved = adminCall("PUT", PartnerRealm.REALM, "/components/" + key.id(), viewer,
                    savedWith(opened(key), "status", "REVOKED"));
            HttpResponse<String> deleted = adminCall("DELETE", PartnerRealm.REALM, "/components/" + key.id(), viewer, null);

            assertThat(item.statusCode()).as(item.body()).isEqualTo(200);
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(403);
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(403);
            assertThat(field(opened(key), "status")).isEqualTo("ACTIVE");
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
        }

        @Test
        void noOneWithoutAValidTokenGetsFurtherThanA401() {
            PartnerRealm.Key key = realm.createKey("acme", "console anonymous", "VIEW");
            String forged = Http.bearer(realm.platformAdminToken().replaceAll("\\.[^.]*$", ".forged-signature"));

            for (String authorization : java.util.Arrays.asList(null, forged, "Bearer not-a-jwt")) {
                assertThat(adminCall("GET", PartnerRealm.REALM, PAGE_LIST + admin.realmId(), authorization, null).statusCode())
                        .as("list with %s", authorization).isEqualTo(401);
                assertThat(adminCall("GET", PartnerRealm.REALM, "/components/" + key.id(), authorization, null).statusCode())
                        .isEqualTo(401);
                assertThat(adminCall("PUT", PartnerRealm.REALM, "/components/" + key.id(), authorization,
                        "{\"config\":{\"status\":[\"REVOKED\"]}}").statusCode()).isEqualTo(401);
                assertThat(adminCall("DELETE", PartnerRealm.REALM, "/components/" + key.id(), authorization, null).statusCode())
                        .isEqualTo(401);
            }
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
        }

        @Test
        void anotherRealmsKeysAreNotFoundHereAndNotReachableByThisRealmsAdministrators() {
            OtherRealm other = new OtherRealm();
            try {
                JsonNode otherKey = other.createKey();
                String otherId = otherKey.path("id").asText();
                String manager = realmUser("view-realm", "manage-realm");

                HttpResponse<String> readHere = admin.call("GET", "/components/" + otherId, null);
                HttpResponse<String> revokedHere = admin.call("PUT", "/components/" + otherId,
                        "{\"config\":{\"status\":[\"REVOKED\"]}}");
                HttpResponse<String> deletedHere = admin.call("DELETE", "/components/" + otherId, null);
                HttpResponse<String> readThere = adminCall("GET", other.name, "/components/" + otherId, manager, null);
                HttpResponse<String> listThere = adminCall("GET", other.name,
                        "/components?type=" + PAGE_TYPE + "&providerId=partner-keys", manager, null);
                HttpResponse<String> deletedThere = adminCall("DELETE", other.name, "/components/" + otherId, manager, null);

                assertThat(readHere.statusCode()).isEqualTo(404);
                assertThat(revokedHere.statusCode()).isEqualTo(404);
                assertThat(deletedHere.statusCode()).isEqualTo(404);
                assertThat(pageItems()).noneMatch(item -> otherId.equals(item.path("id").asText()));
                assertThat(readThere.statusCode()).isEqualTo(403);
                assertThat(listThere.statusCode()).isEqualTo(403);
                assertThat(deletedThere.statusCode()).isEqualTo(403);
                assertThat(other.keyWorks(otherKey)).isTrue();
            } finally {
                other.remove();
            }
        }
    }

    /** A realm of its own with one partner and a client that may make its keys (as PartnerKeyNewRealmIT sets one up). */
    private final class OtherRealm {

        final String name = "console-other-" + UUID.randomUUID().toString().substring(0, 8);

        OtherRealm() {
            String json = """
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
                    """.formatted(name);
            HttpResponse<String> created = Http.send(Http.request(URI.create(keycloak.baseUri() + "/admin/realms"))
                    .header("Authorization", Http.bearer(keycloak.adminAccessToken()))
                    .header("Content-Type", "application/json").POST(Http.body(json)));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }

        private URI endpoint(String path) {
            return URI.create(keycloak.realmUri(name) + path);
        }

        private HttpResponse<String> token(String authorization) {
            return Http.send(Http.request(endpoint("/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", authorization)
                    .POST(Http.form("grant_type", "client_credentials")));
        }

        JsonNode createKey() {
            String bootstrap = Http.json(token(Http.basic("bootstrap", "bootstrap-secret"))).path("access_token").asText();
            HttpResponse<String> created = Http.send(Http.request(endpoint("/tokens"))
                    .header("Authorization", Http.bearer(bootstrap)).header("X-Partner", "initech")
                    .header("Content-Type", "application/json")
                    .POST(Http.body(PartnerRealm.keyRequest("other realm's key", "VIEW").toString())));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            return Http.json(created);
        }

        boolean keyWorks(JsonNode key) {
            return token(Http.basic(key.path("clientId").asText(), key.path("clientSecret").asText())).statusCode() == 200;
        }

        void remove() {
            adminCall("DELETE", name, "", Http.bearer(keycloak.adminAccessToken()), null);
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
