package dev.partnertokens.keycloak.adminui;

import dev.partnertokens.keycloak.audit.Actor;
import org.keycloak.Token;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;

/**
 * The administrator behind an admin REST request (the admin console's calls), named by username. Their bearer
 * token says who they are, but the admin clients' tokens are lightweight: no {@code preferred_username}, and since
 * 26.7.3 no {@code sub} either. The user is looked up in the realm that issued the token, by {@code sub} when there is
 * one, else through the token's user session ({@code sid}), as Keycloak's own bearer-token check does.
 */
final class AdminConsoleUser {

    private AdminConsoleUser() {
    }

    static Actor of(KeycloakSession session) {
        Token token = session.getContext().getBearerToken();
        if (!(token instanceof AccessToken jwt)) {
            return Actor.adminConsole(null);
        }
        String issuer = jwt.getIssuer();
        RealmModel adminRealm = issuer == null ? null : session.realms().getRealmByName(issuer.substring(issuer.lastIndexOf('/') + 1));
        UserModel admin = adminRealm == null ? null : user(session, adminRealm, jwt);
        return Actor.adminConsole(admin != null ? admin.getUsername() : jwt.getSubject());
    }

    private static UserModel user(KeycloakSession session, RealmModel adminRealm, AccessToken token) {
        if (token.getSubject() != null) {
            return session.users().getUserById(adminRealm, token.getSubject());
        }
        if (token.getSessionId() == null) {
            return null;
        }
        UserSessionModel userSession = session.sessions().getUserSession(adminRealm, token.getSessionId());
        return userSession == null ? null : userSession.getUser();
    }
}
