package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

/** What the tests expect of an answer, said once: RFC 6749 errors and the tokens API's error bodies. */
final class Answers {

    static final String BASIC_CHALLENGE = "Basic realm=\"" + PartnerRealm.REALM + "\"";

    private Answers() {
    }

    /** RFC 6749 §5.2: 401, {@code invalid_client}, a Basic challenge, JSON, not cached. */
    static JsonNode assertInvalidClient(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(Http.header(response, "WWW-Authenticate")).as("WWW-Authenticate").isEqualTo(BASIC_CHALLENGE);
        assertThat(Http.header(response, "Content-Type")).startsWith("application/json");
        assertThat(Http.header(response, "Cache-Control")).contains("no-store");
        JsonNode body = Http.json(response);
        assertThat(body.path("error").asText()).as(response.body()).isEqualTo("invalid_client");
        return body;
    }

    /** An RFC 6749 §5.2 error with this status and code, as JSON. */
    static JsonNode assertOAuthError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Http.header(response, "Content-Type")).startsWith("application/json");
        JsonNode body = Http.json(response);
        assertThat(body.path("error").asText()).as(response.body()).isEqualTo(error);
        return body;
    }

    /** {@code {"status","code","message"}} with this status and code, as JSON. */
    static JsonNode assertApiError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Http.header(response, "Content-Type")).as(response.body()).startsWith("application/json");
        JsonNode body = Http.json(response);
        assertThat(body.path("status").asInt()).as(response.body()).isEqualTo(status);
        assertThat(body.path("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(body.path("message").asText()).as(response.body()).isNotBlank();
        return body;
    }

    /** 401 {@code UNAUTHORIZED} with a Basic challenge. */
    static JsonNode assertUnauthorized(HttpResponse<String> response) {
        JsonNode body = assertApiError(response, 401, "UNAUTHORIZED");
        assertThat(Http.header(response, "WWW-Authenticate")).as("WWW-Authenticate").startsWith("Basic");
        return body;
    }

    static JsonNode assertForbidden(HttpResponse<String> response) {
        return assertApiError(response, 403, "FORBIDDEN");
    }

    static JsonNode assertTokenNotFound(HttpResponse<String> response) {
        return assertApiError(response, 404, "TOKEN_NOT_FOUND");
    }

    /** 400 {@code INVALID_INPUT} whose details name {@code field}. */
    static JsonNode assertInvalidInput(HttpResponse<String> response, String field) {
        JsonNode body = assertApiError(response, 400, "INVALID_INPUT");
        assertThat(body.path("details").path("field").asText()).as(response.body()).isEqualTo(field);
        return body;
    }
}
