package dev.partnertokens.keycloak.domain;

import java.util.Objects;

/**
 * Client input that breaks a rule; the REST layer turns it into {@code 400 INVALID_INPUT}.
 *
 * <p>The message is meant for the client: it names the field and says what is expected. It never
 * contains a secret, and any echoed input is quoted, shortened and escaped.
 */
public final class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   the request field or query parameter at fault, never {@code null}
     * @param message what is wrong, for the client, never {@code null}
     * @throws NullPointerException if an argument is {@code null}
     */
    public InvalidInputException(String field, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The request field or query parameter at fault, for example {@code name} or {@code limit}; never {@code null}. */
    public String field() {
        return field;
    }
}
