package dev.partnertokens.api.revocation;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.partnertokens.api.feeds.FeedLoop;
import dev.partnertokens.api.feeds.FeedNodes;
import dev.partnertokens.api.feeds.KeycloakFeeds;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads the provider's revocation feed into the {@link RevocationList} from deployment to undeployment, on a managed
 * thread, with the partner API's service account (which needs the realm role {@code read-partner-revocations}).
 * Settings: {@code partner-api.revocation.feed-url} (default: the feed of every node of {@code partner-api.feeds.realm-urls},
 * tried in order, or else {@code <mp.jwt.verify.issuer>/partners/api/v2/revocations}; {@link KeycloakFeeds}),
 * {@code partner-api.revocation.wait-seconds} (the long poll's wait, 1..25, below the maximum staleness). The deployment
 * waits up to {@link #STARTUP_PATIENCE} for the first snapshot, so a freshly started WildFly seldom has to answer 503.
 */
@ApplicationScoped
public class RevocationFeed {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** How long the deployment waits for the first snapshot, so that the API rarely answers 503 right after a start. */
    static final Duration STARTUP_PATIENCE = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(RevocationFeed.class);

    @Inject
    RevocationList list;

    @Inject
    KeycloakFeeds keycloakFeeds;

    @Inject
    @ConfigProperty(name = "partner-api.revocation.feed-url")
    Optional<String> configuredFeedUrl;

    @Inject
    @ConfigProperty(name = "partner-api.revocation.wait-seconds", defaultValue = "20")
    int waitSeconds;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ThreadFactory threads;

    private FeedNodes feed;
    private FeedLoop loop;

    void start(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        long maxStaleness = list.maxStaleness().toSeconds();
        int wait = usableWait(waitSeconds, maxStaleness);
        feed = keycloakFeeds.nodes("revocation feed", "/partners/api/v2/revocations", configuredFeedUrl);
        String feedUrl = String.join(", then ", feed.urls());
        RevocationFeedReader reader = new RevocationFeedReader(feed, wait, list);
        loop = new FeedLoop("revocation feed", reader::pollOnce, FIRST_BACKOFF, MAX_BACKOFF);
        loop.start(threads);
        LOG.infof("Reading the revocation feed %s (long poll %d s); tokens are refused with 503 until it has been read, "
                + "and whenever it has not answered for %d s", feedUrl, wait, maxStaleness);
        try {
            if (!list.awaitFirstSnapshot(STARTUP_PATIENCE)) {
                LOG.warnf("The revocation feed could not be read within %d s of deployment; every token check answers 503 until it is",
                        STARTUP_PATIENCE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.stop();
        }
        if (feed != null) {
            feed.close();
        }
    }

    /**
     * The long poll's wait: 1 to 25 seconds (the feed's limits), and short enough that an answer comes before the list
     * turns stale.
     */
    static int usableWait(int configured, long maxStalenessSeconds) {
        int wait = Math.min(Math.max(configured, 1), 25);
        if (wait >= maxStalenessSeconds) {
            wait = (int) Math.max(1, maxStalenessSeconds / 2);
        }
        if (wait != configured) {
            LOG.warnf("partner-api.revocation.wait-seconds=%d is outside 1..25 or not below the maximum staleness %d s; using %d",
                    configured, maxStalenessSeconds, wait);
        }
        return wait;
    }
}
