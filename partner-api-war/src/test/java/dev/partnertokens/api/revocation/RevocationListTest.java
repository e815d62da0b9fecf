package dev.partnertokens.api.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.partnertokens.api.revocation.RevocationList.Verdict;
import dev.partnertokens.api.testing.TestToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of ADR 0007, each both ways, and when the list refuses to judge at all. */
class RevocationListTest {

    private static final long REVOKED_AT = 2000;
    private static final long NOW_MILLIS = 1_800_000_000_000L;

    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(NOW_MILLIS));
    private RevocationList list;
    private long seq;

    @BeforeEach
    void currentList() {
        list = new RevocationList();
        list.maxStalenessSeconds = 30;
        list.clock = clock;
        list.answered(true);
    }

    // --- KEY ------------------------------------------------------------------------------------------------------

    @Test
    void aRevokedKeysTokensIssuedUpToTheRevocationAreRefusedAndLaterOnesAccepted() {
        add("KEY", "pk-1", REVOKED_AT, null, null);
        assertThat(list.verdict(TestToken.ofKey("pk-1").issuedAt(1000))).isEqualTo(Verdict.REFUSED);
        assertThat(list.verdict(TestToken.ofKey("pk-1").issuedAt(REVOKED_AT))).isEqualTo(Verdict.REFUSED);
        assertThat(list.verdict(TestToken.ofKey("pk-1").issuedAt(REVOKED_AT + 1))).isEqualTo(Verdict.ACCEPTED);
        assertThat(list.verdict(TestToken.ofKey("pk-2").issuedAt(1000))).as("another key").isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void afterRightsWereReducedAnOldTokenHoldingARemovedScopeIsRefusedAndOneWithinTheNewRightsAccepted() {
        add("KEY", "pk-1", REVOKED_AT, List.of("VIEW"), null);
        assertThat(list.verdict(TestToken.ofKey("pk-1").scope("VIEW TRANSACT"))).isEqualTo(Verdict.REFUSED);
        assertThat(list.verdict(TestToken.ofKey("pk-1").scope("TRANSACT"))).isEqualTo(Verdict.REFUSED);
        assertThat(list.verdict(TestToken.ofKey("pk-1").scope("VIEW"))).isEqualTo(Verdict.ACCEPTED);
        assertThat(list.verdict(TestToken.ofKey("pk-1").scope(""))).as("no scope at all").isEqualTo(Verdict.ACCEPTED);
        assertThat(list.verdict(TestToken.ofKey("pk-1").scope("VIEW TRANSACT").issuedAt(REVOKED_AT + 1)))
                .as("a token issued after the change").isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void afterTheExpiryWasShortenedAnOldTokenThatExpiresLaterIsRefusedAndOneThatExpiresInTimeAccepted() {
        add("KEY", "pk-1", REVOKED_AT, List.of("VIEW"), 3000L);
        assertThat(list.verdict(TestToken.ofKey("pk-1").expiresAt(3001))).isEqualTo(Verdict.REFUSED);
        assertThat(list.verdict(TestToken.ofKey("pk-1").expiresAt(3000))).isEqualTo(Verdict.ACCEPTED);
        assertThat(list.verdict(TestToken.ofKey("pk-1").issuedAt(REVOKED_AT + 1).expiresAt(9999))).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void aLaterEntryAboutAKeyDoesNotUndoAnEarlierOne() {
        add("KEY", "pk-1", REVOKED_AT, List.of("VIEW", "TRANSACT"), null);
        add("KEY", "pk-1", REVOKED_AT + 500, List.of("VIEW", "TRANSACT", "MANAGE"), null);
        assertThat(list.verdict(TestToken.ofKey("pk-1").scope("MANAGE"))).isEqualTo(Verdict.REFUSED);
        assertThat(list.verdict(TestToken.ofKey("pk-1").scope("MANAGE").issuedAt(REVOKED_AT + 1))).isEqualTo(Verdict.ACCEPTED);
    }

    // --- PARTNER and TOKEN ----------------------------------------------------------------------------------------

    @Test
    void aDisabledPartnersTokensIssuedBeforeAreRefusedWhateverTheirKey() {
        add("PARTNER", "org-1", REVOKED_AT, null, null);
        assertThat(list.verdict(TestToken.ofKey("pk-1").partner("org-1"))).isEqualTo(Verdict.REFUSED);
        assertThat(list.verdict(TestToken.ofKey("pk-9").partner("org-1"))).isEqualTo(Verdict.REFUSED);
        assertThat(list.verdict(TestToken.ofKey("pk-1").partner("org-2"))).as("another partner").isEqualTo(Verdict.ACCEPTED);
        assertThat(list.verdict(TestToken.ofKey("pk-1").partner("org-1").issuedAt(REVOKED_AT + 1))).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void aRevokedTokenIsRefusedAndAnotherTokenOfTheSameKeyAccepted() {
        add("TOKEN", "jti-42", REVOKED_AT, null, null);
        assertThat(list.verdict(TestToken.ofKey("pk-1").id("jti-42"))).isEqualTo(Verdict.REFUSED);
        assertThat(list.verdict(TestToken.ofKey("pk-1").id("jti-43"))).isEqualTo(Verdict.ACCEPTED);
    }

    // --- what the list holds --------------------------------------------------------------------------------------

    @Test
    void entriesAreDroppedSevenDaysAndAnHourAfterTheyWereRecorded() {
        long retention = Duration.ofDays(7).plusHours(1).toMillis();
        add("KEY", "pk-old", REVOKED_AT, null, null, NOW_MILLIS - retention - 1);
        add("KEY", "pk-kept", REVOKED_AT, null, null, NOW_MILLIS - retention);
        list.prune(NOW_MILLIS);
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.verdict(TestToken.ofKey("pk-old"))).isEqualTo(Verdict.ACCEPTED);
        assertThat(list.verdict(TestToken.ofKey("pk-kept"))).isEqualTo(Verdict.REFUSED);
    }

    @Test
    void anEntryThisApiCannotReadIsLeftOutAndTheSameEntryTwiceCountsOnce() {
        list.add(List.of(new RevocationEntry(1L, "GROUP", "g-1", null, REVOKED_AT, null, null, "X", NOW_MILLIS),
                new RevocationEntry(2L, "KEY", null, null, REVOKED_AT, null, null, "KEY_REVOKED", NOW_MILLIS)));
        RevocationEntry revoked = new RevocationEntry(3L, "KEY", "pk-1", null, REVOKED_AT, null, null, "KEY_REVOKED", NOW_MILLIS);
        list.add(List.of(revoked, revoked));
        assertThat(list.size()).isEqualTo(1);
    }

    @Test
    void everyEntryAboutAKeyIsAnnouncedWhateverItsReasonAndOthersAreNot() {
        List<String> announced = new ArrayList<>();
        list.onKeyEntry(announced::add);
        add("KEY", "pk-1", REVOKED_AT, List.of("VIEW"), null);
        add("KEY", "pk-2", REVOKED_AT, null, null);
        add("PARTNER", "org-1", REVOKED_AT, null, null);
        add("TOKEN", "jti-1", REVOKED_AT, null, null);
        assertThat(announced).containsExactly("pk-1", "pk-2");
    }

    // --- fail closed ----------------------------------------------------------------------------------------------

    @Test
    void untilTheSnapshotHasBeenReadNoTokenIsJudged() {
        RevocationList fresh = new RevocationList();
        fresh.maxStalenessSeconds = 30;
        fresh.clock = clock;
        assertThat(fresh.verdict(TestToken.ofKey("pk-1"))).isEqualTo(Verdict.CANNOT_TELL);
        fresh.answered(false);
        assertThat(fresh.verdict(TestToken.ofKey("pk-1"))).as("a first page of a longer snapshot").isEqualTo(Verdict.CANNOT_TELL);
        fresh.answered(true);
        assertThat(fresh.verdict(TestToken.ofKey("pk-1"))).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void whenTheFeedHasNotAnsweredForLongerThanTheMaximumStalenessNoTokenIsJudgedUntilItAnswersAgain() {
        clock.advance(Duration.ofSeconds(30));
        assertThat(list.verdict(TestToken.ofKey("pk-1"))).isEqualTo(Verdict.ACCEPTED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(list.verdict(TestToken.ofKey("pk-1"))).isEqualTo(Verdict.CANNOT_TELL);
        list.answered(true);
        assertThat(list.verdict(TestToken.ofKey("pk-1"))).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void startingOverForgetsEveryEntryAndWaitsForANewSnapshot() {
        add("KEY", "pk-1", REVOKED_AT, null, null);
        list.startOver();
        assertThat(list.verdict(TestToken.ofKey("pk-1"))).isEqualTo(Verdict.CANNOT_TELL);
        list.answered(true);
        assertThat(list.verdict(TestToken.ofKey("pk-1"))).isEqualTo(Verdict.ACCEPTED);
    }

    private void add(String kind, String subject, long issuedBefore, List<String> scopes, Long expiresNoLaterThan) {
        add(kind, subject, issuedBefore, scopes, expiresNoLaterThan, NOW_MILLIS);
    }

    private void add(String kind, String subject, long issuedBefore, List<String> scopes, Long expiresNoLaterThan, long recordedAt) {
        list.add(Arrays.asList(new RevocationEntry(++seq, kind, subject, null, issuedBefore, scopes, expiresNoLaterThan, "TEST", recordedAt)));
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
