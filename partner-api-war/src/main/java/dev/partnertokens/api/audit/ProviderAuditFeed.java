package dev.partnertokens.api.audit;

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
 * Copies the provider's audit feed into the audit trail from deployment to undeployment, on a managed thread, with
 * the partner API's service account ({@code manage-partner-keys}). Settings: {@code partner-api.audit.feed-url}
 * (default: the feed of every node of {@code partner-api.feeds.realm-urls}, tried in order, or else
 * {@code <mp.jwt.verify.issuer>/partners/api/v2/audit}; {@link KeycloakFeeds}), {@code partner-api.audit.wait-seconds} (the long
 * poll's wait, 1..25, default 20).
 */
@ApplicationScoped
public class ProviderAuditFeed {

    private static final Logger LOG = Logger.getLogger(ProviderAuditFeed.class);

    @Inject
    AuditTrail trail;

    @Inject
    KeycloakFeeds keycloakFeeds;

    @Inject
    @ConfigProperty(name = "partner-api.audit.feed-url")
    Optional<String> configuredFeedUrl;

    @Inject
    @ConfigProperty(name = "partner-api.audit.wait-seconds", defaultValue = "20")
    int waitSeconds;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ThreadFactory threads;

    private FeedNodes feed;
    private FeedLoop loop;

    void start(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        int wait = Math.min(Math.max(waitSeconds, 1), 25);
        feed = keycloakFeeds.nodes("provider's audit feed", "/partners/api/v2/audit", configuredFeedUrl);
        String feedUrl = String.join(", then ", feed.urls());
        ProviderAuditReader reader = new ProviderAuditReader(feed, wait, trail::lastCopy, trail::copy);
        loop = new FeedLoop("provider's audit feed", reader::pollOnce, Duration.ofSeconds(1), Duration.ofSeconds(5));
        loop.start(threads);
        LOG.infof("Copying the provider's audit feed %s into the audit trail", feedUrl);
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
}
