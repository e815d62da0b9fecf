package dev.partnertokens.keycloak.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The error body of the tokens API and the partner endpoints.
 *
 * @param code    {@code INVALID_INPUT}, {@code UNAUTHORIZED}, {@code FORBIDDEN}, {@code TOKEN_NOT_FOUND}
 * @param details what exactly was wrong, for example {@code {"field": "name"}}; may be {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String code, String message, Object details) {
}
