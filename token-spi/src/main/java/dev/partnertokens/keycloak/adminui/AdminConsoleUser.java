package dev.partnertokens.keycloak.adminui;

import dev.partnertokens.keycloak.audit.Actor;
import org.keycloak.Token;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.JsonWebToken;

/**
 * The administrator behind an admin REST request (the admin console's calls), named by username. Their bearer
 * token says who they are; the admin console's tokens are lightweight (no {@code preferred_username}), so the
 * user is looked up in the realm that issued the token.
 */
final class AdminConsoleUser {

    private AdminConsoleUser() {
    }

    static Actor of(KeycloakSession session) {
        Token token = session.getContext().getBearerToken();
        if (!(token instanceof JsonWebToken jwt) || jwt.getSubject() == null) {
            return Actor.adminConsole(null);
        }
        String issuer = jwt.getIssuer();
        RealmModel adminRealm = issuer == null ? null : session.realms().getRealmByName(issuer.substring(issuer.lastIndexOf('/') + 1));
        UserModel admin = adminRealm == null ? null : session.users().getUserById(adminRealm, jwt.getSubject());
        return Actor.adminConsole(admin == null ? jwt.getSubject() : admin.getUsername());
    }
}
