package dev.partnertokens.api.revocation;

import java.time.Duration;
import java.util.List;

import dev.partnertokens.api.feeds.FeedNodes;
import dev.partnertokens.api.feeds.FeedUnavailableException;
import dev.partnertokens.api.feeds.ProviderFeed;
import org.jboss.logging.Logger;

/**
 * Keeps a {@link RevocationList} up to date from the provider's revocation feed: first the snapshot
 * ({@code after=0}, page after page without waiting while the provider has more), then long polls
 * ({@code after=<highest sequence read>&wait=<seconds>}). It never skips a sequence it has not received. When the
 * provider's {@code last} falls below what was read (its database was replaced), the list starts over from a new
 * snapshot. With several Keycloak nodes ({@link FeedNodes}) a node that stops answering is replaced by the next at once;
 * they share one database, so {@code after} means the same on each.
 */
final class RevocationFeedReader {

    private static final Logger LOG = Logger.getLogger(RevocationFeedReader.class);

    private final FeedNodes feed;
    private final int waitSeconds;
    private final RevocationList list;
    private long after;
    private boolean caughtUp;

    RevocationFeedReader(ProviderFeed feed, String feedUrl, int waitSeconds, RevocationList list) {
        this(FeedNodes.single("revocation feed", feed, feedUrl), waitSeconds, list);
    }

    RevocationFeedReader(FeedNodes feed, int waitSeconds, RevocationList list) {
        this.feed = feed;
        this.waitSeconds = waitSeconds;
        this.list = list;
    }

    /** One request to the feed, applied to the list. */
    void pollOnce() throws FeedUnavailableException, InterruptedException {
        int wait = caughtUp ? waitSeconds : 0;
        RevocationPage page = feed.get("?after=" + after + "&wait=" + wait, Duration.ofSeconds(wait),
                RevocationPage.class);
        if (page.last() == null) {
            throw new FeedUnavailableException("the revocation feed answered without last");
        }
        List<RevocationEntry> entries = page.entries() == null ? List.of() : page.entries();
        if (entries.isEmpty() && page.last() < after) {
            LOG.warnf("The revocation feed's last sequence %d is below the %d already read: reading its snapshot again",
                    page.last(), after);
            list.startOver();
            after = 0;
            caughtUp = false;
            return;
        }
        list.add(entries);
        long highest = entries.stream().map(RevocationEntry::seq).filter(seq -> seq != null).mapToLong(Long::longValue).max().orElse(after);
        after = Math.max(after, highest);
        caughtUp = entries.isEmpty() || after >= page.last();
        list.answered(caughtUp);
        if (page.now() != null) {
            list.prune(page.now());
        }
    }
}
