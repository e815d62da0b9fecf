package dev.partnertokens.api.keys;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;

import dev.partnertokens.api.problems.Problems;

/** Turns a refusal of the tokens API ({@code {status, code, message}}) into the matching RFC 9457 problem. */
final class TokensApiAnswers {

    private TokensApiAnswers() {
    }

    static Response problem(TokensApi.Answer answer) {
        String message = messageOf(answer);
        Response.StatusType status = Response.Status.fromStatusCode(answer.status());
        if (status == null) {
            status = Response.Status.BAD_REQUEST;
        }
        return Problems.problem(status, message).build();
    }

    /** The tokens API's {@code message}, or a generic one when the answer has none. */
    static String messageOf(TokensApi.Answer answer) {
        try {
            JsonObject body = Json.createReader(new StringReader(answer.body())).readObject();
            return body.getString("message", "The request was refused.");
        } catch (JsonException | ClassCastException e) {
            return "The request was refused.";
        }
    }
}
