package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpiresAtTest {

    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static void assertRejected(Runnable parsing, String message) {
        assertThatThrownBy(parsing::run)
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message)
                .extracting("field").isEqualTo("expiresAt");
    }

    @Nested
    class ANewExpiry {

        @Test
        void aMomentInTheFutureIsAccepted() {
            assertThat(ExpiresAt.of(NOW.plus(Duration.ofDays(90)), CLOCK).instant()).isEqualTo(NOW.plus(Duration.ofDays(90)));
        }

        @Test
        void oneNanosecondAheadIsInTheFuture() {
            assertThat(ExpiresAt.of(NOW.plusNanos(1), CLOCK).instant()).isEqualTo(NOW.plusNanos(1));
        }

        @Test
        void exactlyTwoYearsAheadIsAccepted() {
            assertThat(ExpiresAt.of(Instant.parse("2028-03-15T12:00:00Z"), CLOCK)).hasToString("2028-03-15T12:00:00Z");
        }

        @Test
        void isReadFromAnIsoInstant() {
            assertThat(ExpiresAt.parse("2027-01-01T00:00:00Z", CLOCK)).isEqualTo(new ExpiresAt(Instant.parse("2027-01-01T00:00:00Z")));
        }

        @Test
        void isReadFromAnIsoInstantWithAnOffset() {
            assertThat(ExpiresAt.parse("2027-01-01T02:00:00+02:00", CLOCK).instant()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        }

        @Test
        void doesNotDependOnTheClocksTimeZone() {
            Clock tokyo = Clock.fixed(NOW, ZoneId.of("Asia/Tokyo"));

            assertThat(ExpiresAt.of(Instant.parse("2028-03-15T12:00:00Z"), tokyo).instant()).isEqualTo(Instant.parse("2028-03-15T12:00:00Z"));
        }
    }

    @Nested
    class ARejectedExpiry {

        @Test
        void nowIsNotInTheFuture() {
            assertRejected(() -> ExpiresAt.of(NOW, CLOCK), "expiresAt must be in the future, got 2026-03-15T12:00:00Z");
        }

        @Test
        void aMomentInThePastIsRejected() {
            assertRejected(() -> ExpiresAt.parse("2020-01-01T00:00:00Z", CLOCK), "expiresAt must be in the future, got 2020-01-01T00:00:00Z");
        }

        @Test
        void moreThanTwoYearsAheadIsRejectedNamingTheLatestAllowed() {
            assertRejected(() -> ExpiresAt.of(Instant.parse("2028-03-15T12:00:00.001Z"), CLOCK),
                    "expiresAt must be at most 2 years ahead (no later than 2028-03-15T12:00:00Z), got 2028-03-15T12:00:00.001Z");
        }

        @Test
        void farInTheFutureIsRejected() {
            assertThatThrownBy(() -> ExpiresAt.parse("9999-12-31T23:59:59Z", CLOCK))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("expiresAt must be at most 2 years ahead");
        }

        @Test
        void twoYearsAheadFromALeapDayEndsOnTheTwentyEighthOfFebruary() {
            Clock leapDay = Clock.fixed(Instant.parse("2028-02-29T00:00:00Z"), ZoneOffset.UTC);

            assertThat(ExpiresAt.of(Instant.parse("2030-02-28T00:00:00Z"), leapDay)).isNotNull();
            assertThatThrownBy(() -> ExpiresAt.of(Instant.parse("2030-02-28T00:00:00.000000001Z"), leapDay))
                    .isInstanceOf(InvalidInputException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2027-01-01", "2027-01-01T00:00:00", "next year", "1798761600", "", " 2027-01-01T00:00:00Z"})
        void aMalformedExpiryIsRejected(String text) {
            assertThatThrownBy(() -> ExpiresAt.parse(text, CLOCK))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("expiresAt must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, got '")
                    .extracting("field").isEqualTo("expiresAt");
        }

        @Test
        void aMissingExpiryIsRejectedWhereOneIsRequired() {
            assertRejected(() -> ExpiresAt.parse(null, CLOCK), "expiresAt is required here");
        }

        @Test
        void missingArgumentsAreAProgrammingError() {
            assertThatNullPointerException().isThrownBy(() -> ExpiresAt.of(null, CLOCK));
            assertThatNullPointerException().isThrownBy(() -> ExpiresAt.of(NOW, null));
            assertThatNullPointerException().isThrownBy(() -> ExpiresAt.parse("2027-01-01T00:00:00Z", null));
            assertThatNullPointerException().isThrownBy(() -> new ExpiresAt(null));
        }
    }

    @Nested
    class AStoredExpiry {

        private final ExpiresAt expiresAt = new ExpiresAt(NOW);

        @Test
        void staysReadableAfterItHasPassed() {
            assertThat(new ExpiresAt(Instant.parse("2020-01-01T00:00:00Z")).instant()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        }

        @Test
        void hasNotPassedJustBefore() {
            assertThat(expiresAt.isPassed(Clock.fixed(NOW.minusNanos(1), ZoneOffset.UTC))).isFalse();
        }

        @Test
        void hasPassedAtTheMomentItself() {
            assertThat(expiresAt.isPassed(CLOCK)).isTrue();
        }

        @Test
        void hasPassedAfterwards() {
            assertThat(expiresAt.isPassed(Clock.offset(CLOCK, Duration.ofSeconds(1)))).isTrue();
        }
    }
}
