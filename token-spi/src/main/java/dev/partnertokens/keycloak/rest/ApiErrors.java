package dev.partnertokens.keycloak.rest;

import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.partnertokens.keycloak.domain.InvalidInputException;

/** The answers of the tokens API and the partner endpoints when something is wrong. 401 is "who are you?", 403 "no". */
final class ApiErrors {

    private ApiErrors() {
    }

    static Response invalidInput(InvalidInputException e) {
        return invalidInput(e.field(), e.getMessage());
    }

    static Response invalidInput(String field, String message) {
        return error(400, "INVALID_INPUT", message, Map.of("field", field)).build();
    }

    static Response unauthorized(String realm, String message) {
        return error(401, "UNAUTHORIZED", message, null)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\"")
                .build();
    }

    /** 401 for an endpoint that takes only bearer tokens: the challenge says so (RFC 6750). */
    static Response bearerUnauthorized(String realm, String message) {
        return error(401, "UNAUTHORIZED", message, null)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm + "\"")
                .build();
    }

    /** 429: the brute-force guard throttles the caller's address; {@code Retry-After} says for how many seconds. */
    static Response tooManyRequests(dev.partnertokens.keycloak.guard.Throttled throttled) {
        return error(429, "TOO_MANY_REQUESTS", throttled.message(), null)
                .header("Retry-After", String.valueOf(throttled.retryAfterSeconds()))
                .build();
    }

    static Response forbidden(String message) {
        return error(403, "FORBIDDEN", message, null).build();
    }

    static Response notFound(String code, String message) {
        return error(404, code, message, null).build();
    }

    static Response conflict(String message) {
        return error(409, "CONFLICT", message, null).build();
    }

    /** Any other refusal, with its own status and code. */
    static Response refused(int status, String code, String message) {
        return error(status, code, message, null).build();
    }

    static Response tokenNotFound() {
        return error(404, "TOKEN_NOT_FOUND", "No such token", null).build();
    }

    private static Response.ResponseBuilder error(int status, String code, String message, Object details) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(new ApiError(status, code, message, details));
    }
}
