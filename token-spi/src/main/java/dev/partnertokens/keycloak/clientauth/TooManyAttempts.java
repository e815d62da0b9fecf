package dev.partnertokens.keycloak.clientauth;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.partnertokens.keycloak.guard.Throttled;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * The token endpoint's answer to a throttled client authentication ({@link Throttled}): 429 with {@code Retry-After}
 * and an OAuth-style error body, {@code {"error":"too_many_requests","error_description":"Too many failed
 * authentications; try again in N seconds"}}. The same for a key and for an id that is no client.
 */
public final class TooManyAttempts {

    static final String ERROR = "too_many_requests";

    private TooManyAttempts() {
    }

    public static Response response(Throttled throttled) {
        return Response.status(429)
                .header("Retry-After", String.valueOf(throttled.retryAfterSeconds()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuth2ErrorRepresentation(ERROR, throttled.message()))
                .build();
    }
}
