package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.keycloak.it.PartnerRealm.Key;
import dev.partnertokens.testing.KeycloakDatabase;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A key's last use (time, source address, user agent, which way) and use count, for all three ways of using a key,
 * in the key's view and list; recorded in memory and written behind (the ITs' Keycloak flushes every second).
 */
@ExtendWith(KeycloakExtension.class)
class LastUsedIT {

    private PartnerRealm realm;
    private RealmAdmin admin;
    private StoredValues database;

    @BeforeEach
    void realm(KeycloakServer keycloak, KeycloakDatabase database) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
        this.database = new StoredValues(database);
    }

    private JsonNode view(Key key) {
        return Http.json(realm.readToken(Http.bearer(realm.platformAdminToken()), "acme", key.id()));
    }

    private HttpResponse<String> clientCredentials(Key key, String userAgent) {
        return realm.postForm(realm.tokenEndpoint(), key.basic(), Http.form("grant_type", "client_credentials"), "User-Agent", userAgent);
    }

    @Test
    void isAbsentUntilTheKeyIsUsed() {
        Key key = realm.createKey("acme", "never used", "VIEW");

        JsonNode view = view(key);

        assertThat(view.has("lastUsedAt")).isFalse();
        assertThat(view.has("lastUsedIp")).isFalse();
        assertThat(view.path("useCount").asLong()).isZero();
    }

    @Test
    void followsEachOfTheThreeWaysAndCountsOnlySuccesses() {
        Key key = realm.createKey("acme", "used three ways", "VIEW");
        Instant before = Instant.now().minusSeconds(1);

        assertThat(clientCredentials(key, "acme-sdk/1.0").statusCode()).isEqualTo(200);
        JsonNode afterGrant = view(key);
        assertThat(afterGrant.path("lastUsedVia").asText()).isEqualTo("TOKEN_ENDPOINT");
        assertThat(afterGrant.path("lastUsedUserAgent").asText()).isEqualTo("acme-sdk/1.0");
        assertThat(afterGrant.path("lastUsedIp").asText()).isEqualTo("127.0.0.1");
        assertThat(Instant.parse(afterGrant.path("lastUsedAt").asText())).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(afterGrant.path("useCount").asLong()).isEqualTo(1);

        assertThat(realm.refreshToken(key.clientId(), key.secret()).statusCode()).isEqualTo(200);
        assertThat(view(key).path("lastUsedVia").asText()).isEqualTo("REFRESH_TOKEN_ENDPOINT");

        assertThat(realm.listTokens(key.basic(), null, "limit=1").statusCode()).isEqualTo(200);
        assertThat(realm.clientCredentials(Http.basic(key.clientId(), key.secret() + "x")).statusCode()).isEqualTo(401);
        assertThat(realm.refreshToken(key.clientId(), "ptk_wrong").statusCode()).isEqualTo(401);
        JsonNode afterApi = view(key);
        assertThat(afterApi.path("lastUsedVia").asText()).isEqualTo("TOKENS_API");
        assertThat(afterApi.path("useCount").asLong()).as("failures do not count").isEqualTo(3);
        JsonNode listed = realm.listAsAdmin("acme", "name=" + PartnerRealm.encoded("used three ways")).path("data");
        listed.forEach(item -> {
            if (item.path("id").asText().equals(key.id())) {
                assertThat(item.path("useCount").asLong()).isEqualTo(3);
                assertThat(item.path("lastUsedVia").asText()).isEqualTo("TOKENS_API");
            }
        });
    }

    @Test
    void isWrittenBehindWithinTheFlushInterval() throws Exception {
        Key key = realm.createKey("acme", "written behind", "VIEW");
        String uuid = key.id().substring("Token:".length());
        assertThat(stored("select use_count from partner_key_usage where key_id = ?", uuid)).hasValue("0");

        for (int i = 0; i < 5; i++) {
            assertThat(clientCredentials(key, "batch/" + i).statusCode()).isEqualTo(200);
        }

        Optional<String> count = Optional.empty();
        for (int i = 0; i < 40 && !count.equals(Optional.of("5")); i++) {
            Thread.sleep(250);
            count = stored("select use_count from partner_key_usage where key_id = ?", uuid);
        }
        assertThat(count).hasValue("5");
        assertThat(stored("select last_used_agent from partner_key_usage where key_id = ?", uuid)).hasValue("batch/4");
        assertThat(stored("select last_used_via from partner_key_usage where key_id = ?", uuid)).hasValue("TOKEN_ENDPOINT");
        assertThat(view(key).path("useCount").asLong()).as("stored and pending are not counted twice").isEqualTo(5);
    }

    @Test
    void keepsALongUserAgentShort() {
        Key key = realm.createKey("acme", "long agent", "VIEW");

        assertThat(clientCredentials(key, "x".repeat(400)).statusCode()).isEqualTo(200);

        assertThat(view(key).path("lastUsedUserAgent").asText()).hasSize(255);
    }

    @Test
    void isNotRecordedWhereTheRealmTurnedItOff() {
        Key key = realm.createKey("acme", "untracked", "VIEW");
        admin.setRealmAttribute("partner-tokens.last-used-tracking", "false");
        try {
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
            assertThat(view(key).path("useCount").asLong()).isZero();
        } finally {
            admin.setRealmAttribute("partner-tokens.last-used-tracking", null);
        }
        assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
        assertThat(view(key).path("useCount").asLong()).isEqualTo(1);
    }

    private Optional<String> stored(String sql, String parameter) throws SQLException {
        return database.single(sql, parameter);
    }
}
