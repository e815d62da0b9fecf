package dev.partnertokens.keycloak.persistence;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.persistence.EntityManager;

import dev.partnertokens.keycloak.domain.KeyUse;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * The keys' last uses in the database, written behind from each node's memory. Safe with several nodes: a node adds
 * its count to the stored one, and writes its last use only over an earlier one (the last write wins by time).
 */
public final class KeyUsageLog {

    private final EntityManager em;
    private final String realmId;

    public KeyUsageLog(KeycloakSession session, String realmId) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realmId = realmId;
    }

    /** The row of a new key, so that flushes only ever update. */
    public void add(String keyId) {
        em.persist(new KeyUsageEntity(keyId, realmId));
    }

    /** Adds what a node recorded about one key; a key that is gone is skipped. */
    public void apply(String keyId, KeyUse use) {
        int rows = em.createQuery("update KeyUsageEntity u set u.useCount = u.useCount + :count"
                        + " where u.keyId = :key and u.realmId = :realm")
                .setParameter("count", use.count())
                .setParameter("key", keyId)
                .setParameter("realm", realmId)
                .executeUpdate();
        if (rows == 0) {
            return;
        }
        em.createQuery("update KeyUsageEntity u set u.lastUsedAt = :at, u.lastUsedIp = :ip, u.lastUsedAgent = :agent,"
                        + " u.lastUsedVia = :via where u.keyId = :key and u.realmId = :realm"
                        + " and (u.lastUsedAt is null or u.lastUsedAt < :at)")
                .setParameter("at", use.lastUsedAt())
                .setParameter("ip", use.ip())
                .setParameter("agent", use.userAgent())
                .setParameter("via", use.way().name())
                .setParameter("key", keyId)
                .setParameter("realm", realmId)
                .executeUpdate();
    }

    /** The stored uses of these keys that were ever used, by key id. */
    public Map<String, KeyUse> of(Collection<String> keyIds) {
        Map<String, KeyUse> uses = new HashMap<>();
        if (keyIds.isEmpty()) {
            return uses;
        }
        em.createQuery("select u from KeyUsageEntity u where u.realmId = :realm and u.keyId in :keys and u.lastUsedAt is not null",
                        KeyUsageEntity.class)
                .setParameter("realm", realmId)
                .setParameter("keys", keyIds)
                .getResultStream()
                .forEach(row -> uses.put(row.getKeyId(), new KeyUse(row.getLastUsedAt(), row.getLastUsedIp(),
                        row.getLastUsedAgent(), KeyUse.Way.valueOf(row.getLastUsedVia()), row.getUseCount())));
        return uses;
    }

    /** Removes the rows of a removed key, or of every key of the realm. */
    public void remove(String keyId) {
        em.createQuery("delete from KeyUsageEntity u where u.keyId = :key").setParameter("key", keyId).executeUpdate();
    }

    public void removeAll() {
        em.createQuery("delete from KeyUsageEntity u where u.realmId = :realm").setParameter("realm", realmId).executeUpdate();
    }
}
