package dev.partnertokens.keycloak.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.endpoints.TokenEndpoint;

/**
 * {@code POST /realms/{realm}/connect/token}: the short alias of the realm's OAuth 2.0 token endpoint that partner
 * SDKs are configured with. It is Keycloak's own token endpoint, so both answer alike in every case; other methods
 * than POST get the same 405 as there.
 */
public final class ConnectResource {

    private final KeycloakSession session;

    ConnectResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Path("token")
    public Response token() {
        EventBuilder event = new EventBuilder(session.getContext().getRealm(), session, session.getContext().getConnection());
        return new TokenEndpoint(session, new TokenManager(), event).processGrantRequest();
    }
}
