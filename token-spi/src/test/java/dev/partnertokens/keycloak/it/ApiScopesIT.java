package dev.partnertokens.keycloak.it;

import static dev.partnertokens.keycloak.it.Answers.assertApiError;
import static dev.partnertokens.keycloak.it.Answers.assertForbidden;
import static dev.partnertokens.keycloak.it.Answers.assertInvalidInput;
import static dev.partnertokens.keycloak.it.Answers.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.keycloak.it.PartnerRealm.Key;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-API scopes from the realm's catalogue (demo realm: gateway, vault, fx, disputes; Acme may hold all, Globex only
 * fx): kept by realm administrators, put on keys through the tokens API within everyone's bounds, and granted by the
 * client-credentials grant exactly as asked.
 */
@ExtendWith(KeycloakExtension.class)
class ApiScopesIT {

    private PartnerRealm realm;
    private RealmAdmin admin;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
    }

    private Key key(String partner, List<String> permissions, List<String> scopes) {
        return realm.createKey(partner, PartnerRealm.keyRequest("scoped " + UUID.randomUUID(), permissions, scopes));
    }

    private static List<String> scopes(String spaceSeparated) {
        return spaceSeparated.isBlank() ? List.of() : Arrays.asList(spaceSeparated.trim().split("\\s+"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    @Nested
    class TheCatalogue {

        @Test
        void ofTheDemoRealmHoldsCheckoutsApisWithDescriptions() {
            JsonNode catalogue = admin.read("/partner-tokens/api-scopes");

            List<String> names = new ArrayList<>();
            catalogue.forEach(scope -> {
                names.add(scope.path("name").asText());
                assertThat(scope.path("description").asText()).as(scope.toString()).isNotBlank();
            });
            assertThat(names).contains("gateway", "vault", "fx", "disputes").doesNotContain("VIEW", "profile", "email");
        }

        @Test
        void isKeptByRealmAdministrators() {
            String name = "reports-" + UUID.randomUUID().toString().substring(0, 8);

            HttpResponse<String> added = admin.call("PUT", "/partner-tokens/api-scopes/" + name, "{\"description\":\"Reports API\"}");
            HttpResponse<String> described = admin.call("PUT", "/partner-tokens/api-scopes/" + name, "{\"description\":\"Reports API v2\"}");

            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            assertThat(described.statusCode()).as(described.body()).isEqualTo(200);
            assertThat(admin.read("/partner-tokens/api-scopes").toString()).contains(name).contains("Reports API v2");
            String partner = "catalogue-" + UUID.randomUUID().toString().substring(0, 8);
            admin.createOrganization(partner); // no partner.scopes: its keys may hold the whole catalogue
            HttpResponse<String> acmeRefused = realm.postTokens(Http.bearer(realm.platformAdminToken()), "acme", PartnerRealm.JSON,
                    PartnerRealm.keyRequest("acme reports", List.of("VIEW"), List.of(name)).toString());
            assertForbidden(acmeRefused); // Acme's partner.scopes names the four demo scopes only
            Key holder = key(partner, List.of("VIEW"), List.of(name));
            assertThat(texts(holder.created().path("scopes"))).containsExactly(name);
            assertThat(scopes(Http.json(realm.clientCredentials(holder.basic(), "scope", name)).path("scope").asText()))
                    .containsExactly(name);

            HttpResponse<String> refused = admin.call("DELETE", "/partner-tokens/api-scopes/" + name, null);
            assertApiError(refused, 409, "CONFLICT");
            assertThat(refused.body()).contains("held by 1 key");

            realm.deleteToken(Http.bearer(realm.platformAdminToken()), partner, holder.id());
            HttpResponse<String> removed = admin.call("DELETE", "/partner-tokens/api-scopes/" + name, null);
            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
            assertThat(admin.read("/partner-tokens/api-scopes").toString()).doesNotContain(name);
            assertInvalidInput(realm.postTokens(Http.bearer(realm.platformAdminToken()), partner, PartnerRealm.JSON,
                    PartnerRealm.keyRequest("gone", List.of("VIEW"), List.of(name)).toString()), "scopes");
            assertApiError(admin.call("DELETE", "/partner-tokens/api-scopes/" + name, null), 404, "API_SCOPE_NOT_FOUND");
        }

        @Test
        void refusesBadNamesAndBodiesWithA400() {
            for (String bad : List.of("VIEW", "manage", "Upper", "9lives", "a".repeat(41))) {
                assertInvalidInput(admin.call("PUT", "/partner-tokens/api-scopes/" + bad, "{\"description\":\"x\"}"), "name");
            }
            assertInvalidInput(admin.call("PUT", "/partner-tokens/api-scopes/okname", "{\"description\":\"\"}"), "description");
            assertInvalidInput(admin.call("PUT", "/partner-tokens/api-scopes/okname", "{\"description\":\"x\",\"admin\":true}"), "admin");
            assertInvalidInput(admin.call("PUT", "/partner-tokens/api-scopes/okname", "[1]"), "body");
            assertInvalidInput(admin.call("PUT", "/partner-tokens/api-scopes/okname",
                    "{\"description\":\"" + "d".repeat(256) + "\"}"), "description");
        }

        @Test
        void cannotTakeOverAClientScopeThatIsNoApiScope() {
            assertApiError(admin.call("PUT", "/partner-tokens/api-scopes/profile", "{\"description\":\"mine now\"}"), 409, "CONFLICT");
            assertApiError(admin.call("DELETE", "/partner-tokens/api-scopes/profile", null), 404, "API_SCOPE_NOT_FOUND");
        }

        @Test
        void isNotChangedByAnyoneWithoutManageRealm() {
            String platformAdmin = realm.platformAdminToken(); // manage-partner-keys, but no realm-management role
            URI uri = URI.create(realm.keycloak().baseUri() + "/admin/realms/" + PartnerRealm.REALM + "/partner-tokens/api-scopes/sneaky");
            HttpResponse<String> put = Http.send(Http.request(uri).header("Authorization", Http.bearer(platformAdmin))
                    .header("Content-Type", "application/json").PUT(Http.body("{\"description\":\"x\"}")));
            HttpResponse<String> anonymous = Http.send(Http.request(uri).header("Content-Type", "application/json")
                    .PUT(Http.body("{\"description\":\"x\"}")));

            assertThat(put.statusCode()).as(put.body()).isEqualTo(403);
            assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
            assertThat(admin.read("/partner-tokens/api-scopes").toString()).doesNotContain("sneaky");
        }
    }

    @Nested
    class AKey {

        @Test
        void holdsPermissionsAndApiScopesAndShowsBoth() {
            Key key = key("acme", List.of("VIEW"), List.of("vault", "gateway", "fx", "gateway"));

            assertThat(texts(key.created().path("permissions"))).containsExactly("VIEW");
            assertThat(texts(key.created().path("scopes"))).containsExactly("fx", "gateway", "vault");
            JsonNode read = Http.json(realm.readToken(Http.bearer(realm.platformAdminToken()), "acme", key.id()));
            assertThat(texts(read.path("scopes"))).containsExactly("fx", "gateway", "vault");
            JsonNode plain = realm.createKey("acme", "no api scopes", "VIEW").created();
            assertThat(texts(plain.path("scopes"))).isEmpty();
        }

        @Test
        void getsExactlyTheScopesItAsksForAndAllWhenItAsksForNone() {
            Key key = key("acme", List.of("VIEW", "TRANSACT"), List.of("gateway", "vault", "fx"));

            JsonNode all = Http.json(realm.clientCredentials(key.basic()));
            JsonNode empty = Http.json(realm.clientCredentials(key.basic(), "scope", ""));
            JsonNode three = Http.json(realm.clientCredentials(key.basic(), "scope", "vault fx gateway"));
            JsonNode mixed = Http.json(realm.clientCredentials(key.basic(), "scope", "fx VIEW"));

            assertThat(scopes(all.path("scope").asText())).containsExactlyInAnyOrder("VIEW", "TRANSACT", "gateway", "vault", "fx");
            assertThat(scopes(empty.path("scope").asText())).containsExactlyInAnyOrder("VIEW", "TRANSACT", "gateway", "vault", "fx");
            assertThat(scopes(three.path("scope").asText())).containsExactlyInAnyOrder("gateway", "vault", "fx");
            assertThat(scopes(Http.claims(three.path("access_token").asText()).path("scope").asText()))
                    .containsExactlyInAnyOrder("gateway", "vault", "fx");
            assertThat(scopes(Http.claims(mixed.path("access_token").asText()).path("scope").asText()))
                    .containsExactlyInAnyOrder("fx", "VIEW");
        }

        @Test
        void asksForAScopeItDoesNotHoldAndGetsInvalidScope() {
            Key key = key("acme", List.of("VIEW"), List.of("gateway"));
            key("acme", List.of("VIEW"), List.of("disputes")); // disputes is linked to some key: it exists

            for (String scope : List.of("disputes", "gateway disputes", "vault", "TRANSACT", "gatewayx", "GATEWAY")) {
                assertOAuthError(realm.clientCredentials(key.basic(), "scope", scope), 400, "invalid_scope");
            }
        }

        @Test
        void getsAllItsApiScopesFromTheRefreshTokenEndpoint() {
            Key key = key("acme", List.of("VIEW"), List.of("fx", "disputes"));

            JsonNode answer = Http.json(realm.refreshToken(key.clientId(), key.secret()));

            assertThat(scopes(Http.claims(answer.path("data").path("accessToken").asText()).path("scope").asText()))
                    .containsExactlyInAnyOrder("VIEW", "fx", "disputes");
        }

        @Test
        void losesAScopeWhenItIsEditedAway() {
            Key key = key("acme", List.of("VIEW"), List.of("gateway", "vault"));

            HttpResponse<String> edited = realm.patchAsAdmin("acme", key.id(), "{\"scopes\":[\"vault\"]}");

            assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
            assertThat(texts(Http.json(edited).path("scopes"))).containsExactly("vault");
            assertThat(texts(Http.json(edited).path("permissions"))).containsExactly("VIEW");
            assertOAuthError(realm.clientCredentials(key.basic(), "scope", "gateway"), 400, "invalid_scope");
            assertThat(scopes(Http.json(realm.clientCredentials(key.basic())).path("scope").asText()))
                    .containsExactlyInAnyOrder("VIEW", "vault");
            HttpResponse<String> cleared = realm.patchAsAdmin("acme", key.id(), "{\"scopes\":[]}");
            assertThat(texts(Http.json(cleared).path("scopes"))).isEmpty();
            HttpResponse<String> permissionsOnly = realm.patchAsAdmin("acme", key.id(), "{\"scopes\":[\"fx\"]}");
            realm.patchAsAdmin("acme", key.id(), "{\"permissions\":[\"VIEW\",\"TRANSACT\"]}");
            JsonNode after = Http.json(realm.readToken(Http.bearer(realm.platformAdminToken()), "acme", key.id()));
            assertThat(permissionsOnly.statusCode()).isEqualTo(200);
            assertThat(texts(after.path("scopes"))).as("a permissions edit keeps the API scopes").containsExactly("fx");
        }
    }

    @Nested
    class NobodyGrants {

        @Test
        void aScopeOutsideTheCatalogue() {
            String admin = Http.bearer(realm.platformAdminToken());
            for (String body : List.of("{\"name\":\"x\",\"permissions\":[\"VIEW\"],\"scopes\":[\"payouts\"]}",
                    "{\"name\":\"x\",\"permissions\":[\"VIEW\"],\"scopes\":[\"profile\"]}",
                    "{\"name\":\"x\",\"permissions\":[\"VIEW\"],\"scopes\":[\"VIEW\"]}",
                    "{\"name\":\"x\",\"permissions\":[\"VIEW\"],\"scopes\":\"gateway\"}",
                    "{\"name\":\"x\",\"permissions\":[\"VIEW\"],\"scopes\":[1]}",
                    "{\"name\":\"x\",\"permissions\":[\"VIEW\"],\"scopes\":[null]}")) {
                assertInvalidInput(realm.postTokens(admin, "acme", PartnerRealm.JSON, body), "scopes");
            }
        }

        @Test
        void aScopeTheirPartnerMayNotHold() {
            HttpResponse<String> refused = realm.postTokens(Http.bearer(realm.platformAdminToken()), "globex", PartnerRealm.JSON,
                    PartnerRealm.keyRequest("globex gateway", List.of("VIEW"), List.of("gateway")).toString());

            assertThat(assertForbidden(refused).path("message").asText()).contains("gateway").contains("fx");
            Key fx = key("globex", List.of("VIEW"), List.of("fx"));
            assertForbidden(realm.patchAsAdmin("globex", fx.id(), "{\"scopes\":[\"fx\",\"vault\"]}"));
        }

        @Test
        void aScopeTheirKeyDoesNotHold() {
            Key manager = key("acme", List.of("VIEW", "MANAGE"), List.of("gateway"));

            HttpResponse<String> allowed = realm.postTokens(manager.basic(), null, PartnerRealm.JSON,
                    PartnerRealm.keyRequest("child", List.of("VIEW"), List.of("gateway")).toString());
            HttpResponse<String> refused = realm.postTokens(manager.basic(), null, PartnerRealm.JSON,
                    PartnerRealm.keyRequest("child", List.of("VIEW"), List.of("gateway", "vault")).toString());

            assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(201);
            assertThat(assertForbidden(refused).path("message").asText()).contains("vault");
            String child = Http.json(allowed).path("id").asText();
            assertForbidden(realm.tokensCall("PATCH", "/" + child, manager.basic(), "{\"scopes\":[\"vault\"]}"));
        }

        @Test
        void toItselfOrToAKeyHoldingMore() {
            Key manager = key("acme", List.of("VIEW", "MANAGE"), List.of("gateway"));
            Key stronger = key("acme", List.of("VIEW"), List.of("gateway", "disputes"));

            assertForbidden(realm.tokensCall("PATCH", "/" + manager.id(), manager.basic(), "{\"scopes\":[\"gateway\"]}"));
            assertForbidden(realm.tokensCall("PATCH", "/" + manager.id(), manager.basic(), "{\"scopes\":[]}"));
            assertForbidden(realm.tokensCall("PATCH", "/" + stronger.id(), manager.basic(), "{\"name\":\"mine\"}"));
            assertForbidden(realm.deleteToken(manager.basic(), null, stronger.id()));
            assertThat(realm.clientCredentials(stronger.basic()).statusCode()).isEqualTo(200);
        }

        @Test
        void butAPersonOfAnyRoleMayGrantTheirPartnersScopes() {
            HttpResponse<String> created = realm.tokensCall("POST", "", Http.bearer(realm.partnerApiToken()),
                    PartnerRealm.keyRequest("developer's", List.of("VIEW"), List.of("disputes")).toString(),
                    "X-Partner", "acme", "X-Acting-User", "developer@acme.example");
            HttpResponse<String> globex = realm.tokensCall("POST", "", Http.bearer(realm.partnerApiToken()),
                    PartnerRealm.keyRequest("globex owner's", List.of("VIEW"), List.of("disputes")).toString(),
                    "X-Partner", "globex", "X-Acting-User", "owner@globex.example");

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(texts(Http.json(created).path("scopes"))).containsExactly("disputes");
            assertForbidden(globex);
        }
    }

    @Nested
    class ACreateFormIsOffered {

        private List<String> names(HttpResponse<String> offered) {
            assertThat(offered.statusCode()).as(offered.body()).isEqualTo(200);
            assertThat(Http.header(offered, "Cache-Control")).contains("no-store");
            List<String> names = new ArrayList<>();
            Http.json(offered).path("data").forEach(scope -> names.add(scope.path("name").asText()));
            return names;
        }

        private HttpResponse<String> asPerson(String partner, String username) {
            return realm.tokensCall("GET", "/api-scopes", Http.bearer(realm.partnerApiToken()), null,
                    "X-Partner", partner, "X-Acting-User", username);
        }

        @Test
        void everyApiScopeThePartnerMayHoldWithItsDescriptionToAPersonOfAnyRole() {
            HttpResponse<String> developer = asPerson("acme", "developer@acme.example");

            assertThat(names(developer)).contains("disputes", "fx", "gateway", "vault").isSorted()
                    .doesNotContain("VIEW", "TRANSACT", "MANAGE", "profile", "email");
            Http.json(developer).path("data").forEach(scope ->
                    assertThat(scope.path("description").isTextual()).as(scope.toString()).isTrue());
            assertThat(names(asPerson("acme", "owner@acme.example"))).isEqualTo(names(developer));
            assertThat(names(asPerson("globex", "owner@globex.example"))).as("Globex may hold fx only").containsExactly("fx");
        }

        @Test
        void toAKeyOnlyTheApiScopesItHoldsItself() {
            Key reader = key("acme", List.of("VIEW"), List.of("gateway", "fx"));
            Key none = key("acme", List.of("VIEW", "MANAGE"), List.of());

            assertThat(names(realm.tokensCall("GET", "/api-scopes", reader.basic(), null))).containsExactly("fx", "gateway");
            assertThat(names(realm.tokensCall("GET", "/api-scopes", none.basic(), null))).isEmpty();
        }

        @Test
        void toNobodyWhoMayNotReadKeys() {
            Key transactOnly = key("acme", List.of("TRANSACT"), List.of("fx"));

            assertForbidden(realm.tokensCall("GET", "/api-scopes", transactOnly.basic(), null));
            assertApiError(realm.tokensCall("GET", "/api-scopes", null, null), 401, "UNAUTHORIZED");
            assertApiError(realm.tokensCall("GET", "/api-scopes", Http.bearer("not-a-token"), null, "X-Partner", "acme"), 401, "UNAUTHORIZED");
            assertForbidden(asPerson("globex", "developer@acme.example"));
        }
    }

    @Nested
    class TheList {

        @Test
        void filtersByApiScope() {
            String marker = "filter " + UUID.randomUUID();
            realm.createKey("acme", PartnerRealm.keyRequest(marker + " a", List.of("VIEW"), List.of("disputes", "fx")));
            realm.createKey("acme", PartnerRealm.keyRequest(marker + " b", List.of("VIEW"), List.of("fx")));
            realm.createKey("acme", PartnerRealm.keyRequest(marker + " c", List.of("VIEW"), List.of()));
            String name = "name=" + PartnerRealm.encoded(marker);

            assertThat(realm.listAsAdmin("acme", name + "&scope=fx").path("totalCount").asLong()).isEqualTo(2);
            assertThat(realm.listAsAdmin("acme", name + "&scope=fx&scope=disputes").path("totalCount").asLong()).isEqualTo(1);
            assertThat(realm.listAsAdmin("acme", name + "&scope=disputes").path("data").get(0).path("name").asText())
                    .isEqualTo(marker + " a");
            assertThat(realm.listAsAdmin("acme", name + "&scope=vault").path("totalCount").asLong()).isZero();
            assertThat(realm.listAsAdmin("acme", name + "&scope=f").path("totalCount").asLong()).as("whole names only").isZero();
            assertThat(realm.listAsAdmin("acme", name + "&scope=f_").path("totalCount").asLong()).as("_ is no wildcard").isZero();
            assertInvalidInput(realm.listTokens(Http.bearer(realm.platformAdminToken()), "acme", "scope=%25"), "scope");
            assertInvalidInput(realm.listTokens(Http.bearer(realm.platformAdminToken()), "acme", "scope="), "scope");
        }
    }
}
