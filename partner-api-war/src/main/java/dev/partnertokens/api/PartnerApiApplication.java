package dev.partnertokens.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The partner API: the dashboard's management endpoints and the partner-facing endpoints, all under {@code /api}.
 *
 * <p>Tokens are checked with WildFly's MicroProfile JWT implementation (SmallRye JWT) by
 * {@link dev.partnertokens.api.security.PartnerAuthenticationFilter}, not by a servlet authentication mechanism: that
 * way this API alone decides what a refused request is told (RFC 6750), and a bad token can never become a 500. Whether
 * a token was revoked the filter asks {@link dev.partnertokens.api.revocation.RevocationList}, which the provider's
 * revocation feed keeps current.
 */
@ApplicationPath("/api")
public class PartnerApiApplication extends Application {
}
