package dev.partnertokens.api.dashboard;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/v1/dashboard/config}: what the dashboard page needs before anyone is signed in — the realm to
 * sign in at and the public client to sign in with. Nothing secret: the same facts are in every token.
 */
@Path("v1/dashboard/config")
public class DashboardConfigResource {

    @Inject
    DashboardSettings settings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response config() {
        String body = Json.createObjectBuilder()
                .add("issuer", settings.issuer())
                .add("clientId", settings.clientId())
                .build().toString();
        return Response.ok(body).build();
    }
}
