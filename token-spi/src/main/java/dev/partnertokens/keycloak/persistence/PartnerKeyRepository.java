package dev.partnertokens.keycloak.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import dev.partnertokens.keycloak.domain.ListQuery;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * The partner-key rows of one realm, read and written in the request's transaction.
 *
 * <p>Revoked keys are kept (for the audit of who created them) but are invisible to the lookups that serve requests;
 * expired keys likewise.
 */
public final class PartnerKeyRepository {

    private final EntityManager em;
    private final String realmId;

    public PartnerKeyRepository(KeycloakSession session, String realmId) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realmId = realmId;
    }

    public void add(PartnerKeyEntity key) {
        em.persist(key);
    }

    /** The live key behind a Keycloak client id, or empty. */
    public Optional<PartnerKeyEntity> findByClientId(String clientId) {
        return em.createQuery("select k from PartnerKeyEntity k where k.realmId = :realm and k.clientId = :clientId"
                        + " and k.revokedAt is null", PartnerKeyEntity.class)
                .setParameter("realm", realmId)
                .setParameter("clientId", clientId)
                .getResultStream().findFirst();
    }

    /**
     * The live key with this id if it belongs to {@code partnerId}; another partner's key, a revoked key and an expired
     * key are simply not found.
     */
    public Optional<PartnerKeyEntity> findOfPartner(String partnerId, String id) {
        return em.createQuery("select k from PartnerKeyEntity k where k.realmId = :realm and k.partnerId = :partner"
                        + " and k.id = :id and k.revokedAt is null and (k.expiresAt is null or k.expiresAt > :now)",
                        PartnerKeyEntity.class)
                .setParameter("realm", realmId)
                .setParameter("partner", partnerId)
                .setParameter("id", id)
                .setParameter("now", System.currentTimeMillis())
                .getResultStream().findFirst();
    }

    /** The key of a Keycloak client, live or not. */
    public Optional<PartnerKeyEntity> findByClientUuid(String clientUuid) {
        return em.createQuery("select k from PartnerKeyEntity k where k.realmId = :realm and k.clientUuid = :client",
                        PartnerKeyEntity.class)
                .setParameter("realm", realmId)
                .setParameter("client", clientUuid)
                .getResultStream().findFirst();
    }

    /** Every key of a partner that is not revoked yet. */
    public List<PartnerKeyEntity> unrevokedOfPartner(String partnerId) {
        return em.createQuery("select k from PartnerKeyEntity k where k.realmId = :realm and k.partnerId = :partner"
                        + " and k.revokedAt is null", PartnerKeyEntity.class)
                .setParameter("realm", realmId)
                .setParameter("partner", partnerId)
                .getResultList();
    }

    /**
     * The keys of the realm, live or not, whose secret or replaced secret (a rotation's old secret) has one of these
     * stored hashes; served by the indexes of changelog 007.
     */
    public List<PartnerKeyEntity> withSecretHash(java.util.Collection<String> hashes) {
        return em.createQuery("select k from PartnerKeyEntity k where k.realmId = :realm"
                        + " and (k.secretHash in :hashes or k.oldSecretHash in :hashes)", PartnerKeyEntity.class)
                .setParameter("realm", realmId)
                .setParameter("hashes", hashes)
                .getResultList();
    }

    /** A key of the realm by its id, live or not. */
    public Optional<PartnerKeyEntity> findById(String id) {
        PartnerKeyEntity key = em.find(PartnerKeyEntity.class, id);
        return key == null || !realmId.equals(key.getRealmId()) ? Optional.empty() : Optional.of(key);
    }

    /** The realm's keys, live or not, newest first: {@code max} of them from the {@code first} (the admin console's page). */
    public List<PartnerKeyEntity> newest(int first, int max) {
        return em.createQuery("select k from PartnerKeyEntity k where k.realmId = :realm order by k.createdAt desc, k.id desc",
                        PartnerKeyEntity.class)
                .setParameter("realm", realmId)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    /** Keys of the realm whose client has a shape older than {@code shape}, at most {@code max}. */
    public List<PartnerKeyEntity> withClientShapeBefore(int shape, int max) {
        return em.createQuery("select k from PartnerKeyEntity k where k.realmId = :realm and k.clientShape < :shape",
                        PartnerKeyEntity.class)
                .setParameter("realm", realmId)
                .setParameter("shape", shape)
                .setMaxResults(max)
                .getResultList();
    }

    /** Records the shape of these keys' clients; a conditional update, as {@link #claimExpiryNotice}. */
    public int markClientShape(java.util.Collection<String> keyIds, int shape) {
        if (keyIds.isEmpty()) {
            return 0;
        }
        return em.createQuery("update PartnerKeyEntity k set k.clientShape = :shape"
                        + " where k.realmId = :realm and k.id in :ids and k.clientShape < :shape")
                .setParameter("shape", shape)
                .setParameter("realm", realmId)
                .setParameter("ids", keyIds)
                .executeUpdate();
    }

    /**
     * Marks the partner of this key as told that it expires soon, unless another transaction (another node's
     * housekeeping) did: {@code true} when this one did. A conditional update, not a change of the loaded entity: two
     * nodes that both read the key as untold cannot both claim it (the second waits for the first's row lock and then
     * finds the column set), and a housekeeping run never writes back the other columns of a key it loaded earlier
     * (a revocation committed meanwhile by another node stays).
     */
    public boolean claimExpiryNotice(String keyId, long now) {
        return em.createQuery("update PartnerKeyEntity k set k.expiryNoticeSentAt = :now"
                        + " where k.id = :id and k.realmId = :realm and k.expiryNoticeSentAt is null")
                .setParameter("now", now)
                .setParameter("id", keyId)
                .setParameter("realm", realmId)
                .executeUpdate() == 1;
    }

    /** Marks the key's "expiring soon" event as raised, unless another transaction did; see {@link #claimExpiryNotice}. */
    public boolean claimExpiringSoon(String keyId, long now) {
        return em.createQuery("update PartnerKeyEntity k set k.expiringSoonAt = :now"
                        + " where k.id = :id and k.realmId = :realm and k.expiringSoonAt is null")
                .setParameter("now", now)
                .setParameter("id", keyId)
                .setParameter("realm", realmId)
                .executeUpdate() == 1;
    }

    /**
     * The live keys that expire after {@code now} and no later than {@code until} (epoch millis) whose partner has
     * not been told yet, at most {@code max}.
     */
    public List<PartnerKeyEntity> expiringUntold(long now, long until, int max) {
        return em.createQuery("select k from PartnerKeyEntity k where k.realmId = :realm and k.revokedAt is null"
                        + " and k.expiryNoticeSentAt is null and k.expiresAt > :now and k.expiresAt <= :until"
                        + " order by k.expiresAt", PartnerKeyEntity.class)
                .setParameter("realm", realmId)
                .setParameter("now", now)
                .setParameter("until", until)
                .setMaxResults(max)
                .getResultList();
    }

    /**
     * The live keys that expire after {@code now} and no later than {@code until} (epoch millis) whose "expiring soon"
     * event was not raised yet, at most {@code max}.
     */
    public List<PartnerKeyEntity> expiringUnannounced(long now, long until, int max) {
        return em.createQuery("select k from PartnerKeyEntity k where k.realmId = :realm and k.revokedAt is null"
                        + " and k.expiringSoonAt is null and k.expiresAt > :now and k.expiresAt <= :until"
                        + " order by k.expiresAt", PartnerKeyEntity.class)
                .setParameter("realm", realmId)
                .setParameter("now", now)
                .setParameter("until", until)
                .setMaxResults(max)
                .getResultList();
    }

    /** How many keys of the realm that are not revoked hold this scope. */
    public long countHolding(String scope) {
        return em.createQuery("select count(k) from PartnerKeyEntity k where k.realmId = :realm and k.revokedAt is null"
                        + " and concat(concat(' ', k.scopes), ' ') like :scope escape '\\'", Long.class)
                .setParameter("realm", realmId)
                .setParameter("scope", "% " + likeEscaped(scope) + " %")
                .getSingleResult();
    }

    public void remove(PartnerKeyEntity key) {
        em.remove(key);
    }

    /** Removes every key row of the realm, when the realm itself is removed. */
    public void removeAll() {
        em.createQuery("delete from PartnerKeyEntity k where k.realmId = :realm").setParameter("realm", realmId).executeUpdate();
    }

    /**
     * One page of a partner's live keys in (createdAt, id) order, keyset-paginated so that concurrent inserts
     * neither skip nor repeat a key; fetches {@code limit + 1} rows so the caller can tell whether more follow.
     */
    public List<PartnerKeyEntity> page(String partnerId, ListQuery query, long expiringSoonUntil) {
        Filter filter = filter(partnerId, query, expiringSoonUntil);
        StringBuilder jpql = new StringBuilder("select k from PartnerKeyEntity k where ").append(filter.where);
        Map<String, Object> parameters = new HashMap<>(filter.parameters);
        if (query.cursor() != null) {
            jpql.append(" and (k.createdAt > :cursorCreated or (k.createdAt = :cursorCreated and k.id > :cursorId))");
            parameters.put("cursorCreated", query.cursor().createdAt().toEpochMilli());
            parameters.put("cursorId", query.cursor().id().uuid().toString());
        }
        jpql.append(" order by k.createdAt asc, k.id asc");
        TypedQuery<PartnerKeyEntity> typed = em.createQuery(jpql.toString(), PartnerKeyEntity.class);
        parameters.forEach(typed::setParameter);
        return typed.setMaxResults(query.limit() + 1).getResultList();
    }

    /** How many of a partner's live keys match the query's filters, whatever the cursor. */
    public long count(String partnerId, ListQuery query, long expiringSoonUntil) {
        Filter filter = filter(partnerId, query, expiringSoonUntil);
        TypedQuery<Long> typed = em.createQuery("select count(k) from PartnerKeyEntity k where " + filter.where, Long.class);
        filter.parameters.forEach(typed::setParameter);
        return typed.getSingleResult();
    }

    private Filter filter(String partnerId, ListQuery query, long expiringSoonUntil) {
        List<String> conditions = new ArrayList<>(List.of("k.realmId = :realm", "k.partnerId = :partner", "k.revokedAt is null",
                "(k.expiresAt is null or k.expiresAt > :now)"));
        Map<String, Object> parameters = new HashMap<>(Map.of("realm", realmId, "partner", partnerId, "now", System.currentTimeMillis()));
        if (query.name() != null) {
            conditions.add("lower(k.name) like :name escape '\\'");
            parameters.put("name", "%" + likeEscaped(query.name().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        if (query.createdAfter() != null) {
            conditions.add("k.createdAt >= :createdAfter");
            parameters.put("createdAfter", query.createdAfter().toEpochMilli());
        }
        if (query.createdBefore() != null) {
            conditions.add("k.createdAt < :createdBefore");
            parameters.put("createdBefore", query.createdBefore().toEpochMilli());
        }
        if (query.updatedAfter() != null) {
            conditions.add("k.updatedAt >= :updatedAfter");
            parameters.put("updatedAfter", query.updatedAfter().toEpochMilli());
        }
        if (query.updatedBefore() != null) {
            conditions.add("k.updatedAt < :updatedBefore");
            parameters.put("updatedBefore", query.updatedBefore().toEpochMilli());
        }
        int index = 0;
        for (String scope : query.scopes()) {
            // SCOPES is space-separated: match whole names only
            conditions.add("concat(concat(' ', k.scopes), ' ') like :scope" + index + " escape '\\'");
            parameters.put("scope" + index, "% " + likeEscaped(scope) + " %");
            index++;
        }
        if (Boolean.TRUE.equals(query.expiringSoon())) {
            conditions.add("(k.expiresAt is not null and k.expiresAt <= :soon)");
            parameters.put("soon", expiringSoonUntil);
        } else if (Boolean.FALSE.equals(query.expiringSoon())) {
            conditions.add("(k.expiresAt is null or k.expiresAt > :soon)");
            parameters.put("soon", expiringSoonUntil);
        }
        return new Filter(String.join(" and ", conditions), parameters);
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private record Filter(String where, Map<String, Object> parameters) {
    }
}
