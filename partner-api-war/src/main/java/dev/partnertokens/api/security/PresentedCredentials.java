package dev.partnertokens.api.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * What a caller presented: a token ({@code Authorization: Bearer}, or the partner header {@code access-token}
 * that refresh-token clients send), or a partner key's {@code clientId:clientSecret} by HTTP Basic.
 */
sealed interface PresentedCredentials {

    String ACCESS_TOKEN_HEADER = "access-token";

    record Token(String value) implements PresentedCredentials {
    }

    /** Both parts exactly as sent: the exchange passes them on to Keycloak unchanged. */
    record KeyCredentials(String basicPair) implements PresentedCredentials {
    }

    record Malformed() implements PresentedCredentials {
    }

    static Optional<PresentedCredentials> from(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            String trimmed = authorization.trim();
            if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.of(new Token(trimmed.substring(7).trim()));
            }
            if (trimmed.regionMatches(true, 0, "Basic ", 0, 6)) {
                return Optional.of(basic(trimmed.substring(6).trim()));
            }
            return Optional.of(new Malformed());
        }
        String accessToken = request.getHeaderString(ACCESS_TOKEN_HEADER);
        if (accessToken != null && !accessToken.isBlank()) {
            String value = accessToken.trim();
            return Optional.of(new Token(value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : value));
        }
        return Optional.empty();
    }

    private static PresentedCredentials basic(String encoded) {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon > 0 && colon < pair.length() - 1 ? new KeyCredentials(pair) : new Malformed();
        } catch (IllegalArgumentException notBase64) {
            return new Malformed();
        }
    }
}
