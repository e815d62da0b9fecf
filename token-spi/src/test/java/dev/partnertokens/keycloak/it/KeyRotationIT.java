package dev.partnertokens.keycloak.it;

import static dev.partnertokens.keycloak.it.Answers.assertApiError;
import static dev.partnertokens.keycloak.it.Answers.assertForbidden;
import static dev.partnertokens.keycloak.it.Answers.assertInvalidClient;
import static dev.partnertokens.keycloak.it.Answers.assertInvalidInput;
import static dev.partnertokens.keycloak.it.Answers.assertTokenNotFound;
import static dev.partnertokens.keycloak.it.Answers.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.keycloak.it.PartnerRealm.Key;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rotating a key's secret with an overlap ("roll key"): the new secret works at once, the old one until the overlap
 * ends (or is ended), then nowhere; only the allowed may rotate; the partner API hears of it through the revocation
 * feed; the trail records it without a secret.
 */
@ExtendWith(KeycloakExtension.class)
class KeyRotationIT {

    private PartnerRealm realm;
    private String feedToken;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
        feedToken = realm.partnerApiToken();
    }

    private String admin() {
        return Http.bearer(realm.platformAdminToken());
    }

    private HttpResponse<String> rotate(String authorization, Key key, String body, String... headers) {
        return realm.tokensCall("POST", "/" + key.id() + "/rotate", authorization, body, headers);
    }

    /** Rotates as the platform administrator and returns the key with its new secret. */
    private Key rotated(Key key, String body) {
        HttpResponse<String> response = rotate(admin(), key, body, "X-Partner", "acme");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Key.of(Http.json(response));
    }

    private HttpResponse<String> endOverlap(String authorization, Key key, String... headers) {
        return realm.tokensCall("POST", "/" + key.id() + "/end-overlap", authorization, null, headers);
    }

    private void assertWorksInAllThreeWays(Key key) {
        assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
        assertThat(realm.clientCredentials(null, "client_id", key.clientId(), "client_secret", key.secret()).statusCode()).isEqualTo(200);
        assertThat(realm.refreshToken(key.clientId(), key.secret()).statusCode()).isEqualTo(200);
        assertThat(realm.listTokens(key.basic(), null, "limit=1").statusCode()).isEqualTo(200);
    }

    private void assertRefusedInAllThreeWays(Key key) {
        assertInvalidClient(realm.clientCredentials(key.basic()));
        assertInvalidClient(realm.clientCredentials(null, "client_id", key.clientId(), "client_secret", key.secret()));
        assertInvalidClient(realm.clientCredentialsAt(realm.connectTokenEndpoint(), key.basic()));
        assertApiError(realm.refreshToken(key.clientId(), key.secret()), 401, "UNAUTHORIZED");
        assertUnauthorized(realm.listTokens(key.basic(), null, "limit=1"));
    }

    private long lastRevocation() {
        return Http.json(realm.feed("revocations", "after=0", feedToken)).path("last").asLong();
    }

    private List<JsonNode> revocationsAfter(long after, Predicate<JsonNode> which) {
        List<JsonNode> entries = new ArrayList<>();
        Http.json(realm.feed("revocations", "after=" + after, feedToken)).path("entries").forEach(entry -> {
            if (which.test(entry)) {
                entries.add(entry);
            }
        });
        return entries;
    }

    @Nested
    class ARotation {

        @Test
        void answersLikeCreateWithANewSecretForTheSameClientAndShowsTheOverlap() {
            Key key = realm.createKey("acme", "rotate answer", "VIEW", "TRANSACT");
            Instant before = Instant.now();

            HttpResponse<String> response = rotate(admin(), key, null, "X-Partner", "acme");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Http.header(response, "Cache-Control")).contains("no-store");
            JsonNode answer = Http.json(response);
            assertThat(answer.path("id").asText()).isEqualTo(key.id());
            assertThat(answer.path("clientId").asText()).isEqualTo(key.clientId());
            assertThat(answer.path("clientSecret").asText()).startsWith("ptk_").isNotEqualTo(key.secret());
            assertThat(answer.path("permissions").toString()).contains("VIEW", "TRANSACT");
            Instant until = Instant.parse(answer.path("oldSecretValidUntil").asText());
            assertThat(until).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(5), Instant.now().plus(Duration.ofHours(24)).plusSeconds(5));
            assertThat(Instant.parse(answer.path("rotatedAt").asText())).isBetween(before.minusSeconds(5), Instant.now().plusSeconds(5));
            JsonNode read = Http.json(realm.readToken(admin(), "acme", key.id()));
            assertThat(read.has("clientSecret")).isFalse();
            assertThat(read.path("oldSecretValidUntil").asText()).isEqualTo(answer.path("oldSecretValidUntil").asText());
        }

        @Test
        void letsBothSecretsWorkInAllThreeWaysDuringTheOverlap() {
            Key old = realm.createKey("acme", "rotate overlap", "VIEW");
            assertWorksInAllThreeWays(old); // the node now keeps a snapshot of the key

            Key fresh = rotated(old, "{\"overlapSeconds\":3600}");

            assertWorksInAllThreeWays(fresh);
            assertWorksInAllThreeWays(old);
        }

        @Test
        void givesTheOldSecretNoTokenThatOutlivesTheOverlap() {
            Key old = realm.createKey("acme", "rotate capped", "VIEW");
            Key fresh = rotated(old, "{\"overlapSeconds\":120}");
            long until = Instant.parse(Http.json(realm.readToken(admin(), "acme", old.id())).path("oldSecretValidUntil").asText())
                    .getEpochSecond();

            JsonNode oldToken = Http.claims(Http.json(realm.clientCredentials(old.basic())).path("access_token").asText());
            JsonNode oldWeek = Http.claims(Http.json(realm.refreshToken(old.clientId(), old.secret())).path("data").path("accessToken").asText());
            JsonNode newToken = Http.claims(Http.json(realm.clientCredentials(fresh.basic())).path("access_token").asText());

            assertThat(oldToken.path("exp").asLong()).isLessThanOrEqualTo(until);
            assertThat(oldWeek.path("exp").asLong()).isLessThanOrEqualTo(until);
            assertThat(newToken.path("exp").asLong() - newToken.path("iat").asLong()).isEqualTo(3600);
        }

        @Test
        void endsByItselfWhenTheOverlapIsOver() throws InterruptedException {
            Key old = realm.createKey("acme", "rotate short", "VIEW");
            assertWorksInAllThreeWays(old);
            Key fresh = rotated(old, "{\"overlapSeconds\":2}");
            assertThat(realm.clientCredentials(old.basic()).statusCode()).isEqualTo(200);

            Thread.sleep(2_500);

            assertRefusedInAllThreeWays(old);
            assertWorksInAllThreeWays(fresh);
            assertThat(Http.json(realm.readToken(admin(), "acme", old.id())).has("oldSecretValidUntil")).isFalse();
        }

        @Test
        void withoutOverlapRefusesTheOldSecretAtOnce() {
            Key old = realm.createKey("acme", "rotate no overlap", "VIEW");
            assertWorksInAllThreeWays(old);

            Key fresh = rotated(old, "{\"overlapSeconds\":0}");

            assertRefusedInAllThreeWays(old);
            assertWorksInAllThreeWays(fresh);
            assertThat(fresh.created().has("oldSecretValidUntil")).isFalse();
        }

        @Test
        void endsTheOldSecretOfAnEarlierRotation() {
            Key first = realm.createKey("acme", "rotate twice", "VIEW");
            Key second = rotated(first, null);

            Key third = rotated(second, null);

            assertRefusedInAllThreeWays(first);
            assertWorksInAllThreeWays(second);
            assertWorksInAllThreeWays(third);
        }

        @Test
        void ofARevokedKeyLeavesBothSecretsDead() {
            Key old = realm.createKey("acme", "rotate then revoke", "VIEW");
            Key fresh = rotated(old, null);

            assertThat(realm.deleteToken(admin(), "acme", old.id()).statusCode()).isEqualTo(204);

            assertRefusedInAllThreeWays(old);
            assertRefusedInAllThreeWays(fresh);
            assertTokenNotFound(rotate(admin(), old, null, "X-Partner", "acme"));
        }

        @Test
        void keepsTheOldTokensUnlessAskedToRevokeThem() {
            Key kept = realm.createKey("acme", "rotate keeps tokens", "VIEW");
            Key revoking = realm.createKey("acme", "rotate revokes tokens", "VIEW");
            long keptIat = Http.claims(Http.json(realm.clientCredentials(kept.basic())).path("access_token").asText()).path("iat").asLong();
            long revokedIat = Http.claims(Http.json(realm.clientCredentials(revoking.basic())).path("access_token").asText()).path("iat").asLong();
            long before = lastRevocation();

            rotated(kept, null);
            rotated(revoking, "{\"revokeOldTokens\":true}");

            List<JsonNode> forKept = revocationsAfter(before, e -> kept.clientId().equals(e.path("subject").asText()));
            List<JsonNode> forRevoking = revocationsAfter(before, e -> revoking.clientId().equals(e.path("subject").asText()));
            assertThat(forKept).hasSize(1);
            assertThat(forKept.get(0).path("issuedBefore").asLong()).as("revokes no token").isLessThan(keptIat);
            assertThat(forRevoking).hasSize(1);
            assertThat(forRevoking.get(0).path("kind").asText()).isEqualTo("KEY");
            assertThat(forRevoking.get(0).path("issuedBefore").asLong()).isGreaterThanOrEqualTo(revokedIat);
            assertThat(forRevoking.get(0).path("reason").asText()).isEqualTo("SECRET_ROTATED");
        }
    }

    @Nested
    class EndingTheOverlap {

        @Test
        void refusesTheOldSecretEverywhereAtOnce() {
            Key old = realm.createKey("acme", "end overlap", "VIEW");
            assertWorksInAllThreeWays(old);
            Key fresh = rotated(old, null);
            assertWorksInAllThreeWays(old);
            long before = lastRevocation();

            HttpResponse<String> ended = endOverlap(admin(), old, "X-Partner", "acme");

            assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
            assertThat(Http.json(ended).has("oldSecretValidUntil")).isFalse();
            assertThat(Http.json(ended).has("clientSecret")).isFalse();
            assertRefusedInAllThreeWays(old);
            assertWorksInAllThreeWays(fresh);
            assertThat(revocationsAfter(before, e -> old.clientId().equals(e.path("subject").asText())))
                    .as("the partner API forgets what it keeps for Basic").hasSize(1);
            assertApiError(endOverlap(admin(), old, "X-Partner", "acme"), 409, "CONFLICT");
        }

        @Test
        void isRefusedWhenThereIsNoOldSecret() {
            Key key = realm.createKey("acme", "end nothing", "VIEW");

            assertThat(assertApiError(endOverlap(admin(), key, "X-Partner", "acme"), 409, "CONFLICT")
                    .path("message").asText()).contains("no old secret");
        }
    }

    @Nested
    class NobodyRotates {

        @Test
        void aKeyItself() {
            Key manager = realm.createKey("acme", "rotate self", "VIEW", "MANAGE");

            assertThat(assertForbidden(rotate(manager.basic(), manager, null)).path("message").asText()).contains("own secret");
            assertForbidden(endOverlap(manager.basic(), manager));
            assertWorksInAllThreeWays(manager);
        }

        @Test
        void aKeyWithoutManageOrAKeyHoldingLessThanItsTarget() {
            Key viewer = realm.createKey("acme", "rotate viewer", "VIEW");
            Key manager = realm.createKey("acme", "rotate manager", "VIEW", "MANAGE");
            Key stronger = realm.createKey("acme", "rotate stronger", "VIEW", "TRANSACT");
            Key weaker = realm.createKey("acme", "rotate weaker", "VIEW");

            assertForbidden(rotate(viewer.basic(), weaker, null));
            assertForbidden(rotate(manager.basic(), stronger, null));
            HttpResponse<String> allowed = rotate(manager.basic(), weaker, "{\"overlapSeconds\":0}");
            assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
            assertRefusedInAllThreeWays(weaker);
            assertWorksInAllThreeWays(stronger);
        }

        @Test
        void aPersonButAnOwner() {
            Key key = realm.createKey("acme", "rotate by people", "VIEW");
            String service = Http.bearer(realm.partnerApiToken());

            for (String person : List.of("developer@acme.example", "admin@acme.example")) {
                assertThat(assertForbidden(rotate(service, key, null, "X-Partner", "acme", "X-Acting-User", person))
                        .path("message").asText()).contains("Owner");
            }
            HttpResponse<String> owner = rotate(service, key, null, "X-Partner", "acme", "X-Acting-User", "owner@acme.example");
            assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
            assertWorksInAllThreeWays(Key.of(Http.json(owner)));
        }

        @Test
        void anotherPartnersKey() {
            Key acme = realm.createKey("acme", "rotate other partner", "VIEW");
            Key globexManager = realm.createKey("globex", "globex manager", "VIEW", "TRANSACT");

            assertTokenNotFound(rotate(admin(), acme, null, "X-Partner", "globex"));
            assertTokenNotFound(rotate(Http.bearer(realm.partnerApiToken()), acme, null, "X-Partner", "globex",
                    "X-Acting-User", "owner@globex.example"));
            assertTokenNotFound(rotate(globexManager.basic(), acme, null)); // another partner's key is not found
            assertWorksInAllThreeWays(acme);
        }

        @Test
        void withAForgedOrStaleSecret() {
            Key key = realm.createKey("acme", "rotate forged", "VIEW", "MANAGE");
            Key target = realm.createKey("acme", "rotate target", "VIEW");

            assertUnauthorized(rotate(Http.basic(key.clientId(), key.secret() + "x"), target, null));
            assertUnauthorized(rotate(null, target, null));
        }
    }

    @Nested
    class ABadRequest {

        @Test
        void isRefusedWithA400NamingTheField() {
            Key key = realm.createKey("acme", "rotate bad", "VIEW");
            for (String[] bad : List.of(
                    new String[] {"{\"overlapSeconds\":-1}", "overlapSeconds"},
                    new String[] {"{\"overlapSeconds\":604801}", "overlapSeconds"},
                    new String[] {"{\"overlapSeconds\":\"60\"}", "overlapSeconds"},
                    new String[] {"{\"overlapSeconds\":1.5}", "overlapSeconds"},
                    new String[] {"{\"overlapSeconds\":1e30}", "overlapSeconds"},
                    new String[] {"{\"overlapSeconds\":99999999999999999999999}", "overlapSeconds"},
                    new String[] {"{\"revokeOldTokens\":\"yes\"}", "revokeOldTokens"},
                    new String[] {"{\"clientSecret\":\"ptk_mine\"}", "clientSecret"},
                    new String[] {"[]", "body"},
                    new String[] {"{\"overlapSeconds\":1,\"overlapSeconds\":2}", "body"},
                    new String[] {"not json", "body"})) {
                assertInvalidInput(rotate(admin(), key, bad[0], "X-Partner", "acme"), bad[1]);
            }
            assertInvalidInput(realm.tokensCall("POST", "/not-a-token/rotate", admin(), null, "X-Partner", "acme"), "id");
            assertWorksInAllThreeWays(key);
        }

        @Test
        void withTheLongestOverlapIsFine() {
            Key key = realm.createKey("acme", "rotate week", "VIEW");

            Key fresh = rotated(key, "{\"overlapSeconds\":604800,\"revokeOldTokens\":false}");

            assertThat(Instant.parse(fresh.created().path("oldSecretValidUntil").asText()))
                    .isAfter(Instant.now().plus(Duration.ofDays(7)).minusSeconds(60));
        }
    }

    @Nested
    class TheTrail {

        @Test
        void recordsEachRotationAndItsEndWithoutASecret() {
            Key key = realm.createKey("acme", "rotate audited", "VIEW");
            Key fresh = rotated(key, "{\"overlapSeconds\":600}");
            assertThat(endOverlap(admin(), key, "X-Partner", "acme").statusCode()).isEqualTo(200);

            HttpResponse<String> feed = realm.feed("audit", "after=0&limit=500", feedToken);
            long after = 0;
            List<JsonNode> rotations = new ArrayList<>();
            while (true) {
                JsonNode page = Http.json(realm.feed("audit", "after=" + after + "&limit=500", feedToken));
                if (page.path("entries").isEmpty()) {
                    break;
                }
                assertThat(page.toString()).doesNotContain(fresh.secret()).doesNotContain(key.secret());
                page.path("entries").forEach(entry -> {
                    if ("ROTATE".equals(entry.path("action").asText()) && key.id().equals(entry.path("keyId").asText())) {
                        rotations.add(entry);
                    }
                });
                after = page.path("last").asLong();
            }
            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(rotations).hasSize(2);
            assertThat(rotations.get(0).path("detail").asText()).contains("rotated the secret").contains("old secret works until");
            assertThat(rotations.get(1).path("detail").asText()).contains("ended the overlap");
            assertThat(rotations).allSatisfy(entry -> {
                assertThat(entry.path("actorKind").asText()).isEqualTo("PLATFORM_ADMIN");
                assertThat(entry.path("outcome").asText()).isEqualTo("SUCCESS");
            });
        }
    }
}
