package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.partnertokens.testing.KeycloakCluster;
import dev.partnertokens.testing.KeycloakServer;
import dev.partnertokens.testing.KeycloakSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provider's {@code kc.sh --spi-…} options (docs/configuration.md) on a Keycloak of its own: a copy of the built
 * distribution with its own dev-file database, started once per test with the options under test. Runs once, in the
 * dev-file execution.
 */
class ServerOptionsIT {

    private static final String ADMIN_ROLE = "--spi-realm-restapi-extension--tokens--admin-role";
    private static final String LAST_USED_FLUSH = "--spi-events-listener--partner-tokens--last-used-flush-seconds";

    private static KeycloakSettings template;
    private static Path home;

    @BeforeAll
    static void buildACopyOfKeycloak() throws IOException {
        assumeTrue(!"postgres".equals(System.getProperty("keycloak.db")),
                "runs once, in the dev-file execution: it builds and starts a Keycloak of its own");
        KeycloakSettings shared = KeycloakSettings.fromSystemProperties();
        Path directory = shared.logFile().getParent().resolve("keycloak-options").toAbsolutePath();
        KeycloakServer.deleteRecursively(directory);
        Files.createDirectories(directory);
        home = directory.resolve("home");
        template = settings(directory, List.of());
        KeycloakCluster.copyDistribution(shared.home(), home);
        KeycloakServer.build(template);
    }

    private static KeycloakSettings settings(Path directory, List<String> options) {
        return KeycloakSettings.fromSystemProperties().forNode(directory.resolve("home"), options, Map.of(),
                KeycloakSettings.freePort(), KeycloakSettings.freePort(), directory.resolve("keycloak-options.log"));
    }

    private static KeycloakSettings startedWith(String... options) {
        return settings(home.getParent(), List.of(options));
    }

    @Test
    void aRenamedAdministratorRoleRefusesTheHolderOfTheDefaultOneAndSaysWhichRoleItWants() {
        try (KeycloakServer keycloak = KeycloakServer.startBuilt(startedWith(ADMIN_ROLE + "=key-stewards"))) {
            PartnerRealm realm = new PartnerRealm(keycloak);

            HttpResponse<String> listing = realm.listTokens(Http.bearer(realm.platformAdminToken()), "acme", null);

            assertThat(listing.statusCode()).as(listing.body()).isEqualTo(403);
            assertThat(Http.json(listing).path("message").asText())
                    .isEqualTo("Only holders of the role key-stewards may use a bearer token here");
        }
    }

    @Test
    void anOptionThatIsNotAcceptableStopsKeycloakWithAMessageNamingIt() throws IOException {
        KeycloakSettings wrong = startedWith(LAST_USED_FLUSH + "=soon");

        assertThatThrownBy(() -> KeycloakServer.startBuilt(wrong).close()).isInstanceOf(IllegalStateException.class);

        assertThat(Files.readString(wrong.logFile()))
                .contains("Partner Tokens: " + LAST_USED_FLUSH + " must be a whole number from 1 to 86400; \"soon\" is not");
    }
}
