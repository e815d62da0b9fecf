package dev.partnertokens.api.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import dev.partnertokens.api.problems.Problems;
import dev.partnertokens.api.security.DashboardRole;
import dev.partnertokens.api.security.DashboardUser;
import dev.partnertokens.api.security.TokenRequired;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code GET /api/v1/dashboard/me}: who the dashboard token speaks for, read exactly as the key and audit endpoints
 * read it ({@link DashboardUser}), so the page shows a control only when the server would accept its request.
 * A token with no dashboard role at all (a partner key's) is refused with 403.
 */
@Path("v1/dashboard/me")
@TokenRequired
public class SignedInPersonResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response me(@Context SecurityContext security) {
        JsonWebToken token = (JsonWebToken) security.getUserPrincipal();
        Map<String, String> partners = partnerRoles(token.getClaim("partner_roles"));
        String username = text(token.getClaim("preferred_username"));
        if (partners.isEmpty() || username == null) {
            return Problems.forbidden("This page is for people of a partner; your account has no role in any partner.");
        }
        Optional<DashboardUser> user = DashboardUser.of(security);
        DashboardRole role = user.map(DashboardUser::role).orElse(null);
        String name = text(token.getClaim("name"));
        SignedInPerson person = new SignedInPerson(username, name == null ? username : name,
                user.map(DashboardUser::partner).orElse(null), role == null ? null : role.name(), partners,
                role == DashboardRole.OWNER, role == DashboardRole.OWNER, role == DashboardRole.OWNER,
                role == DashboardRole.OWNER || role == DashboardRole.ADMIN);
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(person).cacheControl(noStore).build();
    }

    private static Map<String, String> partnerRoles(Object claim) {
        Map<String, String> roles = new LinkedHashMap<>();
        if (claim instanceof JsonObject object) {
            object.forEach((alias, role) -> {
                if (role instanceof JsonString named && DashboardRole.named(named.getString()).isPresent()) {
                    roles.put(alias, named.getString());
                }
            });
        }
        return roles;
    }

    private static String text(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString().isBlank() ? null : json.getString();
        }
        if (claim instanceof String plain) {
            return plain.isBlank() ? null : plain;
        }
        return null;
    }
}
