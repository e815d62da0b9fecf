package dev.partnertokens.keycloak.clientauth;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * RFC 6749 §5.2: client authentication failed. One answer for a wrong secret, an unknown, disabled, revoked or
 * expired key, so that nobody learns which it was: the body is exactly the one Keycloak gives a client id it does not
 * know, and {@link TokenEndpointChallengeFilter} gives Keycloak's answer the same challenge.
 */
public final class InvalidClient {

    /** Keycloak's own description of a failed client authentication, word for word. */
    static final String DESCRIPTION = "Invalid client or Invalid client credentials";

    private InvalidClient() {
    }

    public static Response response(String realmName) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge(realmName))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuth2ErrorRepresentation("invalid_client", DESCRIPTION))
                .build();
    }

    /** {@code Basic realm="<realm>"}, the realm name as an RFC 9110 quoted string. */
    static String challenge(String realmName) {
        return "Basic realm=\"" + realmName.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
