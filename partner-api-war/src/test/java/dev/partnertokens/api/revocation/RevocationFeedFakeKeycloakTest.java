package dev.partnertokens.api.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import dev.partnertokens.api.feeds.FeedLoop;
import dev.partnertokens.api.feeds.ProviderFeed;
import dev.partnertokens.api.revocation.RevocationList.Verdict;
import dev.partnertokens.api.testing.Eventually;
import dev.partnertokens.api.testing.FakeKeycloak;
import dev.partnertokens.api.testing.TestToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The revocation feed read from a fake Keycloak by the reader and its loop, as they run in WildFly. */
class RevocationFeedFakeKeycloakTest {

    private static final int WAIT_SECONDS = 2;
    private static final long MAX_STALENESS_SECONDS = 1;

    private FakeKeycloak keycloak;
    private FakeKeycloak.Feed revocations;
    private RevocationList list;
    private ProviderFeed feed;
    private FeedLoop loop;

    @BeforeEach
    void fakeKeycloak() throws Exception {
        keycloak = FakeKeycloak.start();
        revocations = keycloak.feed(FakeKeycloak.REVOCATIONS);
        list = new RevocationList();
        list.maxStalenessSeconds = MAX_STALENESS_SECONDS;
        feed = new ProviderFeed(keycloak.serviceAccountToken(), Duration.ofSeconds(2));
        RevocationFeedReader reader = new RevocationFeedReader(feed, keycloak.issuer() + FakeKeycloak.REVOCATIONS, WAIT_SECONDS, list);
        loop = new FeedLoop("revocation feed", reader::pollOnce, Duration.ofMillis(100), Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        loop.stop();
        feed.close();
        keycloak.close();
    }

    @Test
    void theSnapshotIsReadFirstThenNewEntriesArriveByLongPoll() throws Exception {
        revocations.add(keyRevoked("pk-revoked-before-start"));
        assertThat(list.verdict(TestToken.ofKey("pk-1"))).as("before the snapshot").isEqualTo(Verdict.CANNOT_TELL);

        loop.start(Executors.defaultThreadFactory());
        assertThat(list.awaitFirstSnapshot(Duration.ofSeconds(5))).isTrue();
        assertThat(list.verdict(TestToken.ofKey("pk-revoked-before-start"))).isEqualTo(Verdict.REFUSED);
        assertThat(list.verdict(TestToken.ofKey("pk-1"))).isEqualTo(Verdict.ACCEPTED);

        Eventually.within(Duration.ofSeconds(5), "a long poll is waiting", () -> revocations.queries().size() >= 2);
        revocations.add(keyRevoked("pk-1"));
        Duration latency = Eventually.within(Duration.ofSeconds(1), "the new entry refuses the token",
                () -> list.verdict(TestToken.ofKey("pk-1")) == Verdict.REFUSED);
        System.out.printf("[revocation] entry to refusal through the fake long poll: %d ms%n", latency.toMillis());

        assertThat(revocations.queries().get(0)).isEqualTo("after=0&wait=0");
        assertThat(revocations.queries().get(1)).isEqualTo("after=1&wait=" + WAIT_SECONDS);
        assertThat(revocations.bearers()).allMatch(bearer -> bearer.startsWith("Bearer service-token-"));
    }

    @Test
    void aSnapshotLongerThanOnePageIsReadToTheEndBeforeAnyTokenIsJudged() throws Exception {
        for (int i = 0; i < 250; i++) {
            revocations.add(keyRevoked("pk-" + i));
        }
        loop.start(Executors.defaultThreadFactory());
        Eventually.within(Duration.ofSeconds(5), "the snapshot is read", list::canTell);
        assertThat(list.verdict(TestToken.ofKey("pk-249"))).isEqualTo(Verdict.REFUSED);
        assertThat(list.size()).isEqualTo(250);
        assertThat(revocations.queries()).startsWith("after=0&wait=0", "after=100&wait=0", "after=200&wait=0");
    }

    @Test
    void whenKeycloakCannotBeReachedTokensAreNotJudgedAfterTheMaximumStalenessAndAgainOnceItAnswers() throws Exception {
        loop.start(Executors.defaultThreadFactory());
        Eventually.within(Duration.ofSeconds(5), "the snapshot is read", list::canTell);

        keycloak.stop();
        Eventually.within(Duration.ofSeconds(MAX_STALENESS_SECONDS + WAIT_SECONDS + 3), "the list cannot tell",
                () -> list.verdict(TestToken.ofKey("pk-1")) == Verdict.CANNOT_TELL);
        Instant failedClosed = Instant.now();
        assertThat(Duration.between(list.lastAnswer(), failedClosed))
                .as("tokens are judged until the last answer is older than the maximum staleness, not sooner")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(MAX_STALENESS_SECONDS));
        revocations.add(keyRevoked("pk-1"));

        keycloak.restart();
        Eventually.within(Duration.ofSeconds(5), "the list tells again", list::canTell);
        Eventually.within(Duration.ofSeconds(5), "the entry made while it was down arrives",
                () -> list.verdict(TestToken.ofKey("pk-1")) == Verdict.REFUSED);
    }

    @Test
    void whenKeycloakIsDownAtTheStartNoTokenIsJudgedUntilItAnswers() throws Exception {
        keycloak.stop();
        loop.start(Executors.defaultThreadFactory());
        assertThat(list.awaitFirstSnapshot(Duration.ofMillis(500))).isFalse();
        assertThat(list.verdict(TestToken.ofKey("pk-1"))).isEqualTo(Verdict.CANNOT_TELL);
        keycloak.restart();
        assertThat(list.awaitFirstSnapshot(Duration.ofSeconds(5))).isTrue();
        assertThat(list.verdict(TestToken.ofKey("pk-1"))).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void whenTheProvidersLogStartsOverTheListIsReadAgainFromItsSnapshot() throws Exception {
        revocations.add(keyRevoked("pk-old-1"));
        revocations.add(keyRevoked("pk-old-2"));
        loop.start(Executors.defaultThreadFactory());
        assertThat(list.awaitFirstSnapshot(Duration.ofSeconds(5))).isTrue();

        revocations.replaceLog();
        revocations.add(keyRevoked("pk-new"));
        Eventually.within(Duration.ofSeconds(WAIT_SECONDS + 5), "the new log's entry is read",
                () -> list.verdict(TestToken.ofKey("pk-new")) == Verdict.REFUSED);
        assertThat(list.verdict(TestToken.ofKey("pk-old-1"))).as("the list follows the provider's log").isEqualTo(Verdict.ACCEPTED);
        assertThat(revocations.queries()).contains("after=2&wait=" + WAIT_SECONDS, "after=0&wait=0");
    }

    @Test
    void aServiceAccountTokenThatKeycloakRefusesIsForgottenAndANewOneUsed() throws Exception {
        revocations.refuseNextToken();
        loop.start(Executors.defaultThreadFactory());
        Eventually.within(Duration.ofSeconds(5), "the snapshot is read", list::canTell);
        assertThat(revocations.bearers()).startsWith("Bearer service-token-1", "Bearer service-token-2");
        assertThat(keycloak.tokensIssued()).isEqualTo(2);
    }

    @Test
    void stoppingTheLoopEndsALongPollAtOnce() throws Exception {
        loop.start(Executors.defaultThreadFactory());
        Eventually.within(Duration.ofSeconds(5), "a long poll is waiting", () -> revocations.queries().size() >= 2);
        long begin = System.nanoTime();
        loop.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(1));
        int polls = revocations.queries().size();
        Thread.sleep(WAIT_SECONDS * 1000L + 500);
        assertThat(revocations.queries()).as("no poll after the stop").hasSize(polls);
    }

    private static JsonObjectBuilder keyRevoked(String clientId) {
        return Json.createObjectBuilder().add("kind", "KEY").add("subject", clientId).add("partnerId", "org-1")
                .add("issuedBefore", 2000).addNull("scopes").addNull("expiresNoLaterThan").add("reason", "KEY_REVOKED")
                .add("recordedAt", System.currentTimeMillis());
    }
}
