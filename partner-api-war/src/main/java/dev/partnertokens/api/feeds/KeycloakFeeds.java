package dev.partnertokens.api.feeds;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.partnertokens.api.keys.ServiceAccountToken;
import dev.partnertokens.api.security.KeycloakTokenEndpoint;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the provider's feeds are read (ADR 0012, docs/cluster.md), from MicroProfile Config:
 * <ol>
 *   <li>the feed's own URL ({@code partner-api.revocation.feed-url}, {@code partner-api.audit.feed-url}) when set:
 *       one URL, read with the partner API's service-account token;</li>
 *   <li>otherwise {@code partner-api.feeds.realm-urls}, the realm URLs of the Keycloak nodes in order of preference
 *       (comma-separated, e.g. {@code http://kc-1:8080/realms/partners,http://kc-2:8080/realms/partners}): each node's
 *       feed is read with a service-account token from that node's own token endpoint, so a stopped node costs
 *       neither the feed nor the token;</li>
 *   <li>otherwise the issuer's realm ({@code mp.jwt.verify.issuer}), for one Keycloak or a load balancer.</li>
 * </ol>
 */
@ApplicationScoped
public class KeycloakFeeds {

    @Inject
    ServiceAccountToken serviceToken;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "partner-api.feeds.realm-urls")
    Optional<List<String>> realmUrls;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.client-id")
    String clientId;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.client-secret")
    String clientSecret;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.timeout-seconds", defaultValue = "5")
    long timeoutSeconds;

    /**
     * The nodes serving a feed.
     *
     * @param name       how logs name the feed
     * @param path       the feed's path below a realm URL, e.g. {@code /partners/api/v2/revocations}
     * @param configured the feed's own URL setting
     */
    public FeedNodes nodes(String name, String path, Optional<String> configured) {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        if (configured.isPresent() && !configured.get().isBlank()) {
            return FeedNodes.single(name, new ProviderFeed(serviceToken, timeout), configured.get().trim());
        }
        List<String> realms = realmUrls.orElse(List.of()).stream().map(String::trim).filter(url -> !url.isEmpty())
                .map(KeycloakFeeds::withoutTrailingSlash).distinct().toList();
        if (realms.isEmpty()) {
            return FeedNodes.single(name, new ProviderFeed(serviceToken, timeout), issuer + path);
        }
        return new FeedNodes(name, realms.stream().map(realm -> new FeedNodes.Node(realm + path, new ProviderFeed(
                ServiceAccountToken.of(KeycloakTokenEndpoint.at(URI.create(realm + "/protocol/openid-connect/token"), timeoutSeconds),
                        clientId, clientSecret), timeout))).toList());
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
