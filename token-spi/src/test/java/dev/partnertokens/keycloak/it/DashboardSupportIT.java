package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the partner API's dashboard needs from the tokens API: acting users, editing keys, partners' allowed rights. */
@ExtendWith(KeycloakExtension.class)
class DashboardSupportIT {

    private PartnerRealm realm;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
    }

    private HttpResponse<String> send(String method, java.net.URI uri, String authorization, String body, String... headers) {
        HttpRequest.Builder request = Http.request(uri).header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return Http.send(request);
    }

    private List<String> scopesOfNewToken(JsonNode key) {
        HttpResponse<String> cc = realm.clientCredentials(Http.basic(key.path("clientId").asText(), key.path("clientSecret").asText()));
        assertThat(cc.statusCode()).as(cc.body()).isEqualTo(200);
        return Arrays.asList(Http.json(cc).path("scope").asText().split(" "));
    }

    @Nested
    class ActingUser {

        @Test
        void anAdministratorNamesThePersonWhoCreatedTheKey() {
            HttpResponse<String> created = send("POST", realm.tokens(), "Bearer " + realm.platformAdminToken(),
                    PartnerRealm.keyRequest("made in the dashboard", "VIEW").toString(),
                    "X-Partner", "acme", "X-Acting-User", "owner@acme.example");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(Http.json(created).path("createdBy").asText()).isEqualTo("owner@acme.example");
        }

        @Test
        void withoutActingUserTheAdministratorIsTheCreator() {
            JsonNode key = realm.createKeyAsAdmin("acme", "made by the platform", "VIEW");
            assertThat(key.path("createdBy").asText()).isEqualTo("platform-admin");
        }

        @Test
        void aKeyCannotNameAnActingUser() {
            JsonNode manager = realm.createKeyAsAdmin("acme", "manager", "VIEW", "MANAGE");
            HttpResponse<String> refused = send("POST", realm.tokens(),
                    Http.basic(manager.path("clientId").asText(), manager.path("clientSecret").asText()),
                    PartnerRealm.keyRequest("sneaky", "VIEW").toString(), "X-Acting-User", "owner@acme.example");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(Http.json(refused).path("code").asText()).isEqualTo("INVALID_INPUT");
        }

        @Test
        void anActingUserWithControlCharactersIsRefused() {
            HttpResponse<String> refused = send("POST", realm.tokens(), "Bearer " + realm.platformAdminToken(),
                    PartnerRealm.keyRequest("bad actor", "VIEW").toString(), "X-Partner", "acme", "X-Acting-User", " ");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        }
    }

    @Nested
    class Editing {

        @Test
        void aManageKeyRenamesAndNarrowsAKeyAndNewTokensCarryExactlyTheNewRights() {
            JsonNode manager = realm.createKeyAsAdmin("acme", "manager", "VIEW", "TRANSACT", "MANAGE");
            JsonNode key = realm.createKeyAsAdmin("acme", "to edit", "VIEW", "TRANSACT");
            assertThat(scopesOfNewToken(key)).containsExactlyInAnyOrder("VIEW", "TRANSACT");

            HttpResponse<String> edited = send("PATCH", realm.token(key.path("id").asText()),
                    Http.basic(manager.path("clientId").asText(), manager.path("clientSecret").asText()),
                    "{\"name\":\"edited\",\"permissions\":[\"VIEW\"],\"expiresAt\":\"2027-06-30T00:00:00Z\"}");
            assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
            JsonNode body = Http.json(edited);
            assertThat(body.path("name").asText()).isEqualTo("edited");
            assertThat(body.path("permissions").toString()).isEqualTo("[\"VIEW\"]");
            assertThat(body.path("expiresAt").asText()).isEqualTo("2027-06-30T00:00:00Z");
            assertThat(body.has("clientSecret")).isFalse();
            assertThat(body.path("updatedAt").asText()).isGreaterThan(key.path("updatedAt").asText());
            assertThat(scopesOfNewToken(key)).containsExactly("VIEW");

            HttpResponse<String> widened = send("PATCH", realm.token(key.path("id").asText()), "Bearer " + realm.platformAdminToken(),
                    "{\"permissions\":[\"VIEW\",\"MANAGE\"],\"expiresAt\":null}", "X-Partner", "acme");
            assertThat(widened.statusCode()).as(widened.body()).isEqualTo(200);
            assertThat(Http.json(widened).has("expiresAt")).isFalse();
            assertThat(scopesOfNewToken(key)).containsExactlyInAnyOrder("VIEW", "MANAGE");
        }

        @Test
        void aKeyWithoutManageCannotEdit() {
            JsonNode viewer = realm.createKeyAsAdmin("acme", "viewer", "VIEW");
            HttpResponse<String> refused = send("PATCH", realm.token(viewer.path("id").asText()),
                    Http.basic(viewer.path("clientId").asText(), viewer.path("clientSecret").asText()), "{\"name\":\"mine\"}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        }

        @Test
        void aKeyCannotGrantARightItDoesNotHold() {
            JsonNode manager = realm.createKeyAsAdmin("acme", "manager", "VIEW", "MANAGE");
            JsonNode key = realm.createKeyAsAdmin("acme", "victim", "VIEW");
            HttpResponse<String> refused = send("PATCH", realm.token(key.path("id").asText()),
                    Http.basic(manager.path("clientId").asText(), manager.path("clientSecret").asText()),
                    "{\"permissions\":[\"TRANSACT\"]}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(scopesOfNewToken(key)).containsExactly("VIEW");
        }

        @Test
        void anotherPartnersKeyIsNotFound() {
            JsonNode globexKey = realm.createKeyAsAdmin("globex", "globex key", "VIEW");
            JsonNode manager = realm.createKeyAsAdmin("acme", "manager", "VIEW", "MANAGE");
            HttpResponse<String> refused = send("PATCH", realm.token(globexKey.path("id").asText()),
                    Http.basic(manager.path("clientId").asText(), manager.path("clientSecret").asText()), "{\"name\":\"mine\"}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
            assertThat(Http.json(refused).path("code").asText()).isEqualTo("TOKEN_NOT_FOUND");
        }

        @Test
        void badEditsAreInvalidInputAndChangeNothing() {
            JsonNode key = realm.createKeyAsAdmin("acme", "stable", "VIEW");
            String admin = "Bearer " + realm.platformAdminToken();
            List<String> bodies = new ArrayList<>(List.of("{\"owner\":\"x\"}", "{}", "{\"name\":\"\"}", "{\"name\":7}",
                    "{\"permissions\":[]}", "{\"permissions\":[\"ROOT\"]}", "{\"expiresAt\":\"tomorrow\"}",
                    "{\"expiresAt\":\"2001-01-01T00:00:00Z\"}", "not json"));
            for (String body : bodies) {
                HttpResponse<String> refused = send("PATCH", realm.token(key.path("id").asText()), admin, body, "X-Partner", "acme");
                assertThat(refused.statusCode()).as(body + " → " + refused.body()).isEqualTo(400);
                assertThat(Http.json(refused).path("code").asText()).isEqualTo("INVALID_INPUT");
            }
            HttpResponse<String> read = send("GET", realm.token(key.path("id").asText()), admin, null, "X-Partner", "acme");
            assertThat(Http.json(read).path("name").asText()).isEqualTo("stable");
            assertThat(Http.json(read).path("updatedAt").asText()).isEqualTo(key.path("updatedAt").asText());
        }
    }

    @Nested
    class PartnersAllowedRights {

        @Test
        void nobodyGivesAGlobexKeyARightGlobexMayNotHold() {
            HttpResponse<String> refused = send("POST", realm.tokens(), "Bearer " + realm.platformAdminToken(),
                    PartnerRealm.keyRequest("too strong", "VIEW", "MANAGE").toString(), "X-Partner", "globex");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);

            JsonNode key = realm.createKeyAsAdmin("globex", "allowed", "VIEW", "TRANSACT");
            HttpResponse<String> widened = send("PATCH", realm.token(key.path("id").asText()), "Bearer " + realm.platformAdminToken(),
                    "{\"permissions\":[\"MANAGE\"]}", "X-Partner", "globex");
            assertThat(widened.statusCode()).as(widened.body()).isEqualTo(403);
        }

        @Test
        void aPartnerWithoutTheAttributeMayHoldEveryRight() {
            assertThat(realm.createKeyAsAdmin("acme", "all", "VIEW", "TRANSACT", "MANAGE").path("permissions").size()).isEqualTo(3);
        }
    }

    @Nested
    class DashboardTokens {

        @Test
        void carryTheirOrganizationAndRole() {
            JsonNode claims = Http.claims(realm.userToken("owner@acme.example", "owner"));
            assertThat(claims.path("organization").toString()).isEqualTo("[\"acme\"]");
            assertThat(claims.path("partner_roles").toString()).isEqualTo("{\"acme\":\"OWNER\"}");
        }

        @Test
        void ofAPersonOfTwoPartnersCarryTheirRoleInEach() {
            JsonNode claims = Http.claims(realm.userToken("consultant@partners.example", "consultant"));
            assertThat(claims.path("partner_roles").path("acme").asText()).isEqualTo("DEVELOPER");
            assertThat(claims.path("partner_roles").path("globex").asText()).isEqualTo("OWNER");
        }
    }
}
