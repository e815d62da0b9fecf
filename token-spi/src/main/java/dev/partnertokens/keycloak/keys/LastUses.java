package dev.partnertokens.keycloak.keys;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.partnertokens.keycloak.domain.KeyUse;
import dev.partnertokens.keycloak.persistence.KeyUsageLog;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The keys' uses this Keycloak node saw since its last flush, in memory: recording a use is a map merge, never a
 * database write. {@link #flush} writes them behind (the provider's timer, every {@code last-used-flush-seconds}, and
 * once more when Keycloak stops cleanly); what a failed flush took is put back for the next one.
 * <p>
 * A flush holds a write lock from taking the uses until its transaction has committed, and {@link #merged} reads the
 * database and the memory under the read lock: a reader never sees a use that has left the memory but is not yet in
 * the database (nor one in both). Recording a use never waits.
 */
public final class LastUses {

    private static final Logger LOG = Logger.getLogger(LastUses.class);
    private static final LastUses NODE = new LastUses();

    /** How long a reader waits for a flush in progress before it reads without it (never a deadlock). */
    private static final long READ_WAIT_MILLIS = 2_000;

    private final ConcurrentHashMap<Key, KeyUse> pending = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock flushing = new ReentrantReadWriteLock();

    LastUses() {
    }

    /** A key of a realm. */
    public record Key(String realmId, String keyId) {
    }

    public static LastUses ofThisNode() {
        return NODE;
    }

    public void record(String realmId, String keyId, KeyUse use) {
        pending.merge(new Key(realmId, keyId), use, KeyUse::merge);
    }

    /**
     * The keys' uses (keys never used are absent): what {@code stored} reads from the database, merged with what this
     * node saw since its last flush, both read while no flush is between the two.
     */
    public Map<String, KeyUse> merged(String realmId, Collection<String> keyIds,
                                      Function<Collection<String>, Map<String, KeyUse>> stored) {
        Lock read = flushing.readLock();
        boolean locked = tryLock(read);
        try {
            Map<String, KeyUse> uses = new HashMap<>(stored.apply(keyIds));
            for (String keyId : keyIds) {
                KeyUse seen = pending.get(new Key(realmId, keyId));
                if (seen != null) {
                    uses.merge(keyId, seen, KeyUse::merge);
                }
            }
            return uses;
        } finally {
            if (locked) {
                read.unlock();
            }
        }
    }

    private static boolean tryLock(Lock lock) {
        try {
            return lock.tryLock(READ_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Takes everything recorded so far, leaving nothing. */
    Map<Key, KeyUse> drain() {
        Map<Key, KeyUse> drained = new HashMap<>();
        for (Key key : pending.keySet()) {
            KeyUse use = pending.remove(key);
            if (use != null) {
                drained.merge(key, use, KeyUse::merge);
            }
        }
        return drained;
    }

    /** Writes what was recorded in one transaction; on failure it is kept for the next flush. */
    public void flush(KeycloakSessionFactory factory) {
        flush(inOneTransaction(factory));
    }

    /** The last flush, when Keycloak stops cleanly: says in the log how many keys' uses it wrote. */
    public void flushAtShutdown(KeycloakSessionFactory factory) {
        int written = flush(inOneTransaction(factory));
        if (written > 0) {
            LOG.infof("Partner Tokens wrote the last use of %d key(s) at shutdown", written);
        }
    }

    /**
     * Takes what was recorded and hands it to {@code writer} (which commits it, or returns false or throws), readers
     * waiting meanwhile; what was not written is kept for the next flush.
     *
     * @return how many keys' uses were written
     */
    int flush(Predicate<Map<Key, KeyUse>> writer) {
        Lock write = flushing.writeLock();
        write.lock();
        try {
            Map<Key, KeyUse> drained = drain();
            if (drained.isEmpty()) {
                return 0;
            }
            boolean written;
            try {
                written = writer.test(drained);
            } catch (RuntimeException e) {
                LOG.warnf("Partner Tokens could not write the last use of %d keys (kept for the next try): %s", drained.size(), e.toString());
                written = false;
            }
            if (!written) {
                drained.forEach((key, use) -> pending.merge(key, use, KeyUse::merge));
                return 0;
            }
            return drained.size();
        } finally {
            write.unlock();
        }
    }

    private static Predicate<Map<Key, KeyUse>> inOneTransaction(KeycloakSessionFactory factory) {
        return drained -> {
            KeycloakModelUtils.runJobInTransaction(factory, session ->
                    drained.forEach((key, use) -> new KeyUsageLog(session, key.realmId()).apply(key.keyId(), use)));
            return true;
        };
    }

    /** How many keys have uses waiting to be written (for tests and metrics). */
    public int size() {
        return pending.size();
    }
}
