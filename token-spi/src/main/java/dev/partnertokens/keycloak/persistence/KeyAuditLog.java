package dev.partnertokens.keycloak.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** The provider's audit log of one realm (ADR 7), written in the caller's transaction; append-only. */
public final class KeyAuditLog {

    private final EntityManager em;
    private final String realmId;

    public KeyAuditLog(KeycloakSession session, String realmId) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realmId = realmId;
    }

    public void append(KeyAuditRecord entry) {
        em.persist(new KeyAuditEntity(FeedSequence.next(em, FeedSequence.AUDIT), UUID.randomUUID().toString(), realmId, entry));
    }

    /** Entries with a sequence above {@code after}, oldest first, at most {@code limit}. */
    public List<KeyAuditEntity> after(long after, int limit) {
        return em.createQuery("select a from KeyAuditEntity a where a.realmId = :realm and a.seq > :after order by a.seq",
                        KeyAuditEntity.class)
                .setParameter("realm", realmId)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Removes every entry of the realm, when the realm itself is removed. */
    public void removeAll() {
        em.createQuery("delete from KeyAuditEntity a where a.realmId = :realm").setParameter("realm", realmId).executeUpdate();
    }
}
