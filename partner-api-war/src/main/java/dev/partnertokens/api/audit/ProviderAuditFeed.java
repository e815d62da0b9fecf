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
import dev.partnertokens.api.feeds.ProviderFeed;
import dev.partnertokens.api.keys.ServiceAccountToken;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Copies the provider's audit feed into the audit trail from deployment to undeployment, on a managed thread, with
 * the partner API's service account ({@code manage-partner-keys}). Settings: {@code partner-api.audit.feed-url}
 * (default {@code <mp.jwt.verify.issuer>/partners/api/v2/audit}), {@code partner-api.audit.wait-seconds} (the long
 * poll's wait, 1..25, default 20).
 */
@ApplicationScoped
public class ProviderAuditFeed {

    private static final Logger LOG = Logger.getLogger(ProviderAuditFeed.class);

    @Inject
    AuditTrail trail;

    @Inject
    ServiceAccountToken serviceToken;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "partner-api.audit.feed-url")
    Optional<String> configuredFeedUrl;

    @Inject
    @ConfigProperty(name = "partner-api.audit.wait-seconds", defaultValue = "20")
    int waitSeconds;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.timeout-seconds", defaultValue = "5")
    long timeoutSeconds;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ThreadFactory threads;

    private ProviderFeed feed;
    private FeedLoop loop;

    void start(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        String feedUrl = configuredFeedUrl.orElse(issuer + "/partners/api/v2/audit");
        int wait = Math.min(Math.max(waitSeconds, 1), 25);
        feed = new ProviderFeed(serviceToken, Duration.ofSeconds(timeoutSeconds));
        ProviderAuditReader reader = new ProviderAuditReader(feed, feedUrl, wait, trail::lastCopy, trail::copy);
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
