package dev.partnertokens.api.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.partnertokens.api.feeds.FeedNodes;
import dev.partnertokens.api.feeds.FeedUnavailableException;
import dev.partnertokens.api.feeds.ProviderFeed;
import org.jboss.logging.Logger;

/**
 * Copies the provider's audit feed into the partner API's audit trail: starts after the highest sequence already
 * copied (so a restart neither repeats nor skips), reads pages of {@code limit} without waiting while the provider
 * has more, then long polls. It moves past a sequence only once the page holding it was stored; an entry it cannot
 * read is logged and skipped rather than blocking every later one.
 *
 * <p>Before it goes on after a sequence copied earlier, it reads that entry again: when the provider no longer has it
 * under that sequence (its database was replaced, or the partner API now reads another Keycloak), sequences mean
 * something else there, and copying starts over from the provider's first entry (ids already present are skipped).
 */
final class ProviderAuditReader {

    static final int LIMIT = 500;
    private static final Logger LOG = Logger.getLogger(ProviderAuditReader.class);

    private final FeedNodes feed;
    private final int waitSeconds;
    private final Supplier<Optional<AuditTrail.LastCopy>> lastCopy;
    private final Function<List<AuditEntryEntity>, Integer> copy;
    private long after = -1;
    private AuditTrail.LastCopy toConfirm;
    private boolean caughtUp;

    /**
     * @param lastCopy the copy with the highest sequence already in the trail (asked once, before the first request)
     * @param copy     stores copies, skipping ids already present; answers how many were new
     */
    ProviderAuditReader(ProviderFeed feed, String feedUrl, int waitSeconds, Supplier<Optional<AuditTrail.LastCopy>> lastCopy,
                        Function<List<AuditEntryEntity>, Integer> copy) {
        this(FeedNodes.single("provider's audit feed", feed, feedUrl), waitSeconds, lastCopy, copy);
    }

    /** The same, reading the feed from the first of several Keycloak nodes that answers. */
    ProviderAuditReader(FeedNodes feed, int waitSeconds, Supplier<Optional<AuditTrail.LastCopy>> lastCopy,
                        Function<List<AuditEntryEntity>, Integer> copy) {
        this.feed = feed;
        this.waitSeconds = waitSeconds;
        this.lastCopy = lastCopy;
        this.copy = copy;
    }

    void pollOnce() throws FeedUnavailableException, InterruptedException {
        if (after < 0) {
            toConfirm = lastCopy.get().orElse(null);
            after = toConfirm == null ? 0 : toConfirm.seq() - 1;
            LOG.infof("Copying the provider's audit feed after sequence %d", toConfirm == null ? 0 : toConfirm.seq());
        }
        int wait = caughtUp ? waitSeconds : 0;
        ProviderAuditPage page = feed.get("?after=" + after + "&limit=" + LIMIT + "&wait=" + wait,
                Duration.ofSeconds(wait), ProviderAuditPage.class);
        List<ProviderAuditEntry> entries = page.entries() == null ? List.of() : page.entries();
        if (toConfirm != null) {
            AuditTrail.LastCopy expected = toConfirm;
            toConfirm = null;
            boolean continues = !entries.isEmpty() && entries.get(0) != null
                    && Long.valueOf(expected.seq()).equals(entries.get(0).seq()) && expected.id().equals(entries.get(0).id());
            if (!continues) {
                LOG.warnf("The provider's audit feed no longer has the entry copied last under sequence %d: copying from its first entry",
                        expected.seq());
                after = 0;
                return;
            }
        }
        List<AuditEntryEntity> copies = new ArrayList<>();
        long highest = after;
        for (ProviderAuditEntry entry : entries) {
            Optional<AuditEntryEntity> copied = AuditEntryEntity.copyOf(entry);
            copied.ifPresentOrElse(copies::add, () -> LOG.warnf("Skipped an audit entry of the provider this API cannot read (seq %s)",
                    entry == null ? null : entry.seq()));
            if (entry != null && entry.seq() != null) {
                highest = Math.max(highest, entry.seq());
            }
        }
        int added = copy.apply(copies);
        if (added > 0) {
            LOG.debugf("Copied %d audit entries of the provider, up to sequence %d", added, highest);
        }
        after = highest;
        caughtUp = entries.size() < LIMIT && (page.last() == null || after >= page.last());
    }

    long after() {
        return after;
    }
}
