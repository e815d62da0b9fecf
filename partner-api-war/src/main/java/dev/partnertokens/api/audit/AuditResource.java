package dev.partnertokens.api.audit;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import dev.partnertokens.api.problems.Problems;
import dev.partnertokens.api.security.DashboardRole;
import dev.partnertokens.api.security.DashboardUser;
import dev.partnertokens.api.security.RequiresDashboardRole;
import dev.partnertokens.api.security.TokenRequired;

/**
 * {@code GET /api/v1/audit}: the partner's audit trail, for its Owners and Admins, newest first, filtered by
 * {@code from}, {@code to}, {@code action}, paged with {@code limit} and {@code cursor}.
 */
@Path("v1/audit")
@TokenRequired
@RequiresDashboardRole({DashboardRole.OWNER, DashboardRole.ADMIN})
public class AuditResource {

    @Inject
    AuditTrail trail;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@Context SecurityContext security, @Context UriInfo uri) {
        DashboardUser user = DashboardUser.of(security).orElseThrow(() -> new IllegalStateException("DashboardRoleFilter let an unknown caller in"));
        AuditQuery query;
        try {
            query = AuditQuery.parse(uri.getQueryParameters());
        } catch (AuditQuery.BadParameterException e) {
            return Problems.badRequest(e.getMessage() + " (parameter " + e.parameter() + ").");
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(trail.page(user.partner(), query)).cacheControl(noStore).build();
    }
}
