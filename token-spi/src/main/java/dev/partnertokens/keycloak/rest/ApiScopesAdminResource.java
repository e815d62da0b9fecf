package dev.partnertokens.keycloak.rest;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.partnertokens.keycloak.audit.Actor;
import dev.partnertokens.keycloak.audit.KeyAudit;
import dev.partnertokens.keycloak.catalogue.ApiScopeCatalogue;
import dev.partnertokens.keycloak.domain.ApiScope;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.persistence.PartnerKeyRepository;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/partner-tokens/api-scopes}: the realm's catalogue of API scopes, kept by realm
 * administrators (read: {@code view-realm}; change: {@code manage-realm}). Each change is an admin event and an
 * entry of the provider's audit log.
 * <ul>
 *   <li>{@code GET} → {@code [{"name","description","keys"}]}, {@code keys} = how many unrevoked keys hold it;</li>
 *   <li>{@code PUT /{name}} with {@code {"description": "..."}} adds (201) or describes anew (200);</li>
 *   <li>{@code DELETE /{name}} removes it (204), refused (409) while an unrevoked key holds it.</li>
 * </ul>
 */
public final class ApiScopesAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    ApiScopesAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.CLIENT_SCOPE);
    }

    /** One API scope as this API shows it. */
    public record ApiScopeView(String name, String description, long keys) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ApiScopeView> list() {
        auth.realm().requireViewRealm();
        PartnerKeyRepository keys = new PartnerKeyRepository(session, realm.getId());
        return new ApiScopeCatalogue(realm).scopes().all().stream()
                .map(scope -> new ApiScopeView(scope.name(), scope.description(), keys.countHolding(scope.name())))
                .toList();
    }

    @PUT
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response put(@Context HttpHeaders headers, @PathParam("name") String name, InputStream body) {
        auth.realm().requireManageRealm();
        ApiScope scope;
        try {
            scope = new ApiScope(ApiScope.checkedName("name", name), description(JsonBodies.read(headers, body, RequestBodies.ApiScopeDescription.class).body()));
        } catch (InvalidInputException e) {
            return ApiErrors.invalidInput(e);
        }
        ApiScopeCatalogue catalogue = new ApiScopeCatalogue(realm);
        Optional<ClientScopeModel> existing = catalogue.find(scope.name());
        if (existing.isPresent() && !ApiScopeCatalogue.isApiScope(existing.get())) {
            return ApiErrors.conflict("The realm has a client scope named " + scope.name() + " that is not an API scope");
        }
        boolean created = existing.isEmpty();
        ClientScopeModel model = existing.orElseGet(() -> catalogue.add(scope));
        model.setDescription(scope.description());
        audit(scope.name(), (created ? "added API scope " : "described API scope ") + scope.name() + ": " + scope.description());
        adminEvent.operation(created ? OperationType.CREATE : OperationType.UPDATE)
                .resourcePath("client-scopes", model.getId()).representation(scope).success();
        ApiScopeView view = new ApiScopeView(scope.name(), scope.description(),
                new PartnerKeyRepository(session, realm.getId()).countHolding(scope.name()));
        return Response.status(created ? 201 : 200).entity(view).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @DELETE
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@PathParam("name") String name) {
        auth.realm().requireManageRealm();
        ApiScopeCatalogue catalogue = new ApiScopeCatalogue(realm);
        Optional<ClientScopeModel> existing = catalogue.find(name).filter(ApiScopeCatalogue::isApiScope);
        if (existing.isEmpty()) {
            return ApiErrors.notFound("API_SCOPE_NOT_FOUND", "The realm has no API scope of that name");
        }
        long holders = new PartnerKeyRepository(session, realm.getId()).countHolding(name);
        if (holders > 0) {
            return ApiErrors.conflict("API scope " + name + " is held by " + holders + " key(s) that are not revoked;"
                    + " take it off them or revoke them first");
        }
        String id = existing.get().getId();
        try {
            realm.removeClientScope(id);
        } catch (ModelException stillLinked) {
            return ApiErrors.conflict("API scope " + name + " cannot be removed: " + stillLinked.getMessage());
        }
        audit(name, "removed API scope " + name);
        adminEvent.operation(OperationType.DELETE).resourcePath("client-scopes", id).success();
        return Response.noContent().build();
    }

    private void audit(String scope, String detail) {
        String username = auth.adminAuth() == null || auth.adminAuth().getUser() == null ? null
                : auth.adminAuth().getUser().getUsername();
        String sourceIp = session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr();
        new KeyAudit(session, realm).log(KeyAudit.Action.CATALOGUE, 200, Actor.adminConsole(username),
                new KeyAudit.Subject(null, null, null, null), detail, sourceIp, 1);
    }

    private static String description(RequestBodies.ApiScopeDescription body) {
        if (body.description() == null || body.description().isBlank()) {
            throw new InvalidInputException("description", RequestBodies.ApiScopeDescription.DESCRIPTION_RULE);
        }
        return body.description().trim();
    }
}
