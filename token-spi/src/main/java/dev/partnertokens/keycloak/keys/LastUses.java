package dev.partnertokens.keycloak.keys;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.partnertokens.keycloak.domain.KeyUse;
import dev.partnertokens.keycloak.persistence.KeyUsageLog;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The keys' uses this Keycloak node saw since its last flush, in memory: recording a use is a map merge, never a
 * database write. {@link #flush} writes them behind (the provider's timer, every {@code last-used-flush-seconds}, and
 * once more when Keycloak stops cleanly); what a failed flush took is put back for the next one.
 */
public final class LastUses {

    private static final Logger LOG = Logger.getLogger(LastUses.class);
    private static final LastUses NODE = new LastUses();

    private final ConcurrentHashMap<Key, KeyUse> pending = new ConcurrentHashMap<>();

    /** A key of a realm. */
    public record Key(String realmId, String keyId) {
    }

    public static LastUses ofThisNode() {
        return NODE;
    }

    public void record(String realmId, String keyId, KeyUse use) {
        pending.merge(new Key(realmId, keyId), use, KeyUse::merge);
    }

    /** What this node saw of the key since its last flush. */
    public Optional<KeyUse> pending(String realmId, String keyId) {
        return Optional.ofNullable(pending.get(new Key(realmId, keyId)));
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
        write(factory, drain());
    }

    /** The last flush, when Keycloak stops cleanly: says in the log how many keys' uses it wrote. */
    public void flushAtShutdown(KeycloakSessionFactory factory) {
        Map<Key, KeyUse> drained = drain();
        if (write(factory, drained) && !drained.isEmpty()) {
            LOG.infof("Partner Tokens wrote the last use of %d key(s) at shutdown", drained.size());
        }
    }

    private boolean write(KeycloakSessionFactory factory, Map<Key, KeyUse> drained) {
        if (drained.isEmpty()) {
            return true;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session ->
                    drained.forEach((key, use) -> new KeyUsageLog(session, key.realmId()).apply(key.keyId(), use)));
        } catch (RuntimeException e) {
            drained.forEach((key, use) -> pending.merge(key, use, KeyUse::merge));
            LOG.warnf("Partner Tokens could not write the last use of %d keys (kept for the next try): %s", drained.size(), e.toString());
            return false;
        }
        return true;
    }

    /** How many keys have uses waiting to be written (for tests and metrics). */
    public int size() {
        return pending.size();
    }
}
