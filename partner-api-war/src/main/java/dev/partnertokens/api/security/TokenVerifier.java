package dev.partnertokens.api.security;

import java.security.PublicKey;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jose4j.jws.JsonWebSignature;

/**
 * Checks an access token of the partner realm: at most {@value #MAX_LENGTH} characters; header {@code alg} RS256
 * with a {@code kid} of the realm's JWKS and no {@code jku}, {@code x5u}, {@code jwk} or {@code x5c} (keys are
 * never taken from the token); the key found by {@link RealmKeys}; signature, issuer, audience, expiry and
 * not-before checked by SmallRye JWT (MicroProfile JWT); and Keycloak's {@code typ} must be {@code Bearer}, so an
 * ID or refresh token is refused.
 */
@ApplicationScoped
public class TokenVerifier {

    static final int MAX_LENGTH = 8192;
    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);
    private static final Set<String> KEY_BEARING_HEADERS = Set.of("jku", "x5u", "jwk", "x5c");

    @Inject
    RealmKeys realmKeys;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    Set<String> audiences;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "5")
    int clockSkewSeconds;

    private JWTParser parser;
    private final VerifiedTokens verified = new VerifiedTokens();

    @PostConstruct
    void configure() {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setIssuedBy(issuer);
        context.setExpectedAudience(audiences);
        context.setSignatureAlgorithm(SignatureAlgorithm.RS256);
        context.setClockSkew(clockSkewSeconds);
        parser = new DefaultJWTParser(context);
        LOG.infof("Checking tokens of issuer %s for audience %s", issuer, audiences);
    }

    /**
     * The verified token, or empty when it is not one this API accepts. Never throws for a bad token. A token that
     * passed every check is remembered (by its SHA-256) until it expires, so a client that sends the same token
     * again is not checked from scratch (only whether the realm still publishes its key); any other string, however
     * similar, is.
     */
    public Optional<JsonWebToken> verify(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Optional<VerifiedTokens.Verified> known = verified.get(token);
        if (known.isPresent()) {
            return realmKeys.publishes(known.get().kid()) ? Optional.of(known.get().token()) : Optional.empty();
        }
        Optional<VerifiedTokens.Verified> checked = checkSigned(token);
        checked.ifPresent(jwt -> verified.remember(token, jwt, clockSkewSeconds));
        return checked.map(VerifiedTokens.Verified::token);
    }

    /** Every check, from scratch, remembering nothing. */
    Optional<JsonWebToken> check(String token) {
        return checkSigned(token).map(VerifiedTokens.Verified::token);
    }

    private Optional<VerifiedTokens.Verified> checkSigned(String token) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token);
            String kid = jws.getKeyIdHeaderValue();
            if (!"RS256".equals(jws.getAlgorithmHeaderValue()) || kid == null || kid.isEmpty()
                    || KEY_BEARING_HEADERS.stream().anyMatch(name -> jws.getHeaders().getObjectHeaderValue(name) != null)) {
                return Optional.empty();
            }
            Optional<PublicKey> key = realmKeys.keyFor(jws);
            if (key.isEmpty()) {
                return Optional.empty();
            }
            JsonWebToken jwt = parser.verify(token, key.get());
            return "Bearer".equals(jwt.getClaim("typ")) ? Optional.of(new VerifiedTokens.Verified(jwt, kid)) : Optional.empty();
        } catch (Exception e) {
            LOG.debugf("Refused a token: %s", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
