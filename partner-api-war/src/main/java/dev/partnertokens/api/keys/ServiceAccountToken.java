package dev.partnertokens.api.keys;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.partnertokens.api.security.KeycloakTokenEndpoint;
import dev.partnertokens.api.security.KeycloakUnavailableException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The partner API's own access token (client credentials of its service account, which holds
 * {@code manage-partner-keys}), kept until {@value #EARLY_EXPIRY_SECONDS} seconds before it expires. No person's
 * token is ever sent to Keycloak's tokens API.
 */
@ApplicationScoped
public class ServiceAccountToken {

    static final long EARLY_EXPIRY_SECONDS = 30;

    @Inject
    KeycloakTokenEndpoint keycloak;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.client-id")
    String clientId;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.client-secret")
    String clientSecret;

    private volatile Cached cached;

    /** A service-account token outside CDI, for example in a unit test against a fake Keycloak. */
    public static ServiceAccountToken of(KeycloakTokenEndpoint keycloak, String clientId, String clientSecret) {
        ServiceAccountToken token = new ServiceAccountToken();
        token.keycloak = keycloak;
        token.clientId = clientId;
        token.clientSecret = clientSecret;
        return token;
    }

    /**
     * A valid access token of the partner API's service account.
     *
     * @throws KeycloakUnavailableException when Keycloak cannot be reached in time or refuses the service account
     */
    public String get() {
        Cached current = cached;
        if (current != null && current.validUntil().isAfter(Instant.now())) {
            return current.token();
        }
        synchronized (this) {
            if (cached == null || !cached.validUntil().isAfter(Instant.now())) {
                cached = fetch();
            }
            return cached.token();
        }
    }

    /** Forgets the token, for example after Keycloak refused it. */
    public void forget() {
        cached = null;
    }

    private Cached fetch() {
        // A refused service account is a misconfiguration of this API, not the caller's fault: 503 as well.
        KeycloakTokenEndpoint.IssuedToken issued = keycloak.clientCredentials(form(clientId) + ":" + form(clientSecret))
                .orElseThrow(KeycloakUnavailableException::new);
        return new Cached(issued.accessToken(), issued.usableUntil(EARLY_EXPIRY_SECONDS));
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Cached(String token, Instant validUntil) {
    }
}
