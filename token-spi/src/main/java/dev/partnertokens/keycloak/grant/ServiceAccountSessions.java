package dev.partnertokens.keycloak.grant;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.keycloak.common.constants.ServiceAccountConstants;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.UserSessionManager;
import org.keycloak.services.util.DefaultClientSessionContext;

/**
 * The session a key's token is issued in: a transient user session of the key's service account and its client
 * session, holding what Keycloak's client credentials grant puts there (issuer, scope parameter, protocol, no level of
 * authentication, the client's notes), made directly. Keycloak's grant makes the same through an authentication
 * session (a write and a removal in its cache) and {@code TokenManager#attachAuthenticationSession}, which first looks
 * the client session up in the database although a user session made a moment ago cannot have one: per grant, one
 * statement and two cache operations a key's token does not need (docs/benchmarks.md). Nothing is stored: the
 * sessions are transient, as Keycloak's for a grant without refresh token.
 */
final class ServiceAccountSessions {

    private final KeycloakSession session;

    ServiceAccountSessions(KeycloakSession session) {
        this.session = session;
    }

    /**
     * @param scope     the scope parameter, already checked against the client's scopes
     * @param grantType recorded on the context as Keycloak's grant records it
     */
    ClientSessionContext open(RealmModel realm, ClientModel client, UserModel serviceAccount, String scope, String grantType) {
        return open(realm, client, serviceAccount, scope, grantType, null);
    }

    /**
     * {@link #open} for a token with every scope of the client: the scope parameter names all its optional scopes
     * ({@link #everyScopeOf}), and the client scopes are known without parsing it again and looking each name up
     * ({@code TokenManager#getRequestedClientScopes} would find the same: the default scopes, the client itself, and
     * every optional scope named).
     */
    ClientSessionContext openWithEveryScope(RealmModel realm, ClientModel client, UserModel serviceAccount, String grantType) {
        Set<ClientScopeModel> every = Stream.of(client.getClientScopes(true).values().stream(), Stream.of(client),
                        client.getClientScopes(false).values().stream())
                .flatMap(scopes -> scopes)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return open(realm, client, serviceAccount, everyScopeOf(client), grantType, every);
    }

    /** The scope parameter naming every optional scope of the client; {@code null} when it has none. */
    static String everyScopeOf(ClientModel client) {
        String every = String.join(" ", client.getClientScopes(false).keySet());
        return every.isEmpty() ? null : every;
    }

    private ClientSessionContext open(RealmModel realm, ClientModel client, UserModel serviceAccount, String scope,
                                      String grantType, Set<ClientScopeModel> clientScopes) {
        String remoteHost = session.getContext().getConnection().getRemoteHost();
        UserSessionModel userSession = new UserSessionManager(session).createUserSession(KeycloakModelUtils.generateId(),
                realm, serviceAccount, serviceAccount.getUsername(), remoteHost, ServiceAccountConstants.CLIENT_AUTH, false,
                null, null, UserSessionModel.SessionPersistenceState.TRANSIENT);
        AuthenticatedClientSessionModel clientSession = session.sessions().createClientSession(realm, client, userSession);
        clientSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        clientSession.setNote(OIDCLoginProtocol.ISSUER, Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        if (scope != null) {
            clientSession.setNote(OIDCLoginProtocol.SCOPE_PARAM, scope);
        }
        clientSession.setNote(Constants.LEVEL_OF_AUTHENTICATION, String.valueOf(Constants.NO_LOA));
        clientSession.setTimestamp(userSession.getLastSessionRefresh());
        ClientSessionContext context = clientScopes == null
                ? DefaultClientSessionContext.fromClientSessionAndScopeParameter(clientSession, scope, session)
                : DefaultClientSessionContext.fromClientSessionAndClientScopes(clientSession, clientScopes, null, session);
        context.setAttribute(Constants.GRANT_TYPE, grantType);
        userSession.setNote(ServiceAccountConstants.CLIENT_ID_SESSION_NOTE, client.getClientId());
        userSession.setNote(ServiceAccountConstants.CLIENT_ID, client.getClientId());
        userSession.setNote(ServiceAccountConstants.CLIENT_HOST, remoteHost);
        userSession.setNote(ServiceAccountConstants.CLIENT_ADDRESS, remoteHost);
        return context;
    }
}
