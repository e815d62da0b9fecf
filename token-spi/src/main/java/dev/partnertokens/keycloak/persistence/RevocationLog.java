package dev.partnertokens.keycloak.persistence;

import java.util.Collection;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** The revocation log of one realm (ADR 7), written in the caller's transaction. */
public final class RevocationLog {

    /** Entries are kept this long after they were recorded: the longest token lifetime (7 days) and a margin. */
    public static final long RETENTION_MILLIS = (7L * 24 + 1) * 3600 * 1000;

    /** What an entry concerns. */
    public enum Kind { KEY, PARTNER, TOKEN }

    private final EntityManager em;
    private final String realmId;

    public RevocationLog(KeycloakSession session, String realmId) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realmId = realmId;
    }

    /**
     * Appends an entry: tokens of {@code subject} issued at or before {@code issuedBeforeSeconds} are refused, unless
     * they hold only {@code keptScopes} and expire no later than {@code expiresNoLaterThan}.
     *
     * @param keptScopes         the scopes earlier tokens may still hold, {@code null} for none (all refused)
     * @param expiresNoLaterThan epoch seconds, or {@code null}
     */
    public void append(Kind kind, String subject, String partnerId, long issuedBeforeSeconds, Collection<String> keptScopes,
                       Long expiresNoLaterThan, String reason, long nowMillis) {
        long seq = FeedSequence.next(em, FeedSequence.REVOCATIONS);
        em.persist(new RevocationEntity(seq, realmId, kind.name(), subject, partnerId, issuedBeforeSeconds,
                keptScopes == null ? null : String.join(" ", keptScopes), expiresNoLaterThan, reason, nowMillis));
    }

    /** Entries with a sequence above {@code after}, oldest first, at most {@code limit}. */
    public List<RevocationEntity> after(long after, int limit) {
        return em.createQuery("select r from RevocationEntity r where r.realmId = :realm and r.seq > :after order by r.seq",
                        RevocationEntity.class)
                .setParameter("realm", realmId)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The highest sequence of this realm's entries, 0 when there is none. */
    public long last() {
        Long last = em.createQuery("select max(r.seq) from RevocationEntity r where r.realmId = :realm", Long.class)
                .setParameter("realm", realmId)
                .getSingleResult();
        return last == null ? 0 : last;
    }

    /** Removes this realm's entries recorded before {@code nowMillis - RETENTION_MILLIS}. */
    public int prune(long nowMillis) {
        return em.createQuery("delete from RevocationEntity r where r.realmId = :realm and r.recordedAt < :horizon")
                .setParameter("realm", realmId)
                .setParameter("horizon", nowMillis - RETENTION_MILLIS)
                .executeUpdate();
    }

    /** Removes every entry of the realm, when the realm itself is removed. */
    public void removeAll() {
        em.createQuery("delete from RevocationEntity r where r.realmId = :realm").setParameter("realm", realmId).executeUpdate();
    }
}
