package dev.partnertokens.keycloak.grant;

import dev.partnertokens.keycloak.mappers.KeyExpiryMapper;

import java.time.Duration;
import java.util.Optional;

import org.keycloak.OAuth2Constants;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.AccessTokenResponse;

/**
 * Issues an access token for a partner key's service account exactly as the client credentials grant does
 * (transient session, every scope of the key, the realm's signing keys, the same protocol mappers), but with a lifespan
 * of its own: Keycloak caps a client's token lifespan at the realm's session maximum, which a 7-day partner
 * token exceeds, so the expiry is set on the token before it is signed.
 */
public final class LongLivedTokenIssuer {

    private final KeycloakSession session;

    public LongLivedTokenIssuer(KeycloakSession session) {
        this.session = session;
    }

    /** A signed access token and its expiry in seconds since the epoch. */
    public record IssuedToken(String jwt, long expiresAt) {
    }

    /**
     * @return the token, or empty when the client has no enabled service account (an administrator disabled it, or
     *         the key was made by hand): such a key gets no token, as at the token endpoint
     */
    public Optional<IssuedToken> issue(RealmModel realm, ClientModel client, Duration lifespan) {
        UserModel serviceAccount = session.users().getServiceAccount(client);
        if (serviceAccount == null || !serviceAccount.isEnabled()) {
            return Optional.empty();
        }
        session.getContext().setClient(client);
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.CLIENT_LOGIN)
                .client(client)
                .user(serviceAccount)
                .detail("grant_type", "partner_refresh_token");

        ClientSessionContext context = new ServiceAccountSessions(session)
                .openWithEveryScope(realm, client, serviceAccount, OAuth2Constants.CLIENT_CREDENTIALS);
        UserSessionModel userSession = context.getClientSession().getUserSession();
        event.session(userSession);

        TokenManager tokens = new TokenManager();
        AccessToken token = tokens.createClientAccessToken(session, realm, client, serviceAccount, userSession, context, false);
        long expiresAt = Time.currentTimeSeconds() + lifespan.toSeconds();
        Long keyExpiry = KeyExpiryMapper.latestExpiry(client);
        if (keyExpiry != null) {
            expiresAt = Math.min(expiresAt, keyExpiry); // no token outlives its key
        }
        Long retiring = KeyExpiryMapper.retiringSecretUntil(session);
        if (retiring != null) {
            expiresAt = Math.min(expiresAt, retiring); // nor the rotated-out secret it was asked with
        }
        token.exp(expiresAt);
        token.setSessionId(null);
        AccessTokenResponse response = tokens.responseBuilder(realm, client, event, session, userSession, context)
                .accessToken(token)
                .build();
        event.success();
        return Optional.of(new IssuedToken(response.getToken(), expiresAt));
    }
}
