package dev.partnertokens.api.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;


/**
 * Lets a request through to a {@link TokenRequired} resource only with a valid access token (RFC 6750).
 *
 * <p>The token is checked by MicroProfile JWT against the realm's JWKS, issuer and audience from MicroProfile
 * Config; a missing or invalid token ends in 401 with {@code WWW-Authenticate: Bearer}.
 */
@Provider
@ApplicationScoped
@TokenRequired
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    private static final String BEARER = "bearer ";

    @Inject
    TokenVerifier verifier;

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.abortWith(TokenProblems.missingToken());
            return;
        }
        String token = authorization.substring(BEARER.length()).trim();
        verifier.verify(token).ifPresentOrElse(
                jwt -> request.setSecurityContext(new TokenSecurityContext(jwt, request.getSecurityContext().isSecure())),
                () -> request.abortWith(TokenProblems.invalidToken()));
    }
}
