package dev.partnertokens.api.keys;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * The tokens API refused a request: its status and the {@code message} of its error body
 * ({@code {status, code, message}}), or a generic message when the body has none.
 */
public final class TokensApiRefusal extends RuntimeException {

    static final String GENERIC_MESSAGE = "The request was refused.";

    private final int status;

    TokensApiRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The provider's error body, as far as the partner API reads it. */
    public record ErrorBody(String message) {
    }

    /** Every answer of 400 or more is a refusal (the REST Client's default would be a bare WebApplicationException). */
    public static final class Mapper implements ResponseExceptionMapper<TokensApiRefusal> {

        @Override
        public boolean handles(int status, MultivaluedMap<String, Object> headers) {
            return status >= 400;
        }

        @Override
        public TokensApiRefusal toThrowable(Response response) {
            return new TokensApiRefusal(response.getStatus(), messageOf(response));
        }

        private static String messageOf(Response response) {
            try {
                ErrorBody body = response.hasEntity() ? response.readEntity(ErrorBody.class) : null;
                return body == null || body.message() == null ? GENERIC_MESSAGE : body.message();
            } catch (ProcessingException | IllegalStateException e) {
                return GENERIC_MESSAGE;
            }
        }
    }
}
