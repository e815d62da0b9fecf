package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.partnertokens.keycloak.it.PartnerRealm.Key;
import dev.partnertokens.testing.KeycloakCluster;
import dev.partnertokens.testing.KeycloakDatabase;
import dev.partnertokens.testing.KeycloakServer;
import dev.partnertokens.testing.KeycloakSettings;
import org.junit.jupiter.api.Test;

/**
 * {@code --spi-client-authenticator--partner-key--pepper-vault-key} (docs/configuration.md) on a Keycloak of its own
 * with a file vault: secrets are hashed with the pepper kept under the renamed vault entry, and keys authenticate.
 * Runs once, in the dev-file execution.
 */
class PepperVaultKeyIT {

    private static final String PEPPER_VAULT_KEY = "--spi-client-authenticator--partner-key--pepper-vault-key";
    private static final String PEPPER = "a-pepper-of-more-than-thirty-two-bytes-0123456789";

    @Test
    void aKeysSecretIsHashedWithThePepperOfTheNamedVaultEntryAndTheKeyAuthenticates() throws IOException, SQLException {
        assumeTrue(!"postgres".equals(System.getProperty("keycloak.db")),
                "runs once, in the dev-file execution: it builds and starts a Keycloak of its own");
        KeycloakSettings shared = KeycloakSettings.fromSystemProperties();
        Path directory = shared.logFile().getParent().resolve("keycloak-pepper").toAbsolutePath();
        KeycloakServer.deleteRecursively(directory);
        Path vault = Files.createDirectories(directory.resolve("vault"));
        Files.writeString(vault.resolve(PartnerRealm.REALM + "_key-pepper.2026"), PEPPER);
        Files.writeString(vault.resolve(PartnerRealm.REALM + "_partner-tokens-pepper"), "the-default-entry-which-must-not-be-used-0123");
        Path home = directory.resolve("home");
        List<String> options = new ArrayList<>(KeycloakDatabase.devFileStartOptions()); // lets this test read the database
        options.addAll(List.of("--vault-dir=" + vault, PEPPER_VAULT_KEY + "=key-pepper.2026"));
        KeycloakSettings node = shared.forNode(home, options, Map.of(),
                KeycloakSettings.freePort(), KeycloakSettings.freePort(), directory.resolve("keycloak-pepper.log"));
        KeycloakSettings withFileVault = new KeycloakSettings(node.home(), node.providers(), node.realmFiles(), node.db(),
                List.of("--vault=file"), node.startOptions(), node.environment(), node.httpPort(), node.managementPort(),
                node.logFile(), node.freshData());
        KeycloakCluster.copyDistribution(shared.home(), home);
        KeycloakServer.build(withFileVault);

        try (KeycloakServer keycloak = KeycloakServer.startBuilt(withFileVault)) {
            PartnerRealm realm = new PartnerRealm(keycloak);
            Key key = realm.createKey("acme", "peppered", "VIEW");

            Optional<String> stored = new StoredValues(KeycloakDatabase.devFile(home))
                    .single("select secret_hash from partner_key where client_id = ?", key.clientId());
            HttpResponse<String> token = realm.clientCredentials(key.basic());

            assertThat(stored).hasValue("hmac-sha256:" + hmacSha256(PEPPER, key.secret()));
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        }
    }

    private static String hmacSha256(String pepper, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
