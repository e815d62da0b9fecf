package dev.partnertokens.api.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RevocationFeedTest {

    @Test
    void theLongPollWaitsAsConfiguredWithinTheFeedsLimitsAndBelowTheMaximumStaleness() {
        assertThat(RevocationFeed.usableWait(20, 30)).isEqualTo(20);
        assertThat(RevocationFeed.usableWait(0, 30)).isEqualTo(1);
        assertThat(RevocationFeed.usableWait(60, 120)).isEqualTo(25);
        assertThat(RevocationFeed.usableWait(20, 10)).as("an answer must come before the list turns stale").isEqualTo(5);
        assertThat(RevocationFeed.usableWait(20, 1)).isEqualTo(1);
    }
}
