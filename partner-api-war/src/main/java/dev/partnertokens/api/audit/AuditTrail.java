package dev.partnertokens.api.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/**
 * The append-only audit trail in the partner API's own database: the partner API's own entries and copies of the
 * provider's. Nothing here updates or deletes an entry.
 */
@ApplicationScoped
public class AuditTrail {

    @PersistenceContext(unitName = "partner-api")
    EntityManager em;

    /**
     * Writes one entry in a transaction of its own, so that it stays even when the audited action failed and
     * rolled back.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String username, String partner, String actorKind, String actorRole, AuditAction action, String keyId,
                       int status, String detail, String clientIp, String requestId) {
        em.persist(AuditEntryEntity.own(UUID.randomUUID().toString(), Instant.now().truncatedTo(ChronoUnit.MILLIS), username,
                partner, actorKind, actorRole, action, keyId, status, detail, clientIp, requestId));
    }

    /**
     * Copies entries of the provider's audit feed, in one transaction: an entry whose id is already here is skipped,
     * so copying again changes nothing.
     *
     * @return how many were new
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int copy(List<AuditEntryEntity> copies) {
        if (copies.isEmpty()) {
            return 0;
        }
        Set<String> present = new HashSet<>(em.createQuery("select e.id from AuditEntryEntity e where e.id in :ids", String.class)
                .setParameter("ids", copies.stream().map(AuditEntryEntity::id).toList())
                .getResultList());
        int added = 0;
        for (AuditEntryEntity copy : copies) {
            if (present.add(copy.id())) {
                em.persist(copy);
                added++;
            }
        }
        return added;
    }

    /** The provider's feed sequence and id of the entry copied last. */
    public record LastCopy(long seq, String id) {
    }

    /** The copy with the highest feed sequence of the provider, empty when none was copied yet. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<LastCopy> lastCopy() {
        return em.createQuery("select e.providerSeq, e.id from AuditEntryEntity e where e.providerSeq = "
                        + "(select max(c.providerSeq) from AuditEntryEntity c)", Object[].class)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .map(row -> new LastCopy((Long) row[0], (String) row[1]));
    }

    /** One page of {@code partner}'s entries, newest first, ordered by (time, id) so that pages never skip or repeat. */
    @Transactional(Transactional.TxType.SUPPORTS)
    AuditPage page(String partner, AuditQuery query) {
        StringBuilder jpql = new StringBuilder("select e from AuditEntryEntity e where e.partner = :partner");
        if (query.from() != null) {
            jpql.append(" and e.occurredAt >= :from");
        }
        if (query.to() != null) {
            jpql.append(" and e.occurredAt < :to");
        }
        if (query.action() != null) {
            jpql.append(" and e.action = :action");
        }
        if (query.cursor() != null) {
            jpql.append(" and (e.occurredAt < :cursorAt or (e.occurredAt = :cursorAt and e.id < :cursorId))");
        }
        jpql.append(" order by e.occurredAt desc, e.id desc");
        TypedQuery<AuditEntryEntity> select = em.createQuery(jpql.toString(), AuditEntryEntity.class)
                .setParameter("partner", partner)
                .setMaxResults(query.limit() + 1);
        if (query.from() != null) {
            select.setParameter("from", query.from());
        }
        if (query.to() != null) {
            select.setParameter("to", query.to());
        }
        if (query.action() != null) {
            select.setParameter("action", query.action());
        }
        if (query.cursor() != null) {
            select.setParameter("cursorAt", query.cursor().at()).setParameter("cursorId", query.cursor().id());
        }
        List<AuditEntryEntity> rows = select.getResultList();
        boolean hasMore = rows.size() > query.limit();
        List<AuditEntryEntity> page = hasMore ? rows.subList(0, query.limit()) : rows;
        String next = hasMore ? new AuditCursor(page.get(page.size() - 1).at(), page.get(page.size() - 1).id()).encode() : null;
        return new AuditPage(page.stream().map(AuditEntryEntity::toEntry).toList(), hasMore, next);
    }
}
