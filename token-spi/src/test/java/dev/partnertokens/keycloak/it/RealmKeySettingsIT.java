package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin console's "partner-keys" realm-settings tab (ADR 9), saved the way the console saves it (one
 * UiTabProvider component of the realm): its settings change what keys get, and a bad value is refused with a message.
 */
@ExtendWith(KeycloakExtension.class)
class RealmKeySettingsIT {

    private static final String TAB_TYPE = "org.keycloak.services.ui.extend.UiTabProvider";
    // the tab's field names: the realm attributes without "partner-tokens." and without dots (the console's forms
    // cannot carry a dot in a field name)
    private static final String CC_SECONDS = "client-credentials-token-seconds";
    private static final String REFRESH_HOURS = "refresh-token-hours";
    private static final String MAX_DAYS = "max-key-lifetime-days";
    private static final List<String> FIELDS = List.of("grantable-owner", "grantable-admin",
            "grantable-developer", CC_SECONDS, REFRESH_HOURS, MAX_DAYS, "expiry-notice-days");

    private PartnerRealm realm;
    private RealmAdmin admin;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
    }

    @AfterEach
    void defaults() {
        assertThat(saveTab(Map.of()).statusCode()).isIn(201, 204);
    }

    /** What the tab's Save sends: the form's fields plus the route's parameters, as one realm component. */
    private HttpResponse<String> saveTab(Map<String, String> fields) {
        ObjectNode tab = JsonNodeFactory.instance.objectNode()
                .put("name", "partner-keys").put("providerId", "partner-keys").put("providerType", TAB_TYPE)
                .put("parentId", admin.realmId());
        ObjectNode config = tab.putObject("config");
        config.putArray("realm").add(PartnerRealm.REALM);
        config.putArray("tab").add("partner-keys");
        for (String name : FIELDS) {
            config.putArray(name).add(fields.getOrDefault(name, "")); // an emptied field is sent as ""
        }
        JsonNode existing = admin.read("/components?type=" + TAB_TYPE);
        for (JsonNode component : existing) {
            if ("partner-keys".equals(component.path("providerId").asText())) {
                tab.put("id", component.path("id").asText());
                return admin.call("PUT", "/components/" + component.path("id").asText(), tab.toString());
            }
        }
        return admin.call("POST", "/components", tab.toString());
    }

    @Nested
    class TheClientCredentialsTokenLifetime {

        @Test
        void isWhatTheTabSays() {
            PartnerRealm.Key key = realm.createKey("acme", "short tokens", "VIEW");
            assertThat(Http.json(realm.clientCredentials(key.basic())).path("expires_in").asInt()).as("seconds left when answered").isBetween(3599, 3600);

            assertThat(saveTab(Map.of(CC_SECONDS, "120")).statusCode()).isIn(201, 204);

            JsonNode token = Http.json(realm.clientCredentials(key.basic()));
            assertThat(token.path("expires_in").asInt()).as("seconds left when answered").isBetween(119, 120);
            JsonNode claims = Http.claims(token.path("access_token").asText());
            assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(120);
        }

        @Test
        void refusesAValueThatIsNoNumberOfSecondsWithAMessage() {
            HttpResponse<String> refused = saveTab(Map.of(CC_SECONDS, "an hour"));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("client_credentials token", "seconds from 60 to 86400", "an hour");
        }

        @Test
        void refusesAValueOutOfBoundsWithAMessage() {
            HttpResponse<String> refused = saveTab(Map.of(CC_SECONDS, "5"));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("from 60 to 86400");
        }
    }

    @Nested
    class TheRefreshTokenEndpointLifetime {

        @Test
        void isWhatTheTabSays() {
            PartnerRealm.Key key = realm.createKey("acme", "two-hour refresh", "VIEW");
            assertThat(saveTab(Map.of(REFRESH_HOURS, "2")).statusCode()).isIn(201, 204);

            JsonNode answer = Http.json(realm.refreshToken(key.clientId(), key.secret()));

            assertThat(answer.path("data").path("expiresAt").asLong())
                    .isCloseTo(Instant.now().plus(Duration.ofHours(2)).getEpochSecond(), within(30L));
        }

        @Test
        void cannotExceedTheSevenDaysTheRevocationFeedKeeps() {
            HttpResponse<String> refused = saveTab(Map.of(REFRESH_HOURS, "169"));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("hours from 1 to 168");
        }
    }

    @Nested
    class AMaximumKeyLifetime {

        @Test
        void refusesAKeyWithoutExpiryNamingTheLimit() {
            assertThat(saveTab(Map.of(MAX_DAYS, "30")).statusCode()).isIn(201, 204);

            HttpResponse<String> refused = realm.postTokens(Http.bearer(realm.platformAdminToken()), "acme", PartnerRealm.JSON,
                    PartnerRealm.keyRequest("for ever", "VIEW").toString());

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("expiresAt", "30 days", "maximum key lifetime");
        }

        @Test
        void refusesAKeyExpiringLaterNamingTheLimit() {
            assertThat(saveTab(Map.of(MAX_DAYS, "30")).statusCode()).isIn(201, 204);

            HttpResponse<String> refused = realm.postTokens(Http.bearer(realm.platformAdminToken()), "acme", PartnerRealm.JSON,
                    PartnerRealm.keyRequest("too long", "VIEW").put("expiresAt", Instant.now().plus(Duration.ofDays(60)).toString()).toString());

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("30 days");
        }

        @Test
        void letsAKeyWithinItBeMadeButNotEditedBeyondIt() {
            assertThat(saveTab(Map.of(MAX_DAYS, "30")).statusCode()).isIn(201, 204);
            PartnerRealm.Key key = realm.createKeyExpiringAt("acme", "within", Instant.now().plus(Duration.ofDays(10)), "VIEW");

            HttpResponse<String> refused = Http.send(Http.request(realm.token(key.id()))
                    .header("Authorization", Http.bearer(realm.platformAdminToken())).header("X-Partner", "acme")
                    .header("Content-Type", PartnerRealm.JSON)
                    .method("PATCH", Http.body("{\"expiresAt\":null}")));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("30 days");
        }

        @Test
        void refusesAValueThatIsNoNumberOfDays() {
            HttpResponse<String> refused = saveTab(Map.of(MAX_DAYS, "-3"));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("maximum key lifetime", "days from 1 to 3650");
        }
    }

    @Nested
    class TheRightsEachRoleMayGrant {

        @Test
        void areWrittenWhereTheProviderReadsThem() {
            assertThat(saveTab(Map.of("grantable-developer", "VIEW")).statusCode()).isIn(201, 204);

            HttpResponse<String> refused = Http.send(Http.request(realm.tokens())
                    .header("Authorization", Http.bearer(realm.partnerApiToken()))
                    .header("X-Partner", "acme").header("X-Acting-User", "developer@acme.example")
                    .header("Content-Type", PartnerRealm.JSON)
                    .POST(Http.body(PartnerRealm.keyRequest("transacting", "TRANSACT").toString())));

            assertThat(refused.statusCode()).isEqualTo(403);
        }

        @Test
        void refuseANameThatIsNoRight() {
            HttpResponse<String> refused = saveTab(Map.of("grantable-owner", "VIEW, DELETE"));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("DELETE\\\" is not one");
        }
    }
}
