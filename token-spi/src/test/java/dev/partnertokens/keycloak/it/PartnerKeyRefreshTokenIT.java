package dev.partnertokens.keycloak.it;

import static dev.partnertokens.keycloak.it.Answers.assertApiError;
import static dev.partnertokens.keycloak.it.Answers.assertInvalidInput;
import static dev.partnertokens.keycloak.it.PartnerKeyClientCredentialsIT.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.keycloak.it.PartnerRealm.Key;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /realms/partners/partners/api/v2/refresh-token}: a 7-day token for {@code api-secret} + {@code apiKey}. */
@ExtendWith(KeycloakExtension.class)
class PartnerKeyRefreshTokenIT {

    private PartnerRealm realm;
    private RealmAdmin admin;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
    }

    @Nested
    class AKeysCredentials {

        @Test
        void getASevenDayTokenInTheDataEnvelope() {
            Key key = realm.createKey("acme", "refresh happy", "VIEW", "TRANSACT");

            HttpResponse<String> response = realm.refreshToken(key.clientId(), key.secret());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Http.header(response, "Content-Type")).startsWith("application/json");
            assertThat(Http.header(response, "Cache-Control")).contains("no-store");
            JsonNode body = Http.json(response);
            assertThat(fieldNames(body)).containsExactly("data");
            JsonNode data = body.path("data");
            assertThat(fieldNames(data)).containsExactlyInAnyOrder("accessToken", "expiresAt");
            assertThat(data.path("expiresAt").isIntegralNumber()).isTrue();
            long sevenDays = Instant.now().plus(Duration.ofDays(7)).getEpochSecond();
            assertThat(data.path("expiresAt").asLong()).isBetween(sevenDays - 60, sevenDays + 5);
            JsonNode claims = Http.claims(data.path("accessToken").asText());
            assertThat(claims.path("exp").asLong()).isEqualTo(data.path("expiresAt").asLong());
            assertThat(claims.path("azp").asText()).isEqualTo(key.clientId());
            assertThat(claims.path("client_id").asText()).isEqualTo(key.clientId());
            assertThat(claims.path("partner_id").asText()).isEqualTo(admin.organizationId("acme"));
            assertThat(claims.path("iss").asText()).isEqualTo(realm.issuer());
            assertThat(scopes(claims.path("scope").asText())).containsExactlyInAnyOrder("VIEW", "TRANSACT");
        }

        @Test
        void getATokenSignedByTheRealm() {
            Key key = realm.createKey("acme", "refresh signature", "VIEW");

            String jwt = Http.json(realm.refreshToken(key.clientId(), key.secret())).path("data").path("accessToken").asText();

            assertThat(RealmKeys.fetch(realm.certs()).verifies(jwt)).isTrue();
        }

        @Test
        void workWithAnyJsonContentTypeParameters() {
            Key key = realm.createKey("acme", "refresh charset", "VIEW");

            HttpResponse<String> response = realm.refreshToken(key.secret(), "application/json; charset=utf-8",
                    "{\"apiKey\":\"" + key.clientId() + "\"}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    @Nested
    class AMalformedRequestIsABadRequestInJson {

        @Test
        void withoutTheApiSecretHeader() {
            Key key = realm.createKey("acme", "refresh no header", "VIEW");

            assertInvalidInput(realm.refreshToken(null, PartnerRealm.JSON, "{\"apiKey\":\"" + key.clientId() + "\"}"), "api-secret");
            assertInvalidInput(realm.refreshToken(" ", PartnerRealm.JSON, "{\"apiKey\":\"" + key.clientId() + "\"}"), "api-secret");
        }

        @Test
        void withoutABody() {
            Key key = realm.createKey("acme", "refresh no body", "VIEW");

            assertInvalidInput(realm.refreshToken(key.secret(), PartnerRealm.JSON, null), "body");
            assertInvalidInput(realm.refreshToken(key.secret(), PartnerRealm.JSON, ""), "body");
        }

        @Test
        void withMalformedJson() {
            Key key = realm.createKey("acme", "refresh bad json", "VIEW");

            for (String body : List.of("{\"apiKey\":", "apiKey=" + key.clientId(), "{\"apiKey\":\"a\"} trailing",
                    "{\"apiKey\":\"a\",\"apiKey\":\"b\"}")) {
                assertInvalidInput(realm.refreshToken(key.secret(), PartnerRealm.JSON, body), "body");
            }
        }

        @Test
        void withABodyThatIsNotAnObject() {
            Key key = realm.createKey("acme", "refresh not object", "VIEW");

            for (String body : List.of("[]", "\"" + key.clientId() + "\"", "42", "null")) {
                assertInvalidInput(realm.refreshToken(key.secret(), PartnerRealm.JSON, body), "body");
            }
        }

        @Test
        void withAnotherContentType() {
            Key key = realm.createKey("acme", "refresh content type", "VIEW");
            String body = "{\"apiKey\":\"" + key.clientId() + "\"}";

            assertInvalidInput(realm.refreshToken(key.secret(), "text/plain", body), "Content-Type");
            assertInvalidInput(realm.refreshToken(key.secret(), "application/x-www-form-urlencoded", "apiKey=" + key.clientId()),
                    "Content-Type");
            assertInvalidInput(realm.refreshToken(key.secret(), null, body), "Content-Type");
        }

        @Test
        void whenApiKeyIsMissingOrNotANonEmptyString() {
            Key key = realm.createKey("acme", "refresh apiKey type", "VIEW");

            for (String body : List.of("{}", "{\"apiKey\":null}", "{\"apiKey\":42}", "{\"apiKey\":true}",
                    "{\"apiKey\":[\"" + key.clientId() + "\"]}", "{\"apiKey\":{\"id\":\"x\"}}", "{\"apiKey\":\"\"}",
                    "{\"apiKey\":\"   \"}", "{\"api_key\":\"" + key.clientId() + "\"}")) {
                assertInvalidInput(realm.refreshToken(key.secret(), PartnerRealm.JSON, body), "apiKey");
            }
        }

        @Test
        void whenTheBodyIsLargerThan16KiB() {
            Key key = realm.createKey("acme", "refresh big body", "VIEW");
            String padding = "x".repeat(17 * 1024);

            assertInvalidInput(realm.refreshToken(key.secret(), PartnerRealm.JSON,
                    "{\"apiKey\":\"" + key.clientId() + "\",\"padding\":\"" + padding + "\"}"), "body");
        }
    }

    @Nested
    class BadCredentialsAreUnauthorizedInJson {

        @Test
        void aWrongSecret() {
            Key key = realm.createKey("acme", "refresh wrong secret", "VIEW");

            assertApiError(realm.refreshToken(key.clientId(), key.secret() + "x"), 401, "UNAUTHORIZED");
            assertApiError(realm.refreshToken(key.clientId(), "ptk_wrong"), 401, "UNAUTHORIZED");
        }

        @Test
        void anUnknownApiKey() {
            assertApiError(realm.refreshToken("pk-does-not-exist", "ptk_wrong"), 401, "UNAUTHORIZED");
        }

        @Test
        void anotherKeysSecret() {
            Key key = realm.createKey("acme", "refresh own", "VIEW");
            Key other = realm.createKey("acme", "refresh other", "VIEW");

            assertApiError(realm.refreshToken(key.clientId(), other.secret()), 401, "UNAUTHORIZED");
        }

        @Test
        void aStockKeycloakClientsCredentials() {
            assertApiError(realm.refreshToken("demo-cc", "demo-cc-secret"), 401, "UNAUTHORIZED");
        }

        @Test
        void aRevokedKey() {
            Key key = realm.createKey("acme", "refresh revoked", "VIEW");
            assertThat(realm.refreshToken(key.clientId(), key.secret()).statusCode()).isEqualTo(200);

            assertThat(realm.deleteToken(Http.bearer(realm.platformAdminToken()), "acme", key.id()).statusCode()).isEqualTo(204);

            assertApiError(realm.refreshToken(key.clientId(), key.secret()), 401, "UNAUTHORIZED");
        }

        @Test
        void anExpiredKey() throws InterruptedException {
            Instant expiry = Instant.now().plusSeconds(3);
            Key key = realm.createKeyExpiringAt("acme", "refresh expiring", expiry, "VIEW");
            assertThat(realm.refreshToken(key.clientId(), key.secret()).statusCode()).isEqualTo(200);

            PartnerKeyClientAuthenticationIT.sleepUntil(expiry.plusMillis(500));

            assertApiError(realm.refreshToken(key.clientId(), key.secret()), 401, "UNAUTHORIZED");
        }

        @Test
        void aKeyWhoseClientAnAdministratorDisabled() {
            Key key = realm.createKey("acme", "refresh disabled", "VIEW");

            admin.setEnabled(key.clientId(), false);

            assertApiError(realm.refreshToken(key.clientId(), key.secret()), 401, "UNAUTHORIZED");
        }

        @Test
        void aKeyWhoseServiceAccountAnAdministratorDisabled() {
            Key key = realm.createKey("acme", "refresh service account disabled", "VIEW");

            admin.disableServiceAccount(key.clientId());

            assertApiError(realm.refreshToken(key.clientId(), key.secret()), 401, "UNAUTHORIZED");
            HttpResponse<String> cc = realm.clientCredentials(key.basic());
            assertThat(cc.statusCode()).as(cc.body()).isBetween(400, 401);
            assertThat(Http.json(cc).path("error").asText()).isNotBlank();
        }

        @Test
        void allLookTheSame() {
            Key key = realm.createKey("acme", "refresh same", "VIEW");

            JsonNode wrongSecret = Http.json(realm.refreshToken(key.clientId(), "ptk_wrong"));
            JsonNode unknownKey = Http.json(realm.refreshToken("pk-does-not-exist", "ptk_wrong"));

            assertThat(unknownKey).isEqualTo(wrongSecret);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
