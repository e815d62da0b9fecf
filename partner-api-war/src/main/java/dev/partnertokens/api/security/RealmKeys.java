package dev.partnertokens.api.security;

import java.io.IOException;
import java.security.Key;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.http.Get;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The realm's token-signing keys from its JWKS ({@code mp.jwt.verify.publickey.location}), kept by jose4j's
 * {@link HttpsJwks} (the library SmallRye JWT verifies with): read again every {@code partner-api.jwks.refresh-seconds},
 * so a key removed from the realm stops being trusted within that time, and at once when a token names an unknown
 * {@code kid} (a new key), but at most once per {@code partner-api.jwks.min-refresh-seconds} (which bounds the scheduled
 * read too), so a flood of forged kids cannot hammer Keycloak. First read when the application starts, so the first token is not kept waiting. When
 * a read fails the keys known so far are kept for {@code partner-api.jwks.min-refresh-seconds} and the read is tried
 * again. Never fetched from a URL a token names.
 */
@ApplicationScoped
public class RealmKeys {

    private static final Logger LOG = Logger.getLogger(RealmKeys.class);

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String jwksLocation;

    @Inject
    @ConfigProperty(name = "partner-api.jwks.refresh-seconds", defaultValue = "300")
    long refreshSeconds;

    @Inject
    @ConfigProperty(name = "partner-api.jwks.min-refresh-seconds", defaultValue = "10")
    long minRefreshSeconds;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.timeout-seconds", defaultValue = "5")
    long timeoutSeconds;

    private HttpsJwks jwks;
    private HttpsJwksVerificationKeyResolver resolver;

    @PostConstruct
    void init() {
        Get get = new Get();
        get.setConnectTimeout((int) timeoutSeconds * 1000);
        get.setReadTimeout((int) timeoutSeconds * 1000);
        get.setRetries(0);
        jwks = new HttpsJwks(jwksLocation);
        jwks.setSimpleHttpGet(get);
        jwks.setDefaultCacheDuration(refreshSeconds);
        jwks.setRefreshReprieveThreshold(minRefreshSeconds * 1000);
        jwks.setRetainCacheOnErrorDuration(minRefreshSeconds);
        resolver = new HttpsJwksVerificationKeyResolver(jwks);
        LOG.infof("Signing keys from %s, read again every %d s and on an unknown kid (at most every %d s)",
                jwksLocation, Math.max(refreshSeconds, minRefreshSeconds), minRefreshSeconds);
    }

    void readAtStart(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        try {
            LOG.infof("The realm publishes %d key(s)", jwks.getJsonWebKeys().size());
        } catch (JoseException | IOException e) {
            LOG.warnf("Could not read the realm's JWKS from %s at start (%s); it is read again at the first token",
                    jwksLocation, e.getClass().getSimpleName());
        }
    }

    /** The realm's key that signed {@code jws} (by its {@code kid}), or empty when the realm has no such key. */
    public Optional<PublicKey> keyFor(JsonWebSignature jws) {
        try {
            Key key = resolver.resolveKey(jws, List.of());
            return key instanceof PublicKey publicKey ? Optional.of(publicKey) : Optional.empty();
        } catch (UnresolvableKeyException e) {
            LOG.debugf("No realm key for kid %s: %s", jws.getKeyIdHeaderValue(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether the realm still publishes a key with this id (the JWKS is read again when it is older than the refresh time). */
    public boolean publishes(String kid) {
        try {
            for (JsonWebKey key : jwks.getJsonWebKeys()) {
                if (kid.equals(key.getKeyId())) {
                    return true;
                }
            }
            return false;
        } catch (JoseException | IOException e) {
            LOG.warnf("Could not read the realm's JWKS from %s: %s", jwksLocation, e.getClass().getSimpleName());
            return false;
        }
    }
}
