package dev.partnertokens.keycloak.clientauth;

import java.util.Optional;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.http.HttpRequest;
import org.keycloak.util.BasicAuthHelper;

/**
 * A client id and secret as a client sent them: HTTP Basic (both parts form-urlencoded before base64, RFC 6749
 * §2.3.1, so {@code partner%2Dcc} is {@code partner-cc}) or {@code client_id}/{@code client_secret} form fields.
 *
 * @param secret may be {@code null} when only a client id was sent
 */
public record ClientCredentials(String clientId, String secret) {

    public static Optional<ClientCredentials> from(HttpRequest request) {
        String authorization = request.getHttpHeaders().getHeaderString(HttpHeaders.AUTHORIZATION);
        if (isBasic(authorization)) {
            return fromBasic(authorization);
        }
        MediaType type = request.getHttpHeaders().getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            return Optional.empty();
        }
        MultivaluedMap<String, String> form = request.getDecodedFormParameters();
        String clientId = form.getFirst("client_id");
        if (clientId == null || clientId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ClientCredentials(clientId, form.getFirst("client_secret")));
    }

    /** Whether an {@code Authorization} header is HTTP Basic (the scheme in any case). */
    public static boolean isBasic(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /**
     * The client id and secret of an HTTP Basic {@code Authorization} header (the one Basic parser of the provider);
     * empty when the header is malformed or names no client id.
     */
    public static Optional<ClientCredentials> fromBasic(String authorization) {
        try {
            String[] idAndSecret = BasicAuthHelper.RFC6749.parseHeader(authorization);
            return idAndSecret == null || idAndSecret[0].isEmpty() ? Optional.empty()
                    : Optional.of(new ClientCredentials(idAndSecret[0], idAndSecret[1]));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
