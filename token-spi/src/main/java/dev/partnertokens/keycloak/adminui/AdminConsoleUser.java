package dev.partnertokens.keycloak.adminui;

import dev.partnertokens.keycloak.audit.Actor;
import org.keycloak.Token;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;

/** The administrator behind an admin REST request (the admin console's calls): their bearer token names them. */
final class AdminConsoleUser {

    private AdminConsoleUser() {
    }

    static Actor of(KeycloakSession session) {
        Token token = session.getContext().getBearerToken();
        if (token instanceof AccessToken accessToken) {
            String name = accessToken.getPreferredUsername() != null ? accessToken.getPreferredUsername() : accessToken.getSubject();
            return Actor.adminConsole(name);
        }
        return Actor.adminConsole(null);
    }
}
