package dev.partnertokens.api.keys;

import java.io.StringReader;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
 * {@code /api/v1/keys/api-scopes} lists the API scopes a new key may be given.
 * The secret of a new key is in the answer to its creation and nowhere else.
 */
@Path("v1/keys")
@TokenRequired
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9:_-]{1,80}");
    private static final String NOT_A_JSON_OBJECT = "The request body is not a JSON object.";

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
        KeyListQuery.Query query = KeyListQuery.parse(uri.getQueryParameters());
        if (query.valid().isEmpty()) {
            return Problems.badRequest(query.refusal());
        }
        return answer(() -> ok(tokensApi.send(user(), query.query()::listedBy)));
    }

    /**
     * The API scopes the signed-in person may put on a new key, with their descriptions, for the create form: the
     * provider decides (the partner's {@code partner.scopes} within the realm's catalogue). Like
     * {@code /dashboard/me} it says what the page may offer and touches no key, so it is not an audited action.
     */
    @GET
    @Path("api-scopes")
    @RequiresDashboardRole({DashboardRole.OWNER, DashboardRole.ADMIN, DashboardRole.DEVELOPER})
    public Response grantableApiScopes() {
        return answer(() -> ok(tokensApi.send(user(), TokensApiClient::grantableApiScopes)));
    }

    @GET
    @Path("{id}")
    @Audited(AuditAction.VIEW)
    @RequiresDashboardRole({DashboardRole.OWNER, DashboardRole.ADMIN, DashboardRole.DEVELOPER})
    public Response view(@PathParam("id") String id) {
        if (!KEY_ID.matcher(id).matches()) {
            return Problems.badRequest("id is not a key id such as Token:<uuid>.");
        }
        return answer(() -> ok(tokensApi.send(user(), (api, bearer, partner, actingUser) -> api.view(bearer, partner, actingUser, id))));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(AuditAction.CREATE)
    @RequiresDashboardRole({DashboardRole.OWNER, DashboardRole.ADMIN, DashboardRole.DEVELOPER})
    public Response create(String body) {
        Optional<JsonObject> key = jsonObject(body);
        if (key.isEmpty()) {
            return Problems.badRequest(NOT_A_JSON_OBJECT);
        }
        return answer(() -> {
            JsonObject created = tokensApi.send(user(), (api, bearer, partner, actingUser) -> api.create(bearer, partner, actingUser, key.get()));
            String id = created.getString("id", "");
            Audited.Key.set(servletRequest, id);
            return Response.created(URI.create("v1/keys/" + id)).cacheControl(noStore()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(created).build();
        });
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
        Optional<JsonObject> changes = jsonObject(body);
        if (changes.isEmpty()) {
            return Problems.badRequest(NOT_A_JSON_OBJECT);
        }
        return answer(() -> ok(tokensApi.send(user(), (api, bearer, partner, actingUser) -> api.edit(bearer, partner, actingUser, id, changes.get()))));
    }

    @DELETE
    @Path("{id}")
    @Audited(AuditAction.REVOKE)
    @RequiresDashboardRole(DashboardRole.OWNER)
    public Response revoke(@PathParam("id") String id) {
        if (!KEY_ID.matcher(id).matches()) {
            return Problems.badRequest("id is not a key id such as Token:<uuid>.");
        }
        return answer(() -> {
            tokensApi.send(user(), (api, bearer, partner, actingUser) -> {
                api.revoke(bearer, partner, actingUser, id);
                return id;
            });
            return Response.noContent().build();
        });
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
        Optional<JsonObject> rotation = body == null || body.isBlank() ? Optional.of(JsonValue.EMPTY_JSON_OBJECT) : jsonObject(body);
        if (rotation.isEmpty()) {
            return Problems.badRequest(NOT_A_JSON_OBJECT);
        }
        return answer(() -> ok(tokensApi.send(user(), (api, bearer, partner, actingUser) -> api.rotate(bearer, partner, actingUser, id, rotation.get()))));
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
        return answer(() -> ok(tokensApi.send(user(), (api, bearer, partner, actingUser) -> api.endOverlap(bearer, partner, actingUser, id))));
    }

    private DashboardUser user() {
        return DashboardUser.of(security).orElseThrow(() -> new IllegalStateException("DashboardRoleFilter let an unknown caller in"));
    }

    /** The answer built from the tokens API's result, or the provider's refusal as a problem. */
    private static Response answer(Supplier<Response> fromProvider) {
        try {
            return fromProvider.get();
        } catch (TokensApiRefusal refusal) {
            return TokensApiAnswers.problem(refusal);
        }
    }

    private static Response ok(Object entity) {
        return Response.ok(entity).cacheControl(noStore()).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The request body as a JSON object, or empty when it is not one. */
    private static Optional<JsonObject> jsonObject(String body) {
        try {
            return Optional.of(Json.createReader(new StringReader(body == null ? "" : body)).readObject());
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    private static CacheControl noStore() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return noStore;
    }
}
