package dev.partnertokens.keycloak.clientauth;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import dev.partnertokens.keycloak.domain.KeyUse;
import dev.partnertokens.keycloak.guard.Throttled;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * RFC 6749 §5.2: a 401 from an endpoint where clients authenticate carries {@code WWW-Authenticate}.
 *
 * <p>Keycloak answers a client id it does not know itself, before any authenticator can speak for that id, with a
 * bare {@code 401 invalid_client}; the partner-key authenticator answers every other failure with a Basic challenge.
 * Without this filter the missing header would tell a caller that a client id does not exist. It gives a 401 that
 * has no challenge the headers of {@link InvalidClient}, {@code WWW-Authenticate: Basic realm="<realm>"} and
 * {@code Cache-Control: no-store}, on the realm's OAuth endpoints
 * ({@code /realms/{realm}/protocol/openid-connect/...}) and the {@code /realms/{realm}/connect/token} alias only.
 */
@Provider
/*
 * The same answer holds for the brute-force guard: Keycloak's 401 for an id that is no client is counted as a failure
 * of that id, and becomes the guard's 429 when the caller is throttled for it, exactly as for a key.
 */
public final class TokenEndpointChallengeFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 401 || response.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)) {
            return;
        }
        List<PathSegment> path = request.getUriInfo().getPathSegments();
        if (isClientAuthenticationEndpoint(path)) {
            Throttled throttled = judgeUnknownClient();
            if (throttled != null) {
                Response answer = TooManyAttempts.response(throttled);
                response.setStatus(answer.getStatus());
                response.getHeaders().putAll(answer.getHeaders());
                response.setEntity(answer.getEntity(), response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
                return;
            }
            response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, InvalidClient.challenge(path.get(1).getPath()));
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
            response.getHeaders().putSingle("Pragma", "no-cache");
        }
    }

    /**
     * Keycloak's own answer to a client id that is no client: the brute-force guard counts it as a failure of that id
     * and, when the caller is throttled for it, the answer becomes the 429 a key would get ({@link TooManyAttempts}).
     *
     * @return the throttle, or {@code null} when the answer stays a 401
     */
    private static Throttled judgeUnknownClient() {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        RealmModel realm = session == null ? null : session.getContext().getRealm();
        if (realm == null || session.getContext().getHttpRequest() == null) {
            return null;
        }
        Optional<ClientCredentials> credentials = ClientCredentials.from(session.getContext().getHttpRequest());
        if (credentials.isEmpty() || realm.getClientByClientId(credentials.get().clientId()) != null) {
            return null; // a stock client's own refusal, or no credentials at all
        }
        try {
            String secret = credentials.get().secret();
            new PartnerKeys(session, realm).authenticate(credentials.get().clientId(), secret == null ? "" : secret,
                    KeyUse.Way.TOKEN_ENDPOINT);
            return null;
        } catch (Throttled throttled) {
            return throttled;
        }
    }

    private static boolean isClientAuthenticationEndpoint(List<PathSegment> path) {
        if (path.size() < 4 || !"realms".equals(path.get(0).getPath())) {
            return false;
        }
        String first = path.get(2).getPath();
        String second = path.get(3).getPath();
        return ("protocol".equals(first) && "openid-connect".equals(second) && path.size() > 4)
                || ("connect".equals(first) && "token".equals(second));
    }
}
