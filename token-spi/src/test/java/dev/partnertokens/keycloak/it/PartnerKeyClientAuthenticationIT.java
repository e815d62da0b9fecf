package dev.partnertokens.keycloak.it;

import static dev.partnertokens.keycloak.it.Answers.assertInvalidClient;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.keycloak.it.PartnerRealm.Key;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Client authentication of partner keys at the realm's token endpoint: {@code client_secret_basic} and
 * {@code client_secret_post}, and one RFC 6749 §5.2 answer for every way it can fail.
 */
@ExtendWith(KeycloakExtension.class)
class PartnerKeyClientAuthenticationIT {

    private PartnerRealm realm;
    private RealmAdmin admin;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
    }

    @Nested
    class AKeyAuthenticates {

        @Test
        void withHttpBasic() {
            Key key = realm.createKey("acme", "auth basic", "VIEW");

            HttpResponse<String> response = realm.clientCredentials(key.basic());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Http.claims(Http.json(response).path("access_token").asText()).path("azp").asText()).isEqualTo(key.clientId());
        }

        @Test
        void withClientIdAndSecretInTheForm() {
            Key key = realm.createKey("acme", "auth post", "VIEW");

            HttpResponse<String> response = realm.clientCredentials(null, "client_id", key.clientId(), "client_secret", key.secret());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Http.claims(Http.json(response).path("access_token").asText()).path("azp").asText()).isEqualTo(key.clientId());
        }

        @Test
        void withHttpBasicWhoseClientIdIsFormUrlEncoded() {
            Key key = realm.createKey("acme", "auth encoded", "VIEW");
            assertThat(key.clientId()).contains("-");

            HttpResponse<String> response = realm.clientCredentials(
                    Http.rawBasic(key.clientId().replace("-", "%2D") + ":" + key.secret()));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Http.claims(Http.json(response).path("access_token").asText()).path("azp").asText()).isEqualTo(key.clientId());
        }

        @Test
        void withHttpBasicWhoseEveryCharacterIsPercentEncoded() {
            Key key = realm.createKey("acme", "auth all encoded", "VIEW");

            HttpResponse<String> response = realm.clientCredentials(
                    Http.rawBasic(percentEncodedEveryByte(key.clientId()) + ":" + percentEncodedEveryByte(key.secret())));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }

        @Test
        void withALowerCaseBasicScheme() {
            Key key = realm.createKey("acme", "auth lower-case scheme", "VIEW");

            HttpResponse<String> response = realm.clientCredentials("basic " + key.basic().substring("Basic ".length()));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    @Nested
    class EveryFailureGetsTheSameInvalidClientAnswer {

        @Test
        void aWrongSecretInHttpBasic() {
            Key key = realm.createKey("acme", "auth wrong secret", "VIEW");

            assertInvalidClient(realm.clientCredentials(Http.basic(key.clientId(), key.secret() + "x")));
        }

        @Test
        void aWrongSecretInTheForm() {
            Key key = realm.createKey("acme", "auth wrong form secret", "VIEW");

            assertInvalidClient(realm.clientCredentials(null, "client_id", key.clientId(), "client_secret", "ptk_wrong"));
        }

        @Test
        void theSecretOfAnotherKey() {
            Key key = realm.createKey("acme", "auth own", "VIEW");
            Key other = realm.createKey("acme", "auth other", "VIEW");

            assertInvalidClient(realm.clientCredentials(Http.basic(key.clientId(), other.secret())));
        }

        @Test
        void noSecretAtAll() {
            Key key = realm.createKey("acme", "auth no secret", "VIEW");

            assertInvalidClient(realm.clientCredentials(Http.rawBasic(key.clientId() + ":")));
            assertInvalidClient(realm.clientCredentials(null, "client_id", key.clientId()));
        }

        @Test
        void anUnknownClientIdInHttpBasic() {
            assertInvalidClient(realm.clientCredentials(Http.basic("pk-does-not-exist", "ptk_whatever")));
        }

        @Test
        void anUnknownClientIdInTheForm() {
            assertInvalidClient(realm.clientCredentials(null, "client_id", "pk-does-not-exist", "client_secret", "ptk_whatever"));
        }

        @Test
        void aRevokedKey() {
            Key key = realm.createKey("acme", "auth revoked", "VIEW");
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);

            HttpResponse<String> delete = realm.deleteToken(Http.bearer(realm.platformAdminToken()), "acme", key.id());
            assertThat(delete.statusCode()).as(delete.body()).isEqualTo(204);

            assertInvalidClient(realm.clientCredentials(key.basic()));
            assertInvalidClient(realm.clientCredentials(null, "client_id", key.clientId(), "client_secret", key.secret()));
        }

        @Test
        void anExpiredKey() throws InterruptedException {
            Instant expiry = Instant.now().plusSeconds(3);
            Key key = realm.createKeyExpiringAt("acme", "auth expiring", expiry, "VIEW");
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);

            sleepUntil(expiry.plusMillis(500));

            assertInvalidClient(realm.clientCredentials(key.basic()));
            assertInvalidClient(realm.clientCredentials(null, "client_id", key.clientId(), "client_secret", key.secret()));
        }

        @Test
        void aKeyWhoseClientAnAdministratorDisabled() {
            Key key = realm.createKey("acme", "auth disabled", "VIEW");
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);

            admin.setEnabled(key.clientId(), false);

            assertInvalidClient(realm.clientCredentials(key.basic()));
            assertInvalidClient(realm.clientCredentials(null, "client_id", key.clientId(), "client_secret", key.secret()));
        }

        @Test
        void aKeyWhoseClientAnAdministratorDeleted() {
            Key key = realm.createKey("acme", "auth deleted", "VIEW", "MANAGE");
            JsonNode wrongSecret = assertInvalidClient(realm.clientCredentials(Http.basic(key.clientId(), "ptk_wrong")));

            admin.deleteClient(key.clientId());

            assertThat(assertInvalidClient(realm.clientCredentials(key.basic()))).isEqualTo(wrongSecret);
            assertInvalidClient(realm.clientCredentials(null, "client_id", key.clientId(), "client_secret", key.secret()));
            Answers.assertApiError(realm.refreshToken(key.clientId(), key.secret()), 401, "UNAUTHORIZED");
            Answers.assertUnauthorized(realm.listTokens(key.basic(), null, ""));
        }

        /** Nobody can tell from the answer whether a client id exists, or why its authentication failed. */
        @Test
        void whetherTheIdIsUnknownOrTheSecretWrong() {
            Key key = realm.createKey("acme", "auth same answer", "VIEW");
            List<HttpResponse<String>> failures = new ArrayList<>(List.of(
                    realm.clientCredentials(Http.basic(key.clientId(), "ptk_wrong")),
                    realm.clientCredentials(Http.basic("pk-does-not-exist", "ptk_wrong")),
                    realm.clientCredentials(null, "client_id", key.clientId(), "client_secret", "ptk_wrong"),
                    realm.clientCredentials(null, "client_id", "pk-does-not-exist", "client_secret", "ptk_wrong")));

            JsonNode first = assertInvalidClient(failures.get(0));
            for (HttpResponse<String> failure : failures) {
                assertThat(assertInvalidClient(failure)).isEqualTo(first);
                assertThat(Http.header(failure, "WWW-Authenticate")).isEqualTo(Http.header(failures.get(0), "WWW-Authenticate"));
            }
        }
    }

    /** Documented in ADR 5: Keycloak's own authenticator fails on a malformed escape before any id is looked up. */
    @Test
    void aMalformedPercentEscapeInHttpBasicGetsKeycloaksAnswerWhateverTheId() {
        Key key = realm.createKey("acme", "auth malformed escape", "VIEW");

        HttpResponse<String> known = realm.clientCredentials(Http.rawBasic(key.clientId() + "%zz:" + key.secret()));
        HttpResponse<String> unknown = realm.clientCredentials(Http.rawBasic("pk-does-not-exist%zz:" + key.secret()));

        assertThat(known.statusCode()).as(known.body()).isBetween(400, 401).isEqualTo(unknown.statusCode());
        assertThat(Http.json(known)).isEqualTo(Http.json(unknown));
        assertThat(Http.header(known, "WWW-Authenticate")).isEqualTo(Http.header(unknown, "WWW-Authenticate"));
    }

    @Nested
    class TheSameAnswerAtTheOtherEndpointsWhereClientsAuthenticate {

        @Test
        void introspection() {
            Key key = realm.createKey("acme", "auth introspect", "VIEW");
            java.net.URI introspect = java.net.URI.create(realm.tokenEndpoint() + "/introspect");

            HttpResponse<String> wrongSecret = realm.postForm(introspect, Http.basic(key.clientId(), "ptk_wrong"), Http.form("token", "x"));
            HttpResponse<String> unknownId = realm.postForm(introspect, Http.basic("pk-does-not-exist", "ptk_wrong"), Http.form("token", "x"));

            assertThat(assertInvalidClient(unknownId)).isEqualTo(assertInvalidClient(wrongSecret));
        }

        @Test
        void revocation() {
            Key key = realm.createKey("acme", "auth revoke", "VIEW");
            java.net.URI revoke = java.net.URI.create(realm.tokenEndpoint().toString().replace("/token", "/revoke"));

            HttpResponse<String> wrongSecret = realm.postForm(revoke, Http.basic(key.clientId(), "ptk_wrong"), Http.form("token", "x"));
            HttpResponse<String> unknownId = realm.postForm(revoke, Http.basic("pk-does-not-exist", "ptk_wrong"), Http.form("token", "x"));

            assertThat(assertInvalidClient(unknownId)).isEqualTo(assertInvalidClient(wrongSecret));
        }
    }

    static String percentEncodedEveryByte(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            encoded.append(String.format("%%%02X", b));
        }
        return encoded.toString();
    }

    static void sleepUntil(Instant moment) throws InterruptedException {
        Duration left = Duration.between(Instant.now(), moment);
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis());
        }
    }
}
