package dev.partnertokens.keycloak.rest;

import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnertokens.keycloak.domain.ExpiresAt;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.domain.KeyName;
import dev.partnertokens.keycloak.domain.ListQuery;
import dev.partnertokens.keycloak.domain.Permission;
import dev.partnertokens.keycloak.domain.TokenId;
import dev.partnertokens.keycloak.keys.CreatedKey;
import dev.partnertokens.keycloak.keys.KeyPage;
import dev.partnertokens.keycloak.keys.NewKey;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/tokens}: the permissioned tokens API. Listing and reading need {@code VIEW} or
 * {@code MANAGE}; creating and deleting need {@code MANAGE}; nobody grants a permission they do not hold; another
 * partner's key is not found rather than forbidden.
 */
public final class TokensResource {

    private static final Set<String> CREATE_FIELDS = Set.of("name", "permissions", "expiresAt");

    private final KeycloakSession session;
    private final RealmModel realm;

    TokensResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @POST
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@Context HttpHeaders headers, @Context UriInfo uri, InputStream body) {
        TokensCaller.Result auth = TokensCaller.authenticate(session, realm, headers);
        if (auth.refusal() != null) {
            return auth.refusal();
        }
        TokensCaller caller = auth.caller();
        if (!caller.mayManage()) {
            return ApiErrors.forbidden("Creating tokens needs the MANAGE permission");
        }
        NewKey request;
        try {
            request = newKey(JsonBodies.readObject(headers, body), caller);
        } catch (InvalidInputException e) {
            return ApiErrors.invalidInput(e);
        }
        if (!caller.mayGrant(request.permissions())) {
            return ApiErrors.forbidden("A token cannot grant permissions it does not hold");
        }
        CreatedKey created = new PartnerKeys(session, realm).create(request);
        URI location = uri.getBaseUriBuilder().path("realms").path(realm.getName()).path("tokens")
                .path("Token:" + created.key().getId()).build();
        return Response.created(location)
                .cacheControl(noStore())
                .entity(TokenView.of(created.key(), created.secret().value()))
                .build();
    }

    @GET
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@Context HttpHeaders headers, @Context UriInfo uri) {
        TokensCaller.Result auth = TokensCaller.authenticate(session, realm, headers);
        if (auth.refusal() != null) {
            return auth.refusal();
        }
        if (!auth.caller().mayRead()) {
            return ApiErrors.forbidden("Listing tokens needs the VIEW or MANAGE permission");
        }
        ListQuery query;
        try {
            query = ListQuery.parse(Map.copyOf(uri.getQueryParameters()), PartnerKeys.CURSORS);
        } catch (InvalidInputException e) {
            return ApiErrors.invalidInput(e);
        }
        KeyPage page = new PartnerKeys(session, realm).list(auth.caller().partnerId(), query);
        return Response.ok(new TokenList(page.keys().stream().map(TokenView::of).toList(), page.hasMore(),
                page.nextCursor(), page.totalCount())).cacheControl(noStore()).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response read(@Context HttpHeaders headers, @PathParam("id") String id) {
        TokensCaller.Result auth = TokensCaller.authenticate(session, realm, headers);
        if (auth.refusal() != null) {
            return auth.refusal();
        }
        if (!auth.caller().mayRead()) {
            return ApiErrors.forbidden("Reading tokens needs the VIEW or MANAGE permission");
        }
        try {
            return new PartnerKeys(session, realm).find(auth.caller().partnerId(), TokenId.parse(id))
                    .map(key -> Response.ok(TokenView.of(key)).cacheControl(noStore()).build())
                    .orElseGet(ApiErrors::tokenNotFound);
        } catch (InvalidInputException e) {
            return ApiErrors.invalidInput(e);
        }
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@Context HttpHeaders headers, @PathParam("id") String id) {
        TokensCaller.Result auth = TokensCaller.authenticate(session, realm, headers);
        if (auth.refusal() != null) {
            return auth.refusal();
        }
        if (!auth.caller().mayManage()) {
            return ApiErrors.forbidden("Deleting tokens needs the MANAGE permission");
        }
        try {
            boolean revoked = new PartnerKeys(session, realm).revoke(auth.caller().partnerId(), TokenId.parse(id));
            return revoked ? Response.noContent().build() : ApiErrors.tokenNotFound();
        } catch (InvalidInputException e) {
            return ApiErrors.invalidInput(e);
        }
    }

    /** Edits a key's name, permissions and/or expiry ({@code "expiresAt": null} clears it); see {@link KeyEdits}. */
    @PATCH
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response edit(@Context HttpHeaders headers, @PathParam("id") String id, InputStream body) {
        TokensCaller.Result auth = TokensCaller.authenticate(session, realm, headers);
        if (auth.refusal() != null) {
            return auth.refusal();
        }
        return new KeyEdits(session, realm, auth.caller()).edit(headers, id, body);
    }

    private static NewKey newKey(ObjectNode body, TokensCaller caller) {
        for (Iterator<String> fields = body.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!CREATE_FIELDS.contains(field)) {
                throw new InvalidInputException(field, "Unknown field " + quoted(field) + "; expected name, permissions, expiresAt");
            }
        }
        JsonNode name = body.get("name");
        if (name == null || name.isNull()) {
            throw new InvalidInputException("name", "name is required");
        }
        if (!name.isTextual()) {
            throw new InvalidInputException("name", "name must be a string");
        }
        JsonNode permissions = body.get("permissions");
        if (permissions == null || permissions.isNull()) {
            throw new InvalidInputException("permissions", "permissions is required");
        }
        if (!permissions.isArray()) {
            throw new InvalidInputException("permissions", "permissions must be an array of VIEW, TRANSACT, MANAGE");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode permission : permissions) {
            if (!permission.isTextual()) {
                throw new InvalidInputException("permissions", "permissions must be an array of strings");
            }
            names.add(permission.asText());
        }
        JsonNode expiresAt = body.get("expiresAt");
        ExpiresAt expiry = null;
        if (expiresAt != null && !expiresAt.isNull()) {
            if (!expiresAt.isTextual()) {
                throw new InvalidInputException("expiresAt", "expiresAt must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
            }
            expiry = ExpiresAt.parse(expiresAt.asText(), Clock.systemUTC());
        }
        return new NewKey(caller.partnerId(), new KeyName(name.asText()), Permission.parseAll(names), expiry, caller.name());
    }

    private static String quoted(String field) {
        String shown = field.length() > 40 ? field.substring(0, 40) + "…" : field;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    private static CacheControl noStore() {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setNoStore(true);
        return cacheControl;
    }
}
