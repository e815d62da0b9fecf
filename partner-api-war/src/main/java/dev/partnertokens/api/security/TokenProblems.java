package dev.partnertokens.api.security;

import jakarta.json.Json;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The RFC 6750 answers to a request without a usable token, with an RFC 9457 problem body. */
final class TokenProblems {

    static final String PROBLEM_JSON = "application/problem+json";

    private TokenProblems() {
    }

    static Response missingToken() {
        return unauthorized("Bearer realm=\"partner-api\"", "This endpoint needs an access token.");
    }

    static Response invalidToken() {
        return unauthorized("Bearer realm=\"partner-api\", error=\"invalid_token\"",
                "The access token is invalid, expired, or was not issued for this API.");
    }

    private static Response unauthorized(String challenge, String detail) {
        String body = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", "Unauthorized")
                .add("status", 401)
                .add("detail", detail)
                .build().toString();
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .type(PROBLEM_JSON)
                .entity(body)
                .build();
    }
}
