package dev.partnertokens.api.dashboard;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the dashboard page signs people in: the realm that issues the tokens the partner API accepts
 * ({@code mp.jwt.verify.issuer}, so the page and the token check can never disagree) and the public client
 * {@code partner-api.dashboard.client-id}.
 */
@ApplicationScoped
public class DashboardSettings {

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "partner-api.dashboard.client-id", defaultValue = "partner-dashboard")
    String clientId;

    public String issuer() {
        return issuer;
    }

    public String clientId() {
        return clientId;
    }

    /** {@code scheme://host[:port]} of the issuer: the only other origin the page may talk to or send a form to. */
    public String keycloakOrigin() {
        return originOf(issuer);
    }

    static String originOf(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute URL: " + url);
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
