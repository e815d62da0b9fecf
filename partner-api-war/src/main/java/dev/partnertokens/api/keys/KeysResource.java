package dev.partnertokens.api.keys;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import dev.partnertokens.api.audit.AuditAction;
import dev.partnertokens.api.audit.Audited;
import dev.partnertokens.api.problems.Problems;
import dev.partnertokens.api.security.DashboardRole;
import dev.partnertokens.api.security.DashboardUser;
import dev.partnertokens.api.security.RequiresDashboardRole;
import dev.partnertokens.api.security.TokenRequired;

/**
 * {@code /api/v1/keys}: people of a partner manage that partner's keys through the provider's tokens API.
 * Developers and Admins list, view and create; only Owners edit, rotate and revoke. Another partner's key is not found.
 * The secret of a new key is in the answer to its creation and nowhere else.
 */
@Path("v1/keys")
@TokenRequired
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9:_-]{1,80}");

    @Inject
    TokensApi tokensApi;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Audited(AuditAction.LIST)
    @RequiresDashboardRole({DashboardRole.OWNER, DashboardRole.ADMIN, DashboardRole.DEVELOPER})
    public Response list(@Context UriInfo uri) {
        return pass(tokensApi.send(user(), "GET", "", query(uri.getQueryParameters()), null));
    }

    @GET
    @Path("{id}")
    @Audited(AuditAction.VIEW)
    @RequiresDashboardRole({DashboardRole.OWNER, DashboardRole.ADMIN, DashboardRole.DEVELOPER})
    public Response view(@PathParam("id") String id) {
        if (!KEY_ID.matcher(id).matches()) {
            return Problems.badRequest("id is not a key id such as Token:<uuid>.");
        }
        return pass(tokensApi.send(user(), "GET", "/" + id, null, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(AuditAction.CREATE)
    @RequiresDashboardRole({DashboardRole.OWNER, DashboardRole.ADMIN, DashboardRole.DEVELOPER})
    public Response create(String body) {
        TokensApi.Answer answer = tokensApi.send(user(), "POST", "", null, body == null ? "" : body);
        if (answer.status() != 201) {
            return pass(answer);
        }
        String id = idOf(answer.body());
        Audited.Key.set(servletRequest, id);
        return Response.created(URI.create("v1/keys/" + id)).cacheControl(noStore()).entity(answer.body()).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(AuditAction.EDIT)
    @RequiresDashboardRole(DashboardRole.OWNER)
    public Response edit(@PathParam("id") String id, String body) {
        if (!KEY_ID.matcher(id).matches()) {
            return Problems.badRequest("id is not a key id such as Token:<uuid>.");
        }
        return pass(tokensApi.send(user(), "PATCH", "/" + id, null, body == null ? "" : body));
    }

    @DELETE
    @Path("{id}")
    @Audited(AuditAction.REVOKE)
    @RequiresDashboardRole(DashboardRole.OWNER)
    public Response revoke(@PathParam("id") String id) {
        if (!KEY_ID.matcher(id).matches()) {
            return Problems.badRequest("id is not a key id such as Token:<uuid>.");
        }
        return pass(tokensApi.send(user(), "DELETE", "/" + id, null, null));
    }

    /**
     * Rotates a key's secret (Owners only): the optional body {@code {"overlapSeconds", "revokeOldTokens"}} goes to
     * the tokens API as it is; the answer holds the new secret, shown only here.
     */
    @POST
    @Path("{id}/rotate")
    @Audited(AuditAction.ROTATE)
    @RequiresDashboardRole(DashboardRole.OWNER)
    public Response rotate(@PathParam("id") String id, String body) {
        if (!KEY_ID.matcher(id).matches()) {
            return Problems.badRequest("id is not a key id such as Token:<uuid>.");
        }
        return pass(tokensApi.send(user(), "POST", "/" + id + "/rotate", null, body == null || body.isEmpty() ? null : body));
    }

    /** Ends a rotation's overlap now (Owners only): the key's old secret stops working everywhere. */
    @POST
    @Path("{id}/end-overlap")
    @Audited(AuditAction.ROTATE)
    @RequiresDashboardRole(DashboardRole.OWNER)
    public Response endOverlap(@PathParam("id") String id) {
        if (!KEY_ID.matcher(id).matches()) {
            return Problems.badRequest("id is not a key id such as Token:<uuid>.");
        }
        return pass(tokensApi.send(user(), "POST", "/" + id + "/end-overlap", null, null));
    }

    private DashboardUser user() {
        return DashboardUser.of(security).orElseThrow(() -> new IllegalStateException("DashboardRoleFilter let an unknown caller in"));
    }

    private static Response pass(TokensApi.Answer answer) {
        if (answer.status() == 204) {
            return Response.noContent().build();
        }
        if (answer.status() >= 200 && answer.status() < 300) {
            return Response.status(answer.status()).cacheControl(noStore()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(answer.body()).build();
        }
        return TokensApiAnswers.problem(answer);
    }

    private static String query(Map<String, List<String>> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, values) -> values.forEach(value -> query.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return query.toString();
    }

    private static String idOf(String body) {
        try {
            JsonObject key = Json.createReader(new java.io.StringReader(body)).readObject();
            return key.getString("id", "");
        } catch (JsonException | ClassCastException e) {
            return "";
        }
    }

    private static CacheControl noStore() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return noStore;
    }
}
