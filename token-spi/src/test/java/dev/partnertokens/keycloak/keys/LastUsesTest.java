package dev.partnertokens.keycloak.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.partnertokens.keycloak.domain.KeyUse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LastUsesTest {

    private final LastUses lastUses = new LastUses();
    private final Map<String, KeyUse> database = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private Map<String, KeyUse> stored(Collection<String> keyIds) {
        Map<String, KeyUse> found = new java.util.HashMap<>();
        keyIds.forEach(id -> {
            if (database.containsKey(id)) {
                found.put(id, database.get(id));
            }
        });
        return found;
    }

    private boolean commit(Map<LastUses.Key, KeyUse> drained) {
        drained.forEach((key, use) -> database.merge(key.keyId(), use, KeyUse::merge));
        return true;
    }

    private Map<String, KeyUse> read(String keyId) {
        return lastUses.merged("realm", List.of(keyId), this::stored);
    }

    @Test
    void aReaderSeesWhatThisNodeRecordedBeforeAnyFlush() {
        lastUses.record("realm", "k1", KeyUse.once(1_000, "127.0.0.1", "sdk", KeyUse.Way.TOKEN_ENDPOINT));
        lastUses.record("realm", "k1", KeyUse.once(2_000, "127.0.0.2", "sdk", KeyUse.Way.REFRESH_TOKEN_ENDPOINT));

        KeyUse seen = read("k1").get("k1");

        assertThat(seen.way()).isEqualTo(KeyUse.Way.REFRESH_TOKEN_ENDPOINT);
        assertThat(seen.count()).isEqualTo(2);
        assertThat(read("never-used")).isEmpty();
    }

    @Test
    void aReaderSeesStoredAndNewUsesAddedUpAfterAFlush() {
        lastUses.record("realm", "k1", KeyUse.once(1_000, "127.0.0.1", "sdk", KeyUse.Way.TOKEN_ENDPOINT));
        assertThat(lastUses.flush(this::commit)).isEqualTo(1);
        lastUses.record("realm", "k1", KeyUse.once(2_000, "127.0.0.1", "sdk", KeyUse.Way.TOKENS_API));

        KeyUse seen = read("k1").get("k1");

        assertThat(seen.way()).isEqualTo(KeyUse.Way.TOKENS_API);
        assertThat(seen.count()).as("one stored, one pending, none twice").isEqualTo(2);
    }

    @Test
    void aReaderDuringAFlushWaitsForItsCommitInsteadOfSeeingTheKeyAsNeverUsed() throws Exception {
        lastUses.record("realm", "k1", KeyUse.once(1_000, "127.0.0.1", "sdk", KeyUse.Way.REFRESH_TOKEN_ENDPOINT));
        HeldFlush flush = flushHeldBeforeItsCommit();

        Future<Map<String, KeyUse>> reader = threads.submit(() -> read("k1"));
        Thread.sleep(100);
        assertThat(reader.isDone()).as("the reader waits while the uses are neither in memory nor committed").isFalse();
        flush.commit();

        KeyUse seen = reader.get(5, TimeUnit.SECONDS).get("k1");
        assertThat(flush.written()).isEqualTo(1);
        assertThat(seen).isNotNull();
        assertThat(seen.way()).isEqualTo(KeyUse.Way.REFRESH_TOKEN_ENDPOINT);
        assertThat(seen.count()).isEqualTo(1);
    }

    @Test
    void recordingAUseNeverWaitsForAFlush() throws Exception {
        lastUses.record("realm", "k1", KeyUse.once(1_000, "127.0.0.1", "sdk", KeyUse.Way.TOKEN_ENDPOINT));
        HeldFlush flush = flushHeldBeforeItsCommit();

        lastUses.record("realm", "k1", KeyUse.once(2_000, "127.0.0.1", "sdk", KeyUse.Way.TOKENS_API));
        assertThat(lastUses.size()).isEqualTo(1);
        flush.commit();
        flush.written();

        assertThat(read("k1").get("k1").count()).isEqualTo(2);
    }

    @Test
    void usesAFailedFlushTookAreKeptForTheNextOne() {
        lastUses.record("realm", "k1", KeyUse.once(1_000, "127.0.0.1", "sdk", KeyUse.Way.TOKEN_ENDPOINT));

        assertThat(lastUses.flush(drained -> {
            throw new IllegalStateException("database gone");
        })).isZero();
        assertThat(lastUses.size()).isEqualTo(1);
        assertThat(lastUses.flush(this::commit)).isEqualTo(1);

        assertThat(lastUses.size()).isZero();
        assertThat(database.get("k1").count()).isEqualTo(1);
    }

    /** A flush in another thread that has taken the uses and waits before its commit until {@link #commit}. */
    private record HeldFlush(CountDownLatch mayCommit, Future<Integer> result) {

        void commit() {
            mayCommit.countDown();
        }

        int written() throws Exception {
            return result.get(5, TimeUnit.SECONDS);
        }
    }

    private HeldFlush flushHeldBeforeItsCommit() throws InterruptedException {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        Future<Integer> flush = threads.submit(() -> lastUses.flush(drained -> {
            writing.countDown();
            await(mayCommit);
            return commit(drained);
        }));
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
        return new HeldFlush(mayCommit, flush);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
