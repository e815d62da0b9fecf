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
        String message = "The request was refused.";
        try {
            JsonObject body = Json.createReader(new StringReader(answer.body())).readObject();
            message = body.getString("message", message);
        } catch (JsonException | ClassCastException e) {
            // Keep the generic message.
        }
        Response.StatusType status = Response.Status.fromStatusCode(answer.status());
        if (status == null) {
            status = Response.Status.BAD_REQUEST;
        }
        return Problems.problem(status, message).build();
    }
}
