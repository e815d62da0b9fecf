package dev.partnertokens.api.keys;

import jakarta.ws.rs.core.Response;

import dev.partnertokens.api.problems.Problems;

/** Turns a refusal of the tokens API ({@code {status, code, message}}) into the matching RFC 9457 problem. */
final class TokensApiAnswers {

    private TokensApiAnswers() {
    }

    static Response problem(TokensApiRefusal refusal) {
        Response.StatusType status = Response.Status.fromStatusCode(refusal.status());
        if (status == null) {
            status = Response.Status.BAD_REQUEST;
        }
        return Problems.problem(status, refusal.getMessage()).build();
    }
}
