package dev.partnertokens.keycloak.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The brute-force guard's rule: failed key authentications are counted per source address, per (address, key id) and
 * per key id in fixed windows of {@link Limits#window()} (aligned on the epoch, so every node of a cluster agrees on
 * them without talking), and a request is throttled until its window ends when
 * <ol>
 *   <li>{@link Rule#ADDRESS}: its address failed {@link Limits#perAddress()} times in the window, whatever the ids;</li>
 *   <li>{@link Rule#ADDRESS_AND_KEY}: its address failed {@link Limits#perAddressAndKey()} times with this key id;</li>
 *   <li>{@link Rule#KEY}: the key id failed {@link Limits#perKey()} times from all addresses together (guessing
 *       spread over many addresses), and this address itself failed with this key id at least once. An address that
 *       has not failed with the key is never throttled by this rule, so a stranger cannot lock a partner out.</li>
 * </ol>
 * The rule does not know whether a key id exists: an unknown id is counted and throttled exactly as a real one.
 *
 * <p>The counts live in a {@link Store} shared by the nodes (Keycloak's single-use object store), which offers only
 * an atomic put-if-absent and a look-up: a counter is a row of slots {@code 1..limit}, and a failure takes the first
 * free slot. Slots are always taken in order, so the taken ones are a prefix (found by a binary search) and the
 * count is exact under concurrency, across nodes. A counter whose last slot is taken is full: that is the throttle.
 * A request from an address with no failure in the window costs one look-up.
 */
public final class BruteForceRules {

    /** What the guard needs of the shared store; both operations must be atomic across the nodes that share it. */
    public interface Store {

        boolean contains(String key);

        /** Stores the key for at least {@code lifespanSeconds} unless it is there; whether it was not. */
        boolean putIfAbsent(String key, long lifespanSeconds);
    }

    /** Which rule throttles. */
    public enum Rule {
        ADDRESS, ADDRESS_AND_KEY, KEY
    }

    /**
     * The realm's limits: failures allowed per window before requests are throttled until the window ends.
     *
     * @param enabled whether the guard counts and throttles at all
     */
    public record Limits(boolean enabled, Duration window, int perAddress, int perAddressAndKey, int perKey) {

        public Limits {
            Objects.requireNonNull(window, "window");
            if (window.toSeconds() < 1 || perAddress < 1 || perAddressAndKey < 1 || perKey < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    /** A throttled request: by which rule, and until when (the end of the window). */
    public record Throttle(Rule rule, Instant until) {

        /** Whole seconds from {@code now} until the throttle ends, at least 1 (an HTTP {@code Retry-After}). */
        public long retryAfterSeconds(Instant now) {
            long millis = Duration.between(now, until).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }
    }

    /** A counter that one failure filled: from now on its rule throttles until {@code until}. */
    public record Reached(Rule rule, int failures, Instant until) {
    }

    private static final String PREFIX = "ptg:";

    private final Store store;
    private final String scope;
    private final Limits limits;

    /**
     * @param scope what the counts belong to (a realm id): counts of different scopes never mix
     */
    public BruteForceRules(Store store, String scope, Limits limits) {
        this.store = Objects.requireNonNull(store, "store");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Whether a request with this key id from this address is throttled now. Decided before the secret is looked at.
     *
     * @param address the source address; {@code null} when unknown
     */
    public Optional<Throttle> check(String address, String keyId, Instant now) {
        if (!limits.enabled()) {
            return Optional.empty();
        }
        Counters counters = counters(address, keyId, now);
        if (!store.contains(slot(counters.address, 1))) {
            return Optional.empty(); // no failure from this address in this window: nothing can throttle it
        }
        Rule rule = null;
        if (store.contains(slot(counters.address, limits.perAddress()))) {
            rule = Rule.ADDRESS;
        } else if (store.contains(slot(counters.pair, limits.perAddressAndKey()))) {
            rule = Rule.ADDRESS_AND_KEY;
        } else if (store.contains(slot(counters.key, limits.perKey())) && store.contains(slot(counters.pair, 1))) {
            rule = Rule.KEY;
        }
        return rule == null ? Optional.empty() : Optional.of(new Throttle(rule, counters.windowEnd));
    }

    /**
     * Counts one failed authentication.
     *
     * @return the counters this failure filled (each is filled by exactly one failure per window, on whichever node)
     */
    public List<Reached> failed(String address, String keyId, Instant now) {
        if (!limits.enabled()) {
            return List.of();
        }
        Counters counters = counters(address, keyId, now);
        long lifespan = Math.max(1, Duration.between(now, counters.windowEnd).toSeconds() + 1);
        List<Reached> reached = new ArrayList<>(3);
        count(counters.address, limits.perAddress(), lifespan, Rule.ADDRESS, counters.windowEnd, reached);
        count(counters.pair, limits.perAddressAndKey(), lifespan, Rule.ADDRESS_AND_KEY, counters.windowEnd, reached);
        count(counters.key, limits.perKey(), lifespan, Rule.KEY, counters.windowEnd, reached);
        return reached;
    }

    private void count(String counter, int limit, long lifespan, Rule rule, Instant until, List<Reached> reached) {
        int taken = takenSlots(counter, limit);
        for (int slot = taken + 1; slot <= limit; slot++) {
            if (store.putIfAbsent(slot(counter, slot), lifespan)) {
                if (slot == limit) {
                    reached.add(new Reached(rule, limit, until));
                }
                return;
            }
        }
        // full already: the failure changes nothing
    }

    /** How many slots of the counter are taken (they are a prefix of 1..limit). */
    private int takenSlots(String counter, int limit) {
        int low = 0;
        int high = limit;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (store.contains(slot(counter, middle))) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private Counters counters(String address, String keyId, Instant now) {
        long windowSeconds = limits.window().toSeconds();
        long window = Math.floorDiv(now.getEpochSecond(), windowSeconds);
        String base = PREFIX + scope + ":" + windowSeconds + ":" + window + ":";
        String from = address == null || address.isEmpty() ? "-" : address;
        String key = digest(keyId == null ? "" : keyId);
        return new Counters(base + "a:" + from, base + "p:" + from + ":" + key, base + "k:" + key,
                Instant.ofEpochSecond((window + 1) * windowSeconds));
    }

    private static String slot(String counter, int slot) {
        return counter + "#" + slot;
    }

    /** Key ids are whatever a caller sent: stored as a short digest, so that no caller chooses the store's keys. */
    private static String digest(String keyId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(keyId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Counters(String address, String pair, String key, Instant windowEnd) {
    }
}
