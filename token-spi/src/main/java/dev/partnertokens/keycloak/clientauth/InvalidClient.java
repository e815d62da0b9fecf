package dev.partnertokens.keycloak.clientauth;

import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * RFC 6749 §5.2: client authentication failed. One answer for a wrong secret, an unknown, disabled, revoked or
 * expired key, so that nobody learns which it was.
 */
public final class InvalidClient {

    private InvalidClient() {
    }

    public static Response response(String realmName) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realmName + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "invalid_client", "error_description", "Invalid client credentials"))
                .build();
    }
}
