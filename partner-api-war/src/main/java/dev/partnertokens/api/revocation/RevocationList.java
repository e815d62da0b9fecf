package dev.partnertokens.api.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The provider's revocation feed in memory (ADR 0007), indexed by kind and subject, so that judging a token is three
 * hash lookups and never a call to Keycloak. Fails closed: until the feed's snapshot has been read, and whenever its
 * last answer is older than {@code partner-api.revocation.max-staleness-seconds}, it {@linkplain Verdict#CANNOT_TELL
 * cannot tell} whether a token was revoked. Entries are dropped {@link #RETENTION} after they were recorded (by the
 * provider's clock): no token they concern is still valid.
 */
@ApplicationScoped
public class RevocationList {

    /** The longest token lifetime (7 days) and a margin, as the provider keeps them. */
    public static final Duration RETENTION = Duration.ofDays(7).plusHours(1);
    private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(RevocationList.class);

    /** What the list says of a verified token. */
    public enum Verdict {
        ACCEPTED, REFUSED, CANNOT_TELL
    }

    @Inject
    @ConfigProperty(name = "partner-api.revocation.max-staleness-seconds", defaultValue = "30")
    long maxStalenessSeconds;

    Clock clock = Clock.systemUTC();

    private record Subject(Revocation.Kind kind, String id) {
    }

    private final Map<Subject, List<Revocation>> bySubject = new ConcurrentHashMap<>();
    private final List<Consumer<String>> keyListeners = new CopyOnWriteArrayList<>();
    private volatile boolean loaded;
    private volatile Instant lastAnswer = Instant.EPOCH;
    private volatile long lastPruneProviderMillis;
    private final CountDownLatch firstSnapshot = new CountDownLatch(1);

    /** {@link Verdict#CANNOT_TELL} while the feed is not current, else whether an entry refuses the token. */
    public Verdict verdict(JsonWebToken token) {
        if (!canTell()) {
            return Verdict.CANNOT_TELL;
        }
        return refuses(token) ? Verdict.REFUSED : Verdict.ACCEPTED;
    }

    /** Whether an entry of the list refuses this (verified) token, by the rules of ADR 0007. */
    public boolean refuses(JsonWebToken token) {
        if (bySubject.isEmpty()) {
            return false;
        }
        TokenFacts facts = TokenFacts.of(token);
        return refusedBy(Revocation.Kind.KEY, facts.keyClientId(), facts)
                || refusedBy(Revocation.Kind.PARTNER, facts.partnerId(), facts)
                || refusedBy(Revocation.Kind.TOKEN, facts.tokenId(), facts);
    }

    /** Whether the snapshot has been read and the feed answered within the allowed staleness. */
    public boolean canTell() {
        return loaded && !clock.instant().isAfter(lastAnswer.plusSeconds(maxStalenessSeconds));
    }

    /** How old the feed's last answer may be before the list can no longer tell. */
    public Duration maxStaleness() {
        return Duration.ofSeconds(maxStalenessSeconds);
    }

    /** Calls {@code listener} with the key's client id whenever an entry about a key arrives, whatever its reason. */
    public void onKeyEntry(Consumer<String> listener) {
        keyListeners.add(listener);
    }

    /** How many entries the list holds. */
    public int size() {
        return bySubject.values().stream().mapToInt(List::size).sum();
    }

    /** Adds entries of the feed; ones this API cannot read are logged and left out. */
    void add(Collection<RevocationEntry> entries) {
        for (RevocationEntry entry : entries) {
            Revocation.of(entry).ifPresentOrElse(this::add,
                    () -> LOG.warnf("Ignored a revocation entry this API cannot read (seq %s, kind %s)",
                            entry == null ? null : entry.seq(), entry == null ? null : entry.kind()));
        }
    }

    private void add(Revocation revocation) {
        bySubject.merge(new Subject(revocation.kind(), revocation.subject()), List.of(revocation), (known, added) -> {
            if (known.stream().anyMatch(r -> r.seq() == revocation.seq())) {
                return known;
            }
            List<Revocation> all = new ArrayList<>(known);
            all.addAll(added);
            return List.copyOf(all);
        });
        if (revocation.kind() == Revocation.Kind.KEY) {
            keyListeners.forEach(listener -> listener.accept(revocation.subject()));
        }
    }

    /** When the feed last answered (the staleness bound counts from here). */
    Instant lastAnswer() {
        return lastAnswer;
    }

    /** The feed answered now; {@code caughtUp}: with every entry up to its {@code last}, so the list is complete. */
    void answered(boolean caughtUp) {
        lastAnswer = clock.instant();
        if (caughtUp && !loaded) {
            loaded = true;
            firstSnapshot.countDown();
            LOG.infof("Revocation list loaded: %d entries", size());
        }
    }

    /** Waits until the feed's snapshot has been read for the first time; whether it has. */
    boolean awaitFirstSnapshot(Duration patience) throws InterruptedException {
        return firstSnapshot.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Forgets everything: the list cannot tell again until a new snapshot has been read. */
    void startOver() {
        loaded = false;
        bySubject.clear();
    }

    /**
     * Drops the entries recorded more than {@link #RETENTION} before {@code providerNowMillis}, at most once a minute
     * of the provider's clock.
     */
    void prune(long providerNowMillis) {
        if (providerNowMillis - lastPruneProviderMillis < PRUNE_INTERVAL.toMillis()) {
            return;
        }
        lastPruneProviderMillis = providerNowMillis;
        long horizon = providerNowMillis - RETENTION.toMillis();
        for (Subject subject : List.copyOf(bySubject.keySet())) {
            bySubject.computeIfPresent(subject, (s, revocations) -> {
                List<Revocation> kept = revocations.stream().filter(r -> r.recordedAt() >= horizon).toList();
                return kept.isEmpty() ? null : kept;
            });
        }
    }

    private boolean refusedBy(Revocation.Kind kind, String subject, TokenFacts facts) {
        if (subject == null) {
            return false;
        }
        List<Revocation> revocations = bySubject.get(new Subject(kind, subject));
        if (revocations == null) {
            return false;
        }
        for (Revocation revocation : revocations) {
            if (revocation.refuses(facts)) {
                return true;
            }
        }
        return false;
    }
}
