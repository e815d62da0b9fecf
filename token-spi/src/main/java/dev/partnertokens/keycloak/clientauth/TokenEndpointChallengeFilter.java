package dev.partnertokens.keycloak.clientauth;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.ext.Provider;

/**
 * RFC 6749 §5.2: a 401 from an endpoint where clients authenticate carries {@code WWW-Authenticate}.
 *
 * <p>Keycloak answers a client id it does not know itself, before any authenticator can speak for that id, with a
 * bare {@code 401 invalid_client}; the partner-key authenticator answers every other failure with a Basic challenge.
 * Without this filter the missing header would tell a caller that a client id does not exist. It gives a 401 that
 * has no challenge the headers of {@link InvalidClient}, {@code WWW-Authenticate: Basic realm="<realm>"} and
 * {@code Cache-Control: no-store}, on the realm's OAuth endpoints
 * ({@code /realms/{realm}/protocol/openid-connect/...}) and the {@code /realms/{realm}/connect/token} alias only.
 */
@Provider
public final class TokenEndpointChallengeFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 401 || response.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)) {
            return;
        }
        List<PathSegment> path = request.getUriInfo().getPathSegments();
        if (isClientAuthenticationEndpoint(path)) {
            response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, InvalidClient.challenge(path.get(1).getPath()));
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
            response.getHeaders().putSingle("Pragma", "no-cache");
        }
    }

    private static boolean isClientAuthenticationEndpoint(List<PathSegment> path) {
        if (path.size() < 4 || !"realms".equals(path.get(0).getPath())) {
            return false;
        }
        String first = path.get(2).getPath();
        String second = path.get(3).getPath();
        return ("protocol".equals(first) && "openid-connect".equals(second) && path.size() > 4)
                || ("connect".equals(first) && "token".equals(second));
    }
}
