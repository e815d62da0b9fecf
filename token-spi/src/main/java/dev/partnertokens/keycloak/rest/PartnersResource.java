package dev.partnertokens.keycloak.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.models.KeycloakSession;

/** {@code /realms/{realm}/partners}: the partner-facing endpoints of this provider. */
public final class PartnersResource {

    private final KeycloakSession session;

    PartnersResource(KeycloakSession session) {
        this.session = session;
    }

    /** Tells a partner's integration which realm and which provider version it is talking to. */
    @GET
    @Path("api/v2/status")
    @Produces(MediaType.APPLICATION_JSON)
    public ProviderStatus status() {
        return new ProviderStatus(session.getContext().getRealm().getName(), ProviderStatus.PROVIDER, ProviderStatus.currentVersion());
    }
}
