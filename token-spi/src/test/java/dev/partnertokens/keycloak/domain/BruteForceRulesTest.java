package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BruteForceRulesTest {

    /** A shared store as Keycloak's single-use objects behave: atomic putIfAbsent, entries expire. */
    static final class SharedStore implements BruteForceRules.Store {
        final Map<String, Long> entries = new ConcurrentHashMap<>();
        final AtomicInteger lookUps = new AtomicInteger();

        @Override
        public boolean contains(String key) {
            lookUps.incrementAndGet();
            return entries.containsKey(key);
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanSeconds) {
            return entries.putIfAbsent(key, lifespanSeconds) == null;
        }
    }

    private static final Instant START = Instant.parse("2026-11-27T12:00:00Z");
    private static final BruteForceRules.Limits LIMITS = new BruteForceRules.Limits(true, Duration.ofSeconds(60), 6, 3, 4);

    private final SharedStore store = new SharedStore();
    private final BruteForceRules rules = new BruteForceRules(store, "realm", LIMITS);

    private void fail(String address, String key, int times) {
        for (int i = 0; i < times; i++) {
            rules.failed(address, key, START.plusSeconds(1));
        }
    }

    @Nested
    class AnAddressAndKey {

        @Test
        void isThrottledOnlyOnceItFailedTheAllowedNumberOfTimes() {
            fail("10.0.0.1", "pk-a", 2);
            assertThat(rules.check("10.0.0.1", "pk-a", START.plusSeconds(2))).isEmpty();
            fail("10.0.0.1", "pk-a", 1);
            assertThat(rules.check("10.0.0.1", "pk-a", START.plusSeconds(2)))
                    .hasValueSatisfying(t -> assertThat(t.rule()).isEqualTo(BruteForceRules.Rule.ADDRESS_AND_KEY));
        }

        @Test
        void isThrottledUntilTheWindowEndsAndThenAllowedAgain() {
            fail("10.0.0.1", "pk-a", 3);
            BruteForceRules.Throttle throttle = rules.check("10.0.0.1", "pk-a", START.plusSeconds(20)).orElseThrow();
            assertThat(throttle.until()).isEqualTo(START.plusSeconds(60));
            assertThat(throttle.retryAfterSeconds(START.plusSeconds(20))).isEqualTo(40);
            assertThat(rules.check("10.0.0.1", "pk-a", START.plusSeconds(60))).isEmpty();
        }

        @Test
        void doesNotThrottleTheSameKeyFromAnotherAddress() {
            fail("10.0.0.1", "pk-a", 3);
            assertThat(rules.check("10.0.0.2", "pk-a", START.plusSeconds(2))).isEmpty();
        }

        @Test
        void isReportedFilledByExactlyOneFailure() {
            List<BruteForceRules.Reached> first = rules.failed("10.0.0.1", "pk-a", START);
            rules.failed("10.0.0.1", "pk-a", START);
            List<BruteForceRules.Reached> third = rules.failed("10.0.0.1", "pk-a", START);
            List<BruteForceRules.Reached> fourth = rules.failed("10.0.0.1", "pk-a", START);
            assertThat(first).isEmpty();
            assertThat(third).extracting(BruteForceRules.Reached::rule).containsExactly(BruteForceRules.Rule.ADDRESS_AND_KEY);
            assertThat(fourth).extracting(BruteForceRules.Reached::rule).as("the key's own counter fills at 4")
                    .containsExactly(BruteForceRules.Rule.KEY);
        }
    }

    @Nested
    class AnAddress {

        @Test
        void isThrottledForEveryKeyIdOnceItFailedTooOftenWithAnyIds() {
            for (int i = 0; i < 6; i++) {
                rules.failed("10.0.0.9", "guess-" + i, START);
            }
            assertThat(rules.check("10.0.0.9", "pk-never-tried", START))
                    .hasValueSatisfying(t -> assertThat(t.rule()).isEqualTo(BruteForceRules.Rule.ADDRESS));
            assertThat(rules.check("10.0.0.1", "pk-never-tried", START)).isEmpty();
        }

        @Test
        void withoutFailuresCostsOneLookUp() {
            fail("10.0.0.9", "pk-a", 3);
            store.lookUps.set(0);
            assertThat(rules.check("10.0.0.1", "pk-a", START)).isEmpty();
            assertThat(store.lookUps.get()).isEqualTo(1);
        }
    }

    @Nested
    class AKeyGuessedFromManyAddresses {

        @Test
        void throttlesOnlyTheAddressesThatFailedWithIt() {
            rules.failed("10.0.1.1", "pk-a", START);
            rules.failed("10.0.1.2", "pk-a", START);
            rules.failed("10.0.1.3", "pk-a", START);
            rules.failed("10.0.1.4", "pk-a", START);
            assertThat(rules.check("10.0.1.1", "pk-a", START))
                    .hasValueSatisfying(t -> assertThat(t.rule()).isEqualTo(BruteForceRules.Rule.KEY));
            assertThat(rules.check("10.0.0.100", "pk-a", START)).as("the partner's own address, which never failed").isEmpty();
        }

        @Test
        void neverThrottlesAnAddressThatFailedOnlyWithOtherIds() {
            fail("10.0.1.1", "pk-a", 2);
            fail("10.0.1.2", "pk-a", 2);
            rules.failed("10.0.0.100", "pk-other", START);
            assertThat(rules.check("10.0.0.100", "pk-a", START)).isEmpty();
        }
    }

    @Test
    void countsExactlyWhenFailuresComeConcurrentlyFromManyNodes() throws Exception {
        BruteForceRules.Limits limits = new BruteForceRules.Limits(true, Duration.ofSeconds(60), 1000, 50, 1000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            AtomicInteger filled = new AtomicInteger();
            List<Future<?>> failures = new java.util.ArrayList<>();
            for (int i = 0; i < 49; i++) {
                failures.add(pool.submit(() -> filled.addAndGet(new BruteForceRules(store, "realm", limits)
                        .failed("10.0.0.1", "pk-a", START).size())));
            }
            for (Future<?> failure : failures) {
                failure.get();
            }
            BruteForceRules rules = new BruteForceRules(store, "realm", limits);
            assertThat(rules.check("10.0.0.1", "pk-a", START)).as("49 of 50").isEmpty();
            assertThat(rules.failed("10.0.0.1", "pk-a", START)).as("the 50th fills it").hasSize(1);
            assertThat(rules.check("10.0.0.1", "pk-a", START)).isPresent();
            assertThat(filled.get()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keepsRealmsApartAndDoesNothingWhenOff() {
        fail("10.0.0.1", "pk-a", 3);
        assertThat(new BruteForceRules(store, "other-realm", LIMITS).check("10.0.0.1", "pk-a", START)).isEmpty();
        BruteForceRules off = new BruteForceRules(store, "realm", new BruteForceRules.Limits(false, Duration.ofSeconds(60), 6, 3, 4));
        assertThat(off.check("10.0.0.1", "pk-a", START)).isEmpty();
        assertThat(off.failed("10.0.0.2", "pk-b", START)).isEmpty();
        assertThat(store.entries.keySet()).noneMatch(key -> key.contains("10.0.0.2"));
    }

    @Test
    void neverPutsACallersIdIntoTheStoreAsIs() {
        rules.failed("10.0.0.1", "pk-a:#chosen-by-the-caller", START);
        assertThat(store.entries.keySet()).noneMatch(key -> key.contains("chosen-by-the-caller"));
    }
}
