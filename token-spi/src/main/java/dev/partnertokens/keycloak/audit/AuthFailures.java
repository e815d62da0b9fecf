package dev.partnertokens.keycloak.audit;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed key authentications of this Keycloak node, counted in memory per realm, key and source address and written
 * to the audit log as one entry per bucket each time {@link #drain} runs (every minute by default). A flood of bad
 * secrets therefore costs at most about {@value #MAX_BUCKETS} buckets of memory and as many rows per interval, whatever its
 * size: past that, further failures only add to one overflow count per realm. Failures of client ids that are not
 * keys share one bucket per source address, so random ids cannot make new buckets either.
 */
public final class AuthFailures {

    static final int MAX_BUCKETS = 1000;
    /** The key id of the bucket that counts failures of client ids that belong to no key. */
    public static final String UNKNOWN_KEY = "(unknown)";
    private static final String OVERFLOW_ADDRESS = "(many)";

    private static final AuthFailures NODE = new AuthFailures();

    private final Map<Bucket, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** Why an authentication failed, as far as the audit trail tells (never to the caller: every answer is the same). */
    public enum Reason {
        /** a wrong secret, an unknown, revoked, expired or disabled key */
        REFUSED,
        /** the key's right secret, from an address its IP allowlist does not include */
        DISALLOWED_ADDRESS
    }

    /** The one instance of this Keycloak node. */
    public static AuthFailures ofThisNode() {
        return NODE;
    }

    /**
     * Counts one failure.
     *
     * @param keyClientId the key's client id, or {@link #UNKNOWN_KEY}
     * @param partnerId   the key's partner, {@code null} when unknown
     */
    public void count(String realmId, String keyClientId, String partnerId, String sourceAddress) {
        count(realmId, keyClientId, partnerId, sourceAddress, Reason.REFUSED);
    }

    /** Counts one failure for a reason the trail tells apart. */
    public void count(String realmId, String keyClientId, String partnerId, String sourceAddress, Reason reason) {
        Bucket bucket = new Bucket(realmId, keyClientId, partnerId, sourceAddress == null ? "" : sourceAddress, reason);
        AtomicInteger count = counts.get(bucket);
        if (count == null) {
            if (counts.size() >= MAX_BUCKETS) {
                bucket = new Bucket(realmId, UNKNOWN_KEY, null, OVERFLOW_ADDRESS, Reason.REFUSED);
            }
            count = counts.computeIfAbsent(bucket, b -> new AtomicInteger());
        }
        count.incrementAndGet();
    }

    /** Takes every bucket counted so far, leaving none. */
    public Map<Bucket, Integer> drain() {
        Map<Bucket, Integer> drained = new java.util.HashMap<>();
        for (Bucket bucket : counts.keySet()) {
            AtomicInteger count = counts.remove(bucket);
            if (count != null) {
                drained.merge(bucket, count.get(), Integer::sum);
            }
        }
        return drained;
    }

    /** One realm, key (or unknown), source address and reason. */
    public record Bucket(String realmId, String keyClientId, String partnerId, String sourceAddress, Reason reason) {

        public Bucket {
            Objects.requireNonNull(realmId, "realmId");
            Objects.requireNonNull(keyClientId, "keyClientId");
            Objects.requireNonNull(reason, "reason");
        }

        public Bucket(String realmId, String keyClientId, String partnerId, String sourceAddress) {
            this(realmId, keyClientId, partnerId, sourceAddress, Reason.REFUSED);
        }
    }
}
