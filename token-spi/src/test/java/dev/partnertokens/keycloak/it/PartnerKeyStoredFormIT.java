package dev.partnertokens.keycloak.it;

import static dev.partnertokens.keycloak.it.Answers.assertApiError;
import static dev.partnertokens.keycloak.it.Answers.assertInvalidClient;
import static dev.partnertokens.keycloak.it.Answers.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.keycloak.domain.PartnerSecret;
import dev.partnertokens.keycloak.it.PartnerRealm.Key;
import dev.partnertokens.testing.KeycloakDatabase;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stored form of partner keys: after keys were created, used, edited by an administrator and revoked, nothing in
 * the database, the admin console, a realm export or the server log equals a secret or lets anyone authenticate.
 */
@ExtendWith(KeycloakExtension.class)
class PartnerKeyStoredFormIT {

    private static final Pattern SECRET_LIKE = Pattern.compile(PartnerSecret.SCANNER_REGEX);

    /** Keys whose Keycloak client nobody but the provider touched. */
    private static List<Key> untouched;
    /** A key whose client an administrator saved in the admin console (which makes Keycloak generate a client secret). */
    private static Key editedByAnAdministrator;
    private static Key revoked;
    /** A key whose secret was rotated with an overlap: the old secret still works, only both hashes are kept. */
    private static Key rotatedOld;
    private static Key rotatedNew;

    private PartnerRealm realm;
    private RealmAdmin admin;
    private KeycloakServer keycloak;
    private StoredValues database;

    @BeforeEach
    void keys(KeycloakServer keycloak, KeycloakDatabase database) {
        this.keycloak = keycloak;
        this.realm = new PartnerRealm(keycloak);
        this.admin = new RealmAdmin(keycloak);
        this.database = new StoredValues(database);
        if (untouched == null) {
            Key plain = realm.createKey("acme", "stored plain", "VIEW");
            Key expiring = realm.createKeyExpiringAt("globex", "stored expiring", Instant.now().plus(Duration.ofDays(3)),
                    "VIEW", "TRANSACT");
            Key used = realm.createKey("acme", "stored used", "MANAGE", "VIEW");
            assertThat(realm.clientCredentials(used.basic()).statusCode()).isEqualTo(200);
            assertThat(realm.refreshToken(used.clientId(), used.secret()).statusCode()).isEqualTo(200);
            assertThat(realm.listTokens(used.basic(), null, "").statusCode()).isEqualTo(200);
            editedByAnAdministrator = realm.createKey("acme", "stored edited", "VIEW");
            admin.setEnabled(editedByAnAdministrator.clientId(), false);
            admin.setEnabled(editedByAnAdministrator.clientId(), true);
            assertThat(realm.clientCredentials(editedByAnAdministrator.basic()).statusCode()).isEqualTo(200);
            revoked = realm.createKey("acme", "stored revoked", "VIEW");
            assertThat(realm.deleteToken(Http.bearer(realm.platformAdminToken()), "acme", revoked.id()).statusCode()).isEqualTo(204);
            rotatedOld = realm.createKey("acme", "stored rotated", "VIEW");
            HttpResponse<String> rotation = realm.tokensCall("POST", "/" + rotatedOld.id() + "/rotate",
                    Http.bearer(realm.platformAdminToken()), null, "X-Partner", "acme");
            assertThat(rotation.statusCode()).as(rotation.body()).isEqualTo(200);
            rotatedNew = Key.of(Http.json(rotation));
            assertThat(realm.clientCredentials(rotatedOld.basic()).statusCode()).isEqualTo(200);
            assertThat(realm.clientCredentials(rotatedNew.basic()).statusCode()).isEqualTo(200);
            untouched = List.of(plain, expiring, used, revoked);
        }
    }

    private List<Key> allKeys() {
        List<Key> keys = new ArrayList<>(untouched);
        keys.add(editedByAnAdministrator);
        keys.add(rotatedOld);
        keys.add(rotatedNew);
        return keys;
    }

    /** Each candidate, tried as the key's secret in all three ways, is refused. */
    private void assertNoneAuthenticates(Key key, Set<String> candidates) {
        for (String candidate : candidates) {
            assertInvalidClient(realm.clientCredentials(Http.basic(key.clientId(), candidate)));
            assertInvalidClient(realm.clientCredentials(null, "client_id", key.clientId(), "client_secret", candidate));
            assertApiError(realm.refreshToken(key.clientId(), candidate), 401, "UNAUTHORIZED");
            assertUnauthorized(realm.listTokens(Http.basic(key.clientId(), candidate), null, ""));
        }
    }

    @Nested
    class TheDatabase {

        @Test
        void holdsNoSecretNorItsRandomPartInAnyColumnOfAnyTable() throws SQLException {
            List<StoredValues.Cell> cells = database.all();

            assertThat(cells).as("the dump found Keycloak's tables").anyMatch(cell -> cell.table().equalsIgnoreCase("CLIENT"));
            assertThat(cells).as("the dump found the partner keys").anyMatch(cell -> cell.table().equalsIgnoreCase("PARTNER_KEY"));
            for (Key key : allKeys()) {
                String randomPart = key.secret().substring(PartnerSecret.PREFIX.length(), PartnerSecret.PREFIX.length() + PartnerSecret.RANDOM_LENGTH);
                for (StoredValues.Cell cell : cells) {
                    assertThat(cell.value()).as("%s.%s", cell.table(), cell.column()).doesNotContain(key.secret(), randomPart);
                }
            }
            assertThat(cells).as("nothing stored looks like a partner secret")
                    .noneMatch(cell -> SECRET_LIKE.matcher(cell.value()).find());
        }

        @Test
        void keepsOnlyTheSha256OfBothSecretsOfARotatedKey() throws SQLException {
            assertThat(database.single("select secret_hash from partner_key where client_id = ?", rotatedNew.clientId()))
                    .hasValue("sha256:" + sha256(rotatedNew.secret()));
            assertThat(database.single("select old_secret_hash from partner_key where client_id = ?", rotatedOld.clientId()))
                    .hasValue("sha256:" + sha256(rotatedOld.secret()));
        }

        @Test
        void keepsOnlyTheSha256OfEachSecretAndNoKeycloakClientSecret() throws SQLException {
            for (Key key : untouched) {
                Optional<String> hash = database.single("select secret_hash from partner_key where client_id = ?", key.clientId());
                assertThat(hash).hasValue("sha256:" + sha256(key.secret()));
                Optional<String> clientSecret = database.single("select secret from client where client_id = ?", key.clientId());
                assertThat(clientSecret).as("CLIENT.SECRET of %s", key.clientId()).isEmpty();
            }
        }

        @Test
        void holdsNothingThatAuthenticatesAsAKey() throws SQLException {
            List<StoredValues.Cell> cells = database.all();
            for (Key key : allKeys()) {
                Set<String> candidates = new LinkedHashSet<>();
                String hash = database.single("select secret_hash from partner_key where client_id = ?", key.clientId()).orElseThrow();
                candidates.add(hash);
                candidates.add(hash.substring(hash.indexOf(':') + 1));
                database.single("select secret from client where client_id = ?", key.clientId()).ifPresent(candidates::add);
                for (StoredValues.Cell cell : cells) {
                    Matcher secretLike = SECRET_LIKE.matcher(cell.value());
                    while (secretLike.find()) {
                        candidates.add(secretLike.group());
                    }
                }

                assertNoneAuthenticates(key, candidates);
            }
        }
    }

    @Nested
    class TheAdminConsole {

        @Test
        void showsNoSecretOrHashOfAKey() {
            for (Key key : allKeys()) {
                JsonNode client = admin.client(key.clientId());
                String shown = client.toString() + admin.clientSecret(key.clientId());
                assertThat(shown).doesNotContain(key.secret(), sha256(key.secret()), "ptk_");
            }
            for (Key key : untouched) {
                assertThat(admin.client(key.clientId()).path("secret").isMissingNode() || admin.client(key.clientId()).path("secret").isNull())
                        .as("secret of %s", key.clientId()).isTrue();
                assertThat(admin.clientSecret(key.clientId()).path("value").isNull()
                        || admin.clientSecret(key.clientId()).path("value").isMissingNode()).isTrue();
            }
        }

        @Test
        void showsNothingThatAuthenticatesAsAKey() {
            for (Key key : allKeys()) {
                Set<String> candidates = new LinkedHashSet<>();
                JsonNode client = admin.client(key.clientId());
                if (client.path("secret").isTextual()) {
                    candidates.add(client.path("secret").asText());
                }
                JsonNode secret = admin.clientSecret(key.clientId());
                if (secret.path("value").isTextual()) {
                    candidates.add(secret.path("value").asText());
                }
                client.path("attributes").forEach(value -> candidates.add(value.asText()));

                assertNoneAuthenticates(key, candidates);
            }
        }
    }

    @Nested
    class ARealmExport {

        @Test
        void holdsNoSecretOrHashAndNothingThatAuthenticates() {
            String export = admin.partialExport();
            JsonNode realmExport = Http.json(export);

            assertThat(export).doesNotContain("ptk_", "sha256:");
            for (Key key : allKeys()) {
                assertThat(export).doesNotContain(key.secret(), sha256(key.secret()));
                Set<String> candidates = new LinkedHashSet<>();
                for (JsonNode client : realmExport.path("clients")) {
                    if (key.clientId().equals(client.path("clientId").asText())) {
                        if (client.path("secret").isTextual()) {
                            candidates.add(client.path("secret").asText());
                        }
                        client.path("attributes").forEach(value -> candidates.add(value.asText()));
                    }
                }
                assertNoneAuthenticates(key, candidates);
            }
        }
    }

    @Nested
    class TheServerLog {

        @Test
        void holdsNoSecret() throws IOException {
            String log = Files.readString(keycloak.settings().logFile(), StandardCharsets.UTF_8);

            assertThat(log).contains("partners");
            for (Key key : allKeys()) {
                assertThat(log).doesNotContain(key.secret(), sha256(key.secret()));
            }
            assertThat(SECRET_LIKE.matcher(log).find()).as("something like a partner secret in the log").isFalse();
        }
    }

    private static String sha256(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
