package dev.partnertokens.keycloak.it;

import static dev.partnertokens.keycloak.it.Answers.assertInvalidInput;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * The expiry policy of a realm and of a partner (maximum key lifetime, expiry required), enforced on create and edit
 * for every caller with a message naming the limit; and "expiring soon" in the key's view, as a list filter and as a
 * Keycloak event raised once.
 */
@ExtendWith(KeycloakExtension.class)
class ExpiryPolicyIT {

    private static final String REQUIRED = "partner-tokens.expiry-required";
    private static final String MAX_DAYS = "partner-tokens.max-key-lifetime-days";

    private PartnerRealm realm;
    private RealmAdmin admin;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
    }

    private String admin() {
        return Http.bearer(realm.platformAdminToken());
    }

    private HttpResponse<String> create(String partner, Instant expiresAt) {
        return realm.postTokens(admin(), partner, PartnerRealm.JSON, (expiresAt == null
                ? PartnerRealm.keyRequest("policy " + UUID.randomUUID(), "VIEW")
                : PartnerRealm.keyRequest("policy " + UUID.randomUUID(), "VIEW").put("expiresAt", expiresAt.toString())).toString());
    }

    private static Instant inDays(long days) {
        return Instant.now().plus(Duration.ofDays(days));
    }

    private String newPartner(String... attributeNamesAndValues) {
        String alias = "policy-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createOrganization(alias);
        for (int i = 0; i < attributeNamesAndValues.length; i += 2) {
            admin.setOrganizationAttribute(alias, attributeNamesAndValues[i], attributeNamesAndValues[i + 1]);
        }
        return alias;
    }

    @Nested
    class TheRealm {

        @Test
        void mayRequireAnExpiry() {
            admin.setRealmAttribute(REQUIRED, "true");
            try {
                HttpResponse<String> refused = create("acme", null);
                assertThat(assertInvalidInput(refused, "expiresAt").path("message").asText())
                        .contains("this realm").contains("expiry required");
                HttpResponse<String> allowed = create("acme", inDays(400));
                assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(201);
                String id = Http.json(allowed).path("id").asText();
                assertInvalidInput(realm.patchAsAdmin("acme", id, "{\"expiresAt\":null}"), "expiresAt");
                HttpResponse<String> byPerson = realm.tokensCall("POST", "", Http.bearer(realm.partnerApiToken()),
                        PartnerRealm.keyRequest("person without expiry", "VIEW").toString(),
                        "X-Partner", "acme", "X-Acting-User", "owner@acme.example");
                assertInvalidInput(byPerson, "expiresAt");
            } finally {
                admin.setRealmAttribute(REQUIRED, null);
            }
            assertThat(create("acme", null).statusCode()).isEqualTo(201);
        }
    }

    @Nested
    class APartner {

        @Test
        void mayHaveAShorterMaximumLifetimeThanTheRealmNamedInTheRefusal() {
            String partner = newPartner("partner.max-key-lifetime-days", "10");

            HttpResponse<String> tooLate = create(partner, inDays(20));
            HttpResponse<String> none = create(partner, null);
            HttpResponse<String> within = create(partner, inDays(5));

            assertThat(assertInvalidInput(tooLate, "expiresAt").path("message").asText())
                    .contains("partner " + partner).contains("10 days").contains("maximum key lifetime");
            assertThat(assertInvalidInput(none, "expiresAt").path("message").asText()).contains("partner " + partner);
            assertThat(within.statusCode()).as(within.body()).isEqualTo(201);
            String id = Http.json(within).path("id").asText();
            assertInvalidInput(realm.patchAsAdmin(partner, id, "{\"expiresAt\":\"" + inDays(11) + "\"}"), "expiresAt");
            assertThat(realm.patchAsAdmin(partner, id, "{\"expiresAt\":\"" + inDays(9) + "\"}").statusCode()).isEqualTo(200);
            assertThat(create("acme", inDays(20)).statusCode()).as("other partners are not bound").isEqualTo(201);
        }

        @Test
        void cannotLiftTheRealmsStricterLimit() {
            String partner = newPartner("partner.max-key-lifetime-days", "60", "partner.expiry-required", "false");
            admin.setRealmAttribute(MAX_DAYS, "30");
            try {
                HttpResponse<String> refused = create(partner, inDays(45));
                assertThat(assertInvalidInput(refused, "expiresAt").path("message").asText()).contains("this realm").contains("30 days");
                assertInvalidInput(create(partner, null), "expiresAt");
                assertThat(create(partner, inDays(29)).statusCode()).isEqualTo(201);
            } finally {
                admin.setRealmAttribute(MAX_DAYS, null);
            }
        }

        @Test
        void mayRequireAnExpiryOfItsKeys() {
            String partner = newPartner("partner.expiry-required", "true");

            assertThat(assertInvalidInput(create(partner, null), "expiresAt").path("message").asText())
                    .contains("partner " + partner).contains("must expire");
            assertThat(create(partner, inDays(700)).statusCode()).isEqualTo(201);
        }

        @Test
        void withAnUnreadableSettingFallsBackToTheRealms() {
            String partner = newPartner("partner.max-key-lifetime-days", "soon");

            assertThat(create(partner, null).statusCode()).isEqualTo(201);
        }
    }

    @Nested
    class ExpiringSoon {

        @Test
        void showsInTheViewAndFiltersTheList() {
            String marker = "soon " + UUID.randomUUID();
            Key soon = realm.createKey("acme", PartnerRealm.keyRequest(marker + " a", "VIEW").put("expiresAt", inDays(2).toString()));
            Key later = realm.createKey("acme", PartnerRealm.keyRequest(marker + " b", "VIEW").put("expiresAt", inDays(30).toString()));
            realm.createKey("acme", PartnerRealm.keyRequest(marker + " c", "VIEW"));

            assertThat(soon.created().path("expiringSoon").asBoolean()).isTrue();
            assertThat(later.created().path("expiringSoon").asBoolean()).isFalse();
            String name = "name=" + PartnerRealm.encoded(marker);
            JsonNode expiring = realm.listAsAdmin("acme", name + "&expiringSoon=true");
            assertThat(expiring.path("totalCount").asLong()).isEqualTo(1);
            assertThat(expiring.path("data").get(0).path("id").asText()).isEqualTo(soon.id());
            assertThat(realm.listAsAdmin("acme", name + "&expiringSoon=false").path("totalCount").asLong()).isEqualTo(2);
            assertInvalidInput(realm.listTokens(admin(), "acme", "expiringSoon=yes"), "expiringSoon");
            assertInvalidInput(realm.listTokens(admin(), "acme", "expiringSoon=true&expiringSoon=true"), "expiringSoon");
        }

        @Test
        void isAKeycloakEventRaisedOncePerExpiry() throws InterruptedException {
            admin.storeEvents("CLIENT_UPDATE");
            Key key = realm.createKey("acme", PartnerRealm.keyRequest("soon event", "VIEW").put("expiresAt", inDays(3).toString()));
            Key notSoon = realm.createKey("acme", PartnerRealm.keyRequest("not soon event", "VIEW").put("expiresAt", inDays(60).toString()));
            String uuid = key.id().substring("Token:".length());

            List<JsonNode> events = eventsOf(uuid);
            for (int i = 0; i < 40 && events.isEmpty(); i++) {
                Thread.sleep(500);
                events = eventsOf(uuid);
            }
            assertThat(events).hasSize(1);
            assertThat(events.get(0).path("clientId").asText()).isEqualTo(key.clientId());
            assertThat(events.get(0).path("details").path("partner_id").asText()).isNotBlank();
            Thread.sleep(4_500); // two more housekeeping runs
            assertThat(eventsOf(uuid)).as("raised once").hasSize(1);
            assertThat(eventsOf(notSoon.id().substring("Token:".length()))).isEmpty();

            realm.patchAsAdmin("acme", key.id(), "{\"expiresAt\":\"" + inDays(2) + "\"}");
            List<JsonNode> again = eventsOf(uuid);
            for (int i = 0; i < 40 && again.size() < 2; i++) {
                Thread.sleep(500);
                again = eventsOf(uuid);
            }
            assertThat(again).as("a new expiry gets its own event").hasSize(2);
        }

        private List<JsonNode> eventsOf(String keyUuid) {
            List<JsonNode> found = new ArrayList<>();
            admin.events("CLIENT_UPDATE").forEach(event -> {
                if ("EXPIRING_SOON".equals(event.path("details").path("partner_key_action").asText())
                        && keyUuid.equals(event.path("details").path("partner_key_id").asText())) {
                    found.add(event);
                }
            });
            return found;
        }
    }
}
