package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rights follow people: when the partner API acts for a person ({@code X-Acting-User}), the provider reads the
 * person's membership and dashboard role in that partner from Keycloak itself, and applies the role's rights. A
 * header says who; it never says what they may do.
 */
@ExtendWith(KeycloakExtension.class)
class RightsFollowPeopleIT {

    private PartnerRealm realm;
    private RealmAdmin admin;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
    }

    private HttpResponse<String> actingFor(String person, String partner, String method, URI uri, String body) {
        HttpRequest.Builder request = Http.request(uri)
                .header("Authorization", Http.bearer(realm.partnerApiToken()))
                .header("X-Partner", partner)
                .header("X-Acting-User", person)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : Http.body(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return Http.send(request);
    }

    private HttpResponse<String> create(String person, String partner, String... permissions) {
        return actingFor(person, partner, "POST", realm.tokens(), PartnerRealm.keyRequest("by " + person, permissions).toString());
    }

    @Nested
    class WhoMayGrantWhat {

        @Test
        void aDeveloperCannotMintAManageKey() {
            HttpResponse<String> refused = create("developer@acme.example", "acme", "VIEW", "TRANSACT", "MANAGE");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(Http.json(refused).path("message").asText())
                    .isEqualTo("Your dashboard role DEVELOPER may not grant [MANAGE]; it may grant [VIEW, TRANSACT]");
        }

        @Test
        void anAdminCannotMintAManageKeyEither() {
            assertThat(create("admin@acme.example", "acme", "MANAGE").statusCode()).isEqualTo(403);
        }

        @Test
        void aDeveloperCreatesViewAndTransactKeysInTheirOwnName() {
            HttpResponse<String> created = create("developer@acme.example", "acme", "VIEW", "TRANSACT");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(Http.json(created).path("createdBy").asText()).isEqualTo("developer@acme.example");
        }

        @Test
        void anOwnerCreatesManageKeys() {
            assertThat(create("owner@acme.example", "acme", "VIEW", "MANAGE").statusCode()).isEqualTo(201);
        }

        @Test
        void theRealmMayLetDevelopersGrantLessAndAPartnerMayOverrideThat() {
            try {
                admin.setRealmAttribute("partner-tokens.grantable.developer", "VIEW");
                assertThat(create("developer@acme.example", "acme", "TRANSACT").statusCode()).isEqualTo(403);
                assertThat(create("developer@acme.example", "acme", "VIEW").statusCode()).isEqualTo(201);
                admin.setOrganizationAttribute("acme", "partner-tokens.grantable.developer", "VIEW", "TRANSACT");
                assertThat(create("developer@acme.example", "acme", "TRANSACT").statusCode()).isEqualTo(201);
            } finally {
                admin.setRealmAttribute("partner-tokens.grantable.developer", null);
                admin.setOrganizationAttribute("acme", "partner-tokens.grantable.developer");
            }
        }
    }

    @Nested
    class WhoMayEditAndRevoke {

        @Test
        void aDeveloperCannotRevokeOrEditTheOwnersKeyThroughTheProvider() {
            PartnerRealm.Key ownersKey = realm.createKey("acme", "owner's", "VIEW", "MANAGE");
            HttpResponse<String> revoke = actingFor("developer@acme.example", "acme", "DELETE", realm.token(ownersKey.id()), null);
            assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(403);
            assertThat(Http.json(revoke).path("message").asText()).isEqualTo("Only an Owner may revoke keys; your dashboard role is DEVELOPER");
            HttpResponse<String> edit = actingFor("admin@acme.example", "acme", "PATCH", realm.token(ownersKey.id()), "{\"name\":\"mine now\"}");
            assertThat(edit.statusCode()).as(edit.body()).isEqualTo(403);
            assertThat(realm.clientCredentials(ownersKey.basic()).statusCode()).isEqualTo(200);
        }

        @Test
        void anOwnerRevokes() {
            PartnerRealm.Key key = realm.createKey("acme", "to go", "VIEW");
            assertThat(actingFor("owner@acme.example", "acme", "DELETE", realm.token(key.id()), null).statusCode()).isEqualTo(204);
        }

        @Test
        void theRoleIsPerPartner() {
            PartnerRealm.Key globexKey = realm.createKey("globex", "globex", "VIEW");
            PartnerRealm.Key acmeKey = realm.createKey("acme", "acme", "VIEW");
            HttpResponse<String> asOwner = actingFor("consultant@partners.example", "globex", "PATCH", realm.token(globexKey.id()),
                    "{\"name\":\"renamed by the consultant\"}");
            assertThat(asOwner.statusCode()).as(asOwner.body()).isEqualTo(200);
            HttpResponse<String> asDeveloper = actingFor("consultant@partners.example", "acme", "DELETE", realm.token(acmeKey.id()), null);
            assertThat(asDeveloper.statusCode()).as(asDeveloper.body()).isEqualTo(403);
        }
    }

    @Nested
    class WhoIsAPerson {

        @Test
        void aPersonOfAnotherPartnerIsRefused() {
            HttpResponse<String> refused = create("owner@globex.example", "acme", "VIEW");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(Http.json(refused).path("message").asText())
                    .isEqualTo("owner@globex.example is not a person of partner acme with a dashboard role");
        }

        @Test
        void anUnknownPersonIsRefused() {
            assertThat(create("nobody@acme.example", "acme", "VIEW").statusCode()).isEqualTo(403);
        }

        @Test
        void aPlatformAdministratorIsNoPersonOfAPartner() {
            assertThat(create("platform-admin", "acme", "VIEW").statusCode()).isEqualTo(403);
        }
    }

    @Nested
    class ThePlatformAdministratorPath {

        @Test
        void acceptsOnlyTokensMeantForTheTokensApi() {
            String dashboardToken = realm.userToken("platform-admin", "platform-admin");
            HttpResponse<String> refused = realm.postTokens(Http.bearer(dashboardToken), "acme", PartnerRealm.JSON,
                    PartnerRealm.keyRequest("wrong audience", "VIEW").toString());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(Http.json(refused).path("message").asText()).contains("needs the audience partner-tokens");
        }

        @Test
        void refusesAPersonsTokenEvenWithTheRightAudienceUnlessTheyHoldTheRole() {
            String ownersToken = realm.userToken("partner-admin-cli", "owner@acme.example", "owner");
            HttpResponse<String> refused = realm.postTokens(Http.bearer(ownersToken), "acme", PartnerRealm.JSON,
                    PartnerRealm.keyRequest("not an administrator", "VIEW").toString());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        }

        @Test
        void withATokenMeantForItCreatesKeys() {
            JsonNode key = realm.createKeyAsAdmin("acme", "platform", "VIEW");
            assertThat(key.path("createdBy").asText()).isEqualTo("platform-admin");
        }
    }
}
