package dev.partnertokens.api.security;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import dev.partnertokens.api.problems.Problems;

/** The RFC 6750 answers to a request without a usable token, with an RFC 9457 problem body. */
final class TokenProblems {

    private TokenProblems() {
    }

    static Response missingToken() {
        return unauthorized("Bearer realm=\"partner-api\"", "This endpoint needs an access token.");
    }

    static Response invalidToken() {
        return unauthorized("Bearer realm=\"partner-api\", error=\"invalid_token\"",
                "The access token is invalid, expired, or was not issued for this API.");
    }

    static Response insufficientScope(Permission permission) {
        return Problems.problem(Response.Status.FORBIDDEN, "This endpoint needs the " + permission + " permission.")
                .header(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer realm=\"partner-api\", error=\"insufficient_scope\", scope=\"" + permission + "\"")
                .build();
    }

    static Response insufficientApiScope(String scope) {
        return Problems.problem(Response.Status.FORBIDDEN, "This endpoint needs the API scope " + scope + ".")
                .header(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer realm=\"partner-api\", error=\"insufficient_scope\", scope=\"" + scope + "\"")
                .build();
    }

    static Response keycloakUnavailable() {
        return Problems.problem(Response.Status.SERVICE_UNAVAILABLE, "Keycloak could not be reached in time; try again shortly.")
                .header("Retry-After", "5")
                .build();
    }

    /** Keycloak's brute-force guard throttles the credentials presented (or their address). */
    static Response throttled(long retryAfterSeconds) {
        return Problems.problem(Response.Status.TOO_MANY_REQUESTS,
                        "Too many failed authentications; try again in " + retryAfterSeconds + " seconds.")
                .header("Retry-After", String.valueOf(retryAfterSeconds))
                .build();
    }

    /** Fail closed: the revocation feed has not been read yet, or not recently enough, to judge a valid token. */
    static Response revocationsUnknown() {
        return Problems.problem(Response.Status.SERVICE_UNAVAILABLE,
                        "The partner API cannot currently tell whether tokens were revoked; try again shortly.")
                .header("Retry-After", "5")
                .build();
    }

    private static Response unauthorized(String challenge, String detail) {
        return Problems.problem(Response.Status.UNAUTHORIZED, detail)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .build();
    }
}
