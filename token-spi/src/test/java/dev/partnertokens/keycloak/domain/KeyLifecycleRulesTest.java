package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Keycloak-free rules of issue 9: expiry policy, secret rotation, and how key uses merge. */
class KeyLifecycleRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Nested
    class AnExpiryPolicy {

        @Test
        void ofARealmWithoutSettingsAllowsEverything() {
            assertThatCode(() -> ExpiryPolicy.ofRealm(null, false).check(null, CLOCK)).doesNotThrowAnyException();
        }

        @Test
        void takesTheStricterOfRealmAndPartnerAndNamesWhoSetIt() {
            ExpiryPolicy realm = ExpiryPolicy.ofRealm(Duration.ofDays(30), false);

            ExpiryPolicy shorter = realm.withPartner("acme", Duration.ofDays(10), null);
            ExpiryPolicy longer = realm.withPartner("acme", Duration.ofDays(60), false);

            assertThatThrownBy(() -> shorter.check(NOW.plus(Duration.ofDays(11)), CLOCK))
                    .hasMessageContaining("partner acme").hasMessageContaining("10 days").hasMessageContaining("2026-12-07T08:00:00Z");
            assertThatCode(() -> shorter.check(NOW.plus(Duration.ofDays(10)), CLOCK)).doesNotThrowAnyException();
            assertThatThrownBy(() -> longer.check(NOW.plus(Duration.ofDays(31)), CLOCK)).hasMessageContaining("this realm");
            assertThatThrownBy(() -> longer.check(null, CLOCK)).hasMessageContaining("30 days");
        }

        @Test
        void requiresAnExpiryWhenRealmOrPartnerDoesAndAPartnerCannotLiftIt() {
            assertThatThrownBy(() -> ExpiryPolicy.ofRealm(null, true).withPartner("acme", null, false).check(null, CLOCK))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("this realm").hasMessageContaining("expiry required");
            assertThatThrownBy(() -> ExpiryPolicy.ofRealm(null, false).withPartner("acme", null, true).check(null, CLOCK))
                    .hasMessageContaining("partner acme");
            assertThatCode(() -> ExpiryPolicy.ofRealm(null, true).check(NOW.plus(Duration.ofDays(900)), CLOCK))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    class ASecretRotation {

        @Test
        void overlapsADayUnlessToldAndAtMostAWeek() {
            assertThat(SecretRotation.of(null, null)).isEqualTo(new SecretRotation(Duration.ofHours(24), false));
            assertThat(SecretRotation.of(0L, true).overlap()).isZero();
            assertThat(SecretRotation.of(604_800L, null).overlap()).isEqualTo(Duration.ofDays(7));
            assertThatThrownBy(() -> SecretRotation.of(604_801L, null)).isInstanceOf(InvalidInputException.class)
                    .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("overlapSeconds");
            assertThatThrownBy(() -> SecretRotation.of(-1L, null)).isInstanceOf(InvalidInputException.class);
        }
    }

    @Nested
    class KeyUses {

        @Test
        void mergeAsTwoNodesDoTheLaterUseWinsAndCountsAdd() {
            KeyUse early = new KeyUse(1_000, "10.0.0.1", "a", KeyUse.Way.TOKEN_ENDPOINT, 3);
            KeyUse late = new KeyUse(2_000, "10.0.0.2", "b", KeyUse.Way.TOKENS_API, 4);

            assertThat(early.merge(late)).isEqualTo(new KeyUse(2_000, "10.0.0.2", "b", KeyUse.Way.TOKENS_API, 7));
            assertThat(late.merge(early)).isEqualTo(new KeyUse(2_000, "10.0.0.2", "b", KeyUse.Way.TOKENS_API, 7));
        }

        @Test
        void keepTheirTextsShortAndPrintable() {
            KeyUse use = KeyUse.once(1, "x".repeat(100), "agent\r\nX-Injected: 1" + "y".repeat(300), KeyUse.Way.REFRESH_TOKEN_ENDPOINT);

            assertThat(use.ip()).hasSize(KeyUse.MAX_IP);
            assertThat(use.userAgent()).hasSize(KeyUse.MAX_AGENT).startsWith("agent??X-Injected: 1").doesNotContain("\r", "\n");
            assertThat(KeyUse.once(1, null, null, KeyUse.Way.TOKENS_API).userAgent()).isNull();
        }
    }
}
