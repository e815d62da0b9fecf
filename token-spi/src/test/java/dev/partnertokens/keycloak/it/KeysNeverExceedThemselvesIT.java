package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A key acting through the tokens API never exceeds itself, no token outlives its key, and a partner's bounds and
 * its Organization's state bind every key. Each test is an exploit that worked before these rules, and its allowed
 * twin.
 */
@ExtendWith(KeycloakExtension.class)
class KeysNeverExceedThemselvesIT {

    private PartnerRealm realm;
    private RealmAdmin admin;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
    }

    private HttpResponse<String> patch(PartnerRealm.Key caller, String id, String body) {
        return Http.send(Http.request(realm.token(id)).header("Authorization", caller.basic())
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> createBy(PartnerRealm.Key caller, String body) {
        return realm.postTokens(caller.basic(), null, PartnerRealm.JSON, body);
    }

    @Nested
    class AManagingKey {

        @Test
        void cannotGiveAKeyARightItLacks() {
            PartnerRealm.Key manager = realm.createKey("acme", "view and manage", "VIEW", "MANAGE");
            assertThat(createBy(manager, PartnerRealm.keyRequest("more", "TRANSACT").toString()).statusCode()).isEqualTo(403);
            assertThat(createBy(manager, PartnerRealm.keyRequest("same", "VIEW").toString()).statusCode()).isEqualTo(201);
        }

        @Test
        void thatExpiresCannotCreateAKeyThatOutlivesIt() {
            Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            PartnerRealm.Key manager = realm.createKeyExpiringAt("acme", "expires tomorrow", tomorrow, "VIEW", "MANAGE");
            HttpResponse<String> forever = createBy(manager, PartnerRealm.keyRequest("forever", "VIEW").toString());
            assertThat(forever.statusCode()).as(forever.body()).isEqualTo(403);
            assertThat(Http.json(forever).path("message").asText()).contains("cannot give a token a later expiry, or none");
            HttpResponse<String> later = createBy(manager, PartnerRealm.keyRequest("later", "VIEW")
                    .put("expiresAt", tomorrow.plusSeconds(3600).toString()).toString());
            assertThat(later.statusCode()).isEqualTo(403);
            HttpResponse<String> sameDay = createBy(manager, PartnerRealm.keyRequest("same day", "VIEW")
                    .put("expiresAt", tomorrow.toString()).toString());
            assertThat(sameDay.statusCode()).as(sameDay.body()).isEqualTo(201);
        }

        @Test
        void cannotPatchAwayItsOwnExpiryOrRights() {
            Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            PartnerRealm.Key manager = realm.createKeyExpiringAt("acme", "expires tomorrow", tomorrow, "VIEW", "MANAGE");
            HttpResponse<String> noExpiry = patch(manager, manager.id(), "{\"expiresAt\":null}");
            assertThat(noExpiry.statusCode()).as(noExpiry.body()).isEqualTo(403);
            assertThat(Http.json(noExpiry).path("message").asText()).isEqualTo("A token cannot change its own permissions, API scopes or expiry");
            assertThat(patch(manager, manager.id(), "{\"permissions\":[\"VIEW\"]}").statusCode()).isEqualTo(403);
            assertThat(patch(manager, manager.id(), "{\"name\":\"renamed itself\"}").statusCode()).isEqualTo(200);
            assertThat(Http.json(realm.readToken(manager.basic(), null, manager.id())).path("expiresAt").asText())
                    .isEqualTo(tomorrow.toString());
        }

        @Test
        void cannotRevokeOrEditAKeyHoldingARightItLacks() {
            PartnerRealm.Key ownersKey = realm.createKey("acme", "owner's", "VIEW", "TRANSACT", "MANAGE");
            PartnerRealm.Key manager = realm.createKey("acme", "view and manage", "VIEW", "MANAGE");
            HttpResponse<String> revoke = realm.deleteToken(manager.basic(), null, ownersKey.id());
            assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(403);
            assertThat(patch(manager, ownersKey.id(), "{\"name\":\"taken over\"}").statusCode()).isEqualTo(403);
            assertThat(realm.clientCredentials(ownersKey.basic()).statusCode()).isEqualTo(200);

            PartnerRealm.Key viewer = realm.createKey("acme", "viewer", "VIEW");
            assertThat(realm.deleteToken(manager.basic(), null, viewer.id()).statusCode()).isEqualTo(204);
        }
    }

    @Nested
    class AnExpiredKey {

        @Test
        void isGoneForEveryone() throws InterruptedException {
            PartnerRealm.Key expiring = realm.createKeyExpiringAt("acme", "short-lived", Instant.now().plusSeconds(2), "VIEW");
            Thread.sleep(2500);
            assertThat(realm.readToken(Http.bearer(realm.platformAdminToken()), "acme", expiring.id()).statusCode()).isEqualTo(404);
            assertThat(realm.listAsAdmin("acme", "name=short-lived").path("data").toString()).doesNotContain(expiring.clientId());
            assertThat(realm.deleteToken(Http.bearer(realm.platformAdminToken()), "acme", expiring.id()).statusCode()).isEqualTo(404);
            assertThat(realm.clientCredentials(expiring.basic()).statusCode()).isEqualTo(401);
        }
    }

    @Nested
    class NoTokenOutlivesItsKey {

        @Test
        void aKeyExpiringSoonGetsTokensEndingAtItsExpiryBothWays() {
            Instant soon = Instant.now().plusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            PartnerRealm.Key key = realm.createKeyExpiringAt("acme", "ten minutes", soon, "VIEW");
            HttpResponse<String> refresh = realm.refreshToken(key.clientId(), key.secret());
            assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(200);
            assertThat(Http.json(refresh).path("data").path("expiresAt").asLong()).isEqualTo(soon.getEpochSecond());
            assertThat(Http.claims(Http.json(refresh).path("data").path("accessToken").asText()).path("exp").asLong())
                    .isEqualTo(soon.getEpochSecond());

            HttpResponse<String> cc = realm.clientCredentials(key.basic());
            assertThat(Http.claims(Http.json(cc).path("access_token").asText()).path("exp").asLong()).isEqualTo(soon.getEpochSecond());
            assertThat(Http.json(cc).path("expires_in").asLong()).isBetween(590L, 600L);
        }

        @Test
        void aKeyWithoutExpiryKeepsTheUsualLifetimes() {
            PartnerRealm.Key key = realm.createKey("acme", "no expiry", "VIEW");
            long sevenDays = Instant.now().plus(Duration.ofDays(7)).getEpochSecond();
            assertThat(Http.json(realm.refreshToken(key.clientId(), key.secret())).path("data").path("expiresAt").asLong())
                    .isBetween(sevenDays - 5, sevenDays + 5);
            assertThat(Http.json(realm.clientCredentials(key.basic())).path("expires_in").asLong()).isBetween(3590L, 3600L);
        }
    }

    @Nested
    class ThePartner {

        @Test
        void boundsEveryKeyIncludingOnesThatHoldMore() {
            PartnerRealm.Key manager = realm.createKey("acme", "manager", "VIEW", "MANAGE");
            try {
                admin.setOrganizationAttribute("acme", "partner.permissions", "VIEW", "TRANSACT");
                HttpResponse<String> refused = createBy(manager, PartnerRealm.keyRequest("bounded", "VIEW").toString());
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            } finally {
                admin.setOrganizationAttribute("acme", "partner.permissions");
            }
            assertThat(createBy(manager, PartnerRealm.keyRequest("unbounded again", "VIEW").toString()).statusCode()).isEqualTo(201);
        }

        @Test
        void disabledStopsAllItsKeysEveryWayAndEnabledAgainLetsThemWork() {
            admin.createOrganization("initech");
            PartnerRealm.Key key = realm.createKey("initech", "initech key", "VIEW", "MANAGE");
            try {
                admin.setOrganizationEnabled("initech", false);
                assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(401);
                assertThat(realm.refreshToken(key.clientId(), key.secret()).statusCode()).isEqualTo(401);
                assertThat(realm.listTokens(key.basic(), null, "").statusCode()).isEqualTo(401);
                HttpResponse<String> manage = realm.postTokens(Http.bearer(realm.platformAdminToken()), "initech", PartnerRealm.JSON,
                        PartnerRealm.keyRequest("while disabled", "VIEW").toString());
                assertThat(manage.statusCode()).as(manage.body()).isEqualTo(403);
            } finally {
                admin.setOrganizationEnabled("initech", true);
            }
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
        }

        @Test
        void deletedRevokesAllItsKeys() {
            admin.createOrganization("hooli");
            PartnerRealm.Key key = realm.createKey("hooli", "hooli key", "VIEW");
            admin.deleteOrganization("hooli");
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(401);
            assertThat(realm.refreshToken(key.clientId(), key.secret()).statusCode()).isEqualTo(401);
        }
    }

    @Nested
    class AnAdministratorsStaleSave {

        @Test
        void doesNotBringARevokedKeyBack() {
            PartnerRealm.Key key = realm.createKey("acme", "revoked, then saved from an old page", "VIEW");
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
            com.fasterxml.jackson.databind.JsonNode loadedBefore = admin.client(key.clientId());
            assertThat(realm.deleteToken(Http.bearer(realm.platformAdminToken()), "acme", key.id()).statusCode()).isEqualTo(204);
            admin.saveClient(loadedBefore);
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(401);
            assertThat(realm.refreshToken(key.clientId(), key.secret()).statusCode()).isEqualTo(401);
            assertThat(admin.client(key.clientId()).path("enabled").asBoolean()).isFalse();
        }

        @Test
        void doesNotBringALaterExpiryBack() {
            Instant later = Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            Instant sooner = Instant.now().plusSeconds(900).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            PartnerRealm.Key key = realm.createKeyExpiringAt("acme", "expiry shortened, then saved from an old page", later, "VIEW");
            com.fasterxml.jackson.databind.JsonNode loadedBefore = admin.client(key.clientId());
            HttpResponse<String> shortened = Http.send(Http.request(realm.token(key.id()))
                    .header("Authorization", Http.bearer(realm.platformAdminToken())).header("X-Partner", "acme")
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"expiresAt\":\"" + sooner + "\"}")));
            assertThat(shortened.statusCode()).as(shortened.body()).isEqualTo(200);
            admin.saveClient(loadedBefore);
            String token = Http.json(realm.clientCredentials(key.basic())).path("access_token").asText();
            assertThat(Http.claims(token).path("exp").asLong()).isEqualTo(sooner.getEpochSecond());
        }
    }
}
