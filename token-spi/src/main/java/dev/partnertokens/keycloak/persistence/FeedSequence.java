package dev.partnertokens.keycloak.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * Hands out the next sequence number of a feed under a row lock that the writing transaction holds until it commits
 * or rolls back. Writers of one feed therefore commit in sequence order, and a reader that remembers the highest
 * number it has seen never skips an entry (a rolled-back writer gives its number back). Key actions are rare, so the
 * lock is not a bottleneck; aggregated authentication failures are written in batches.
 */
final class FeedSequence {

    static final String REVOCATIONS = "revocations";
    static final String AUDIT = "audit";

    private FeedSequence() {
    }

    static long next(EntityManager em, String feed) {
        FeedCounterEntity counter = em.find(FeedCounterEntity.class, feed, LockModeType.PESSIMISTIC_WRITE);
        if (counter == null) {
            throw new IllegalStateException("The feed counter " + feed + " is missing; changeset 003 inserts it");
        }
        return counter.next();
    }
}
