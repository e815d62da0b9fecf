package dev.partnertokens.api.security;

import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Checks an access token against the partner realm: RS256 signature by a key of the realm's JWKS, issuer,
 * audience, expiry. One parser for the whole application, so the JWKS is fetched once and refreshed only on an
 * unknown {@code kid} (key rotation), never per request.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String jwksLocation;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    Set<String> audiences;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "5")
    int clockSkewSeconds;

    @Inject
    @ConfigProperty(name = "smallrye.jwt.jwks.refresh-interval", defaultValue = "60")
    int jwksRefreshMinutes;

    @Inject
    @ConfigProperty(name = "smallrye.jwt.jwks.forced-refresh-interval", defaultValue = "30")
    int forcedJwksRefreshSeconds;

    private JWTParser parser;

    @PostConstruct
    void configure() {
        JWTAuthContextInfo context = new JWTAuthContextInfo(jwksLocation, issuer);
        context.setExpectedAudience(audiences);
        context.setSignatureAlgorithm(SignatureAlgorithm.RS256);
        context.setClockSkew(clockSkewSeconds);
        context.setJwksRefreshInterval(jwksRefreshMinutes);
        context.setForcedJwksRefreshInterval(forcedJwksRefreshSeconds);
        parser = new DefaultJWTParser(context);
        LOG.infof("Checking tokens of issuer %s for audience %s against %s", issuer, audiences, jwksLocation);
    }

    /** The verified token, or empty when it is not one this API accepts. Never throws for a bad token. */
    public Optional<JsonWebToken> verify(String token) {
        try {
            return Optional.of(parser.parse(token));
        } catch (ParseException | RuntimeException e) {
            LOG.debugf("Refused a token: %s", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
