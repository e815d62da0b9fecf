package dev.partnertokens.keycloak.grant;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import dev.partnertokens.keycloak.clientauth.PartnerKeyClientAuthenticatorFactory;
import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.events.Details;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.grants.ClientCredentialsGrantType;
import org.keycloak.services.CorsErrorResponseException;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ServiceAccountTokenRequestContext;
import org.keycloak.services.clientpolicy.context.ServiceAccountTokenResponseContext;

/**
 * Keycloak's client credentials grant, with two rules for {@code scope} that apply to partner keys only:
 * <ul>
 *   <li>an empty or blank {@code scope} (several SDKs send {@code scope=}) means no scope, and runs of spaces
 *       between scopes are one separator;</li>
 *   <li>no scope means all of the key's scopes (its optional client scopes), so that the token carries exactly
 *       what was asked for, or everything the key holds.</li>
 * </ul>
 * A requested scope the key does not hold stays Keycloak's {@code invalid_scope}. A key's token is then issued
 * as Keycloak's grant issues it, in sessions made without an authentication session ({@link ServiceAccountSessions});
 * any shape of client or request that path does not cover goes to Keycloak's grant. Every other client gets
 * Keycloak's grant untouched: the factory has to replace {@code client_credentials} in every realm (Keycloak keeps
 * one factory per grant type), but what it does differently is limited to keys (ADR 13).
 */
final class PartnerClientCredentialsGrantType extends ClientCredentialsGrantType {

    @Override
    public Response process(Context context) {
        ClientModel client = context.getClient();
        if (!isPartnerKey(client)) {
            return super.process(context);
        }
        MultivaluedMap<String, String> form = context.getFormParams();
        String requested = normalised(form.getFirst(OAuth2Constants.SCOPE));
        boolean everyScope = requested.isEmpty();
        if (everyScope) {
            requested = ServiceAccountSessions.everyScopeOf(client);
        }
        if (requested == null) {
            form.remove(OAuth2Constants.SCOPE);
        } else {
            form.putSingle(OAuth2Constants.SCOPE, requested);
        }
        setContext(context);
        UserModel serviceAccount = session.users().getServiceAccount(client);
        if (!issuesPlainly(serviceAccount)) {
            return super.process(context); // Keycloak's own answers for every other shape of request and client
        }
        return issue(serviceAccount, everyScope);
    }

    /**
     * Whether Keycloak's grant would issue this key's token without anything this class leaves to it: a confidential
     * client with an enabled service account, no refresh token, no {@code authorization_details}.
     */
    private boolean issuesPlainly(UserModel serviceAccount) {
        return !client.isBearerOnly() && !client.isPublicClient() && client.isServiceAccountsEnabled()
                && serviceAccount != null && serviceAccount.isEnabled() && !useRefreshToken()
                && formParams.getFirst(OAuth2Constants.AUTHORIZATION_DETAILS) == null;
    }

    /**
     * Keycloak's {@code ClientCredentialsGrantType#process} step by step — the scope check, the event, the client
     * policies, the client's authentication notes, Keycloak's token response (signing, DPoP and mTLS binding, the
     * response's client policies) — except that the transient sessions are made by {@link ServiceAccountSessions},
     * without an authentication session and a look-up of the client session. When no scope was asked for, the scope
     * is every optional scope of the key, named from the key's own client: valid by construction, so Keycloak's check
     * of each name ({@code getRequestedScopes}) and the look-up of each again are skipped.
     */
    private Response issue(UserModel serviceAccount, boolean everyScope) {
        String scope = everyScope ? formParams.getFirst(OAuth2Constants.SCOPE) : getRequestedScopes();
        event.detail(Details.USERNAME, serviceAccount.getUsername());
        event.user(serviceAccount);
        ServiceAccountSessions sessions = new ServiceAccountSessions(session);
        ClientSessionContext sessionContext = everyScope
                ? sessions.openWithEveryScope(realm, client, serviceAccount, context.getGrantType())
                : sessions.open(realm, client, serviceAccount, scope, context.getGrantType());
        UserSessionModel userSession = sessionContext.getClientSession().getUserSession();
        event.session(userSession);
        try {
            session.clientPolicy().triggerOnEvent(new ServiceAccountTokenRequestContext(formParams, sessionContext.getClientSession()));
        } catch (ClientPolicyException refused) {
            event.detail(Details.REASON, Details.CLIENT_POLICY_ERROR);
            event.detail(Details.CLIENT_POLICY_ERROR, refused.getError());
            event.detail(Details.CLIENT_POLICY_ERROR_DETAIL, refused.getErrorDetail());
            event.error(refused.getError());
            throw new CorsErrorResponseException(cors, refused.getError(), refused.getErrorDetail(), Response.Status.BAD_REQUEST);
        }
        updateUserSessionFromClientAuth(userSession);
        sessionContext.getClientSession().setNote(AuthenticationProcessor.FIRST_OFFLINE_ACCESS, Boolean.TRUE.toString());
        return createTokenResponse(serviceAccount, userSession, sessionContext, scope, true,
                builder -> new ServiceAccountTokenResponseContext(formParams, sessionContext.getClientSession(), builder));
    }

    private static boolean isPartnerKey(ClientModel client) {
        return client != null && PartnerKeyClientAuthenticatorFactory.PROVIDER_ID.equals(client.getClientAuthenticatorType());
    }

    private static String normalised(String scope) {
        return scope == null ? "" : String.join(" ", scope.trim().split("\\s+")).trim();
    }
}
