package dev.partnertokens.keycloak.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The settings the factories read from their {@code kc.sh --spi-…} options: defaults, values, and refusals that name the option. */
class ServerSettingsTest {

    @Nested
    class Housekeeping {

        @Test
        void withoutOptionsFlushesFailuresEveryMinuteLastUsesEveryHalfMinuteAndGuardsAgainstBruteForce() {
            HousekeepingSettings settings = HousekeepingSettings.of(GivenOptions.none(), "partner-tokens");

            assertThat(settings).isEqualTo(new HousekeepingSettings(Duration.ofSeconds(60), Duration.ofSeconds(30), true));
            assertThat(settings).isEqualTo(HousekeepingSettings.defaults());
        }

        @Test
        void takesTheGivenIntervalsAndGuard() {
            HousekeepingSettings settings = HousekeepingSettings.of(new GivenOptions(java.util.Map.of(
                    "auth-failure-flush-seconds", "2", "last-used-flush-seconds", " 1 ", "brute-force-guard", "FALSE")), "partner-tokens");

            assertThat(settings).isEqualTo(new HousekeepingSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), false));
        }

        @Test
        void aBlankOptionMeansTheDefault() {
            assertThat(HousekeepingSettings.of(GivenOptions.of("last-used-flush-seconds", " "), "partner-tokens").lastUsedFlush())
                    .isEqualTo(Duration.ofSeconds(30));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-5", "86401", "soon", "1.5", "30s", "99999999999999999999"})
        void refusesAnIntervalThatIsNoWholeNumberOfSecondsFromOneToADayNamingTheOption(String value) {
            assertThatThrownBy(() -> HousekeepingSettings.of(GivenOptions.of("last-used-flush-seconds", value), "partner-tokens"))
                    .isInstanceOf(ServerOptions.InvalidServerOption.class)
                    .hasMessageContaining("--spi-events-listener--partner-tokens--last-used-flush-seconds")
                    .hasMessageContaining("a whole number from 1 to 86400")
                    .hasMessageContaining("\"" + value.trim() + "\"");
        }

        @Test
        void refusesAGuardThatIsNeitherTrueNorFalse() {
            assertThatThrownBy(() -> HousekeepingSettings.of(GivenOptions.of("brute-force-guard", "off"), "partner-tokens"))
                    .hasMessage("Partner Tokens: --spi-events-listener--partner-tokens--brute-force-guard must be true or false; \"off\" is not");
        }

        @Test
        void refusesANonPositiveIntervalMadeInCode() {
            assertThatThrownBy(() -> new HousekeepingSettings(Duration.ZERO, Duration.ofSeconds(1), true))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class TokensApi {

        @Test
        void withoutOptionsAdministratorsHoldManagePartnerKeysWithTokensForPartnerTokens() {
            assertThat(TokensApiSettings.of(GivenOptions.none(), "tokens"))
                    .isEqualTo(new TokensApiSettings("manage-partner-keys", "partner-tokens"));
        }

        @Test
        void takesTheGivenRoleAndAudience() {
            assertThat(TokensApiSettings.of(GivenOptions.of("admin-role", "key-stewards", "admin-audience", "keys-api"), "tokens"))
                    .isEqualTo(new TokensApiSettings("key-stewards", "keys-api"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"two words", "tab\there", "be\u0007ll"})
        void refusesARoleNameWithSpacesOrControlCharactersNamingTheOptionAndShowingNoControlCharacter(String value) {
            assertThatThrownBy(() -> TokensApiSettings.of(GivenOptions.of("admin-role", value), "tokens"))
                    .isInstanceOf(ServerOptions.InvalidServerOption.class)
                    .hasMessageStartingWith("Partner Tokens: --spi-realm-restapi-extension--tokens--admin-role must be a name of 1 to 255 characters")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\t", "\u0007"));
        }

        @Test
        void refusesARoleNameLongerThanKeycloakAllows() {
            assertThatThrownBy(() -> TokensApiSettings.of(GivenOptions.of("admin-role", "r".repeat(256)), "tokens"))
                    .hasMessageContaining("--spi-realm-restapi-extension--tokens--admin-role");
        }
    }

    @Nested
    class Feeds {

        @Test
        void withoutOptionsTheRevocationFeedWantsReadPartnerRevocationsTheAuditFeedManagePartnerKeysAndWaitsAtMost25Seconds() {
            assertThat(FeedSettings.of(GivenOptions.none(), "partners"))
                    .isEqualTo(new FeedSettings("read-partner-revocations", "manage-partner-keys", 25));
        }

        @Test
        void takesTheGivenRolesAndLongestWait() {
            assertThat(FeedSettings.of(new GivenOptions(java.util.Map.of("revocations-role", "gateway", "audit-role", "auditor",
                    "feed-max-wait-seconds", "0")), "partners"))
                    .isEqualTo(new FeedSettings("gateway", "auditor", 0));
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "301", "long"})
        void refusesALongestWaitOutsideZeroToFiveMinutesNamingTheOption(String value) {
            assertThatThrownBy(() -> FeedSettings.of(GivenOptions.of("feed-max-wait-seconds", value), "partners"))
                    .hasMessageContaining("--spi-realm-restapi-extension--partners--feed-max-wait-seconds must be a whole number from 0 to 300");
        }
    }

    @Nested
    class Pepper {

        @Test
        void withoutOptionsReadsThePepperFromTheVaultEntryPartnerTokensPepper() {
            PepperSettings settings = PepperSettings.of(GivenOptions.none(), "partner-key");

            assertThat(settings).isEqualTo(PepperSettings.defaults());
            assertThat(settings.vaultExpression()).isEqualTo("${vault.partner-tokens-pepper}");
        }

        @Test
        void takesTheGivenVaultKey() {
            PepperSettings settings = PepperSettings.of(GivenOptions.of("pepper-vault-key", " keys.pepper_2026 "), "partner-key");

            assertThat(settings.vaultKey()).isEqualTo("keys.pepper_2026");
            assertThat(settings.vaultExpression()).isEqualTo("${vault.keys.pepper_2026}");
        }

        @Test
        void aBlankOptionMeansTheDefault() {
            assertThat(PepperSettings.of(GivenOptions.of("pepper-vault-key", "  "), "partner-key").vaultKey())
                    .isEqualTo("partner-tokens-pepper");
        }

        @ParameterizedTest
        @ValueSource(strings = {"my pepper", "pepper}", "${vault.x}", "../etc/passwd", "a/b", "pepper\\x", "p\u00e9pper", "pepper;x"})
        void refusesWhatIsNoVaultKeyNamingTheOption(String value) {
            assertThatThrownBy(() -> PepperSettings.of(GivenOptions.of("pepper-vault-key", value), "partner-key"))
                    .isInstanceOf(ServerOptions.InvalidServerOption.class)
                    .hasMessageContaining("--spi-client-authenticator--partner-key--pepper-vault-key")
                    .hasMessageContaining("a vault key of 1 to 128 letters, digits, '.', '_' and '-'");
        }

        @Test
        void refusesAVaultKeyLongerThan128Characters() {
            assertThatThrownBy(() -> PepperSettings.of(GivenOptions.of("pepper-vault-key", "p".repeat(129)), "partner-key"))
                    .isInstanceOf(ServerOptions.InvalidServerOption.class);
            assertThat(PepperSettings.of(GivenOptions.of("pepper-vault-key", "p".repeat(128)), "partner-key").vaultKey())
                    .hasSize(128);
        }

        @Test
        void refusesABlankOrMissingVaultKeyMadeInCode() {
            assertThatThrownBy(() -> new PepperSettings(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new PepperSettings(null)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
