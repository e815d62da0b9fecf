package dev.partnertokens.keycloak.rest;

import jakarta.ws.rs.core.HttpHeaders;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/** A request's {@code Authorization: Bearer} token, checked by Keycloak itself (signature, expiry, issuer, session). */
final class BearerTokens {

    private BearerTokens() {
    }

    /** Who the bearer token belongs to, or {@code null} when there is none or Keycloak does not accept it. */
    static AuthenticationManager.AuthResult authenticate(KeycloakSession session, RealmModel realm, HttpHeaders headers) {
        return new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(realm)
                .setConnection(session.getContext().getConnection())
                .setHeaders(headers)
                .setUriInfo(session.getContext().getUri())
                .authenticate();
    }
}
