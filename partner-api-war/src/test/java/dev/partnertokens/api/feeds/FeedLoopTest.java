package dev.partnertokens.api.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.partnertokens.api.testing.Eventually;
import org.junit.jupiter.api.Test;

class FeedLoopTest {

    @Test
    void afterFailuresItWaitsOneTwoFourThenAtMostFiveSeconds() {
        FeedLoop loop = new FeedLoop("test feed", () -> { }, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(loop.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(loop.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(loop.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(loop.backoff(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(loop.backoff(1000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aFailingPollIsTriedAgainAndAnUnexpectedFailureDoesNotEndTheLoop() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        FeedLoop loop = new FeedLoop("test feed", () -> {
            if (polls.incrementAndGet() % 2 == 1) {
                throw new IllegalStateException("a database hiccup");
            }
            throw new FeedUnavailableException("down");
        }, Duration.ofMillis(10), Duration.ofMillis(20));
        loop.start(Executors.defaultThreadFactory());
        try {
            Eventually.within(Duration.ofSeconds(2), "several attempts", () -> polls.get() >= 4);
        } finally {
            loop.stop();
        }
        int after = polls.get();
        Thread.sleep(100);
        assertThat(polls.get()).as("nothing runs after the stop").isEqualTo(after);
    }
}
