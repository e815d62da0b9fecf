package dev.partnertokens.keycloak.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import dev.partnertokens.keycloak.domain.DashboardRole;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RealmKeySettingsTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);

    private static Map<String, String> entered(String... namesAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return values;
    }

    private static RealmKeySettings with(String... namesAndValues) {
        Map<String, String> values = RealmKeySettings.validated(entered(namesAndValues));
        return RealmKeySettings.read(values::get);
    }

    @Nested
    class WithNothingSet {

        @Test
        void keysGetOneHourTokensSevenDayRefreshTokensAndNoMaximumLifetime() {
            RealmKeySettings settings = with();

            assertThat(settings.clientCredentialsLifespan()).isEqualTo(Duration.ofHours(1));
            assertThat(settings.refreshTokenLifespan()).isEqualTo(Duration.ofDays(7));
            assertThat(settings.maxKeyLifetime()).isNull();
            assertThat(settings.expiryNoticeDays()).isEqualTo(7);
            assertThat(settings.grantableBy(DashboardRole.OWNER)).isNull();
        }

        @Test
        void aKeyWithoutExpiryIsAllowed() {
            with().checkKeyExpiry(null, NOW);
        }
    }

    @Nested
    class AnAdministratorsValues {

        @Test
        void areNormalised() {
            Map<String, String> values = RealmKeySettings.validated(entered(
                    RealmKeySettings.CLIENT_CREDENTIALS_SECONDS, " 120 ",
                    RealmKeySettings.GRANTABLE_PREFIX + "developer", "view transact",
                    RealmKeySettings.MAX_KEY_LIFETIME_DAYS, ""));

            assertThat(values).containsEntry(RealmKeySettings.CLIENT_CREDENTIALS_SECONDS, "120")
                    .containsEntry(RealmKeySettings.GRANTABLE_PREFIX + "developer", "VIEW,TRANSACT")
                    .containsEntry(RealmKeySettings.MAX_KEY_LIFETIME_DAYS, null);
        }

        @Test
        void areRefusedWithTheRangeWhenOutOfIt() {
            assertThatThrownBy(() -> RealmKeySettings.validated(entered(RealmKeySettings.REFRESH_TOKEN_HOURS, "169")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("hours from 1 to 168");
        }

        @Test
        void areRefusedWhenARightIsUnknown() {
            assertThatThrownBy(() -> RealmKeySettings.validated(entered(RealmKeySettings.GRANTABLE_PREFIX + "owner", "VIEW, DELETE")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("\"DELETE\" is not one");
        }

        @Test
        void holdNoApostropheForKeycloaksMessageFormat() {
            assertThatThrownBy(() -> RealmKeySettings.validated(entered(RealmKeySettings.EXPIRY_NOTICE_DAYS, "soon")))
                    .hasMessageNotContaining("'");
        }
    }

    @Nested
    class AMaximumKeyLifetime {

        private final RealmKeySettings thirtyDays = with(RealmKeySettings.MAX_KEY_LIFETIME_DAYS, "30");

        @Test
        void refusesAKeyWithoutExpiryNamingTheLimit() {
            assertThatThrownBy(() -> thirtyDays.checkKeyExpiry(null, NOW))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("30 days").hasMessageContaining("2026-12-27T08:00:00Z");
        }

        @Test
        void refusesALaterExpiry() {
            assertThatThrownBy(() -> thirtyDays.checkKeyExpiry(Instant.parse("2026-12-27T08:00:01Z"), NOW))
                    .hasMessageContaining("no later than 2026-12-27T08:00:00Z");
        }

        @Test
        void allowsAnExpiryWithinIt() {
            thirtyDays.checkKeyExpiry(Instant.parse("2026-12-27T08:00:00Z"), NOW);
        }
    }

    @Test
    void anUnreadableAttributeCountsAsAbsent() {
        RealmKeySettings settings = RealmKeySettings.read(Map.of(RealmKeySettings.CLIENT_CREDENTIALS_SECONDS, "lots")::get);

        assertThat(settings.clientCredentialsLifespan()).isEqualTo(Duration.ofHours(1));
    }
}
