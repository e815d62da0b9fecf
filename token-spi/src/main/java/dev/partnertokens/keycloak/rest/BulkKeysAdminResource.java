package dev.partnertokens.keycloak.rest;

import java.io.InputStream;
import java.time.Clock;
import java.util.Set;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.partnertokens.keycloak.audit.Actor;
import dev.partnertokens.keycloak.audit.KeyAudit;
import dev.partnertokens.keycloak.catalogue.ApiScopeCatalogue;
import dev.partnertokens.keycloak.domain.BulkKeyOrder;
import dev.partnertokens.keycloak.domain.ExpiresAt;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.domain.KeyAuthority;
import dev.partnertokens.keycloak.domain.KeyName;
import dev.partnertokens.keycloak.domain.NotAllowedException;
import dev.partnertokens.keycloak.domain.Permission;
import dev.partnertokens.keycloak.keys.BulkKeys;
import dev.partnertokens.keycloak.partners.PartnerSettings;
import dev.partnertokens.keycloak.partners.Partners;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code POST /admin/realms/{realm}/partner-tokens/bulk-keys} ({@code manage-realm}): creates up to
 * {@value BulkKeyOrder#MAX_COUNT} keys of one partner in one call, through the tokens API's own code path
 * ({@link BulkKeys}), for load tests and migrations. Served only when the operator turned it on
 * ({@code --spi-admin-realm-restapi-extension--partner-tokens--bulk-keys=true}); otherwise 404.
 *
 * <p>Body: {@code {"partner": alias or id, "count": 1..10000, "namePrefix", "permissions": [...], "scopes": [...],
 * "expiresAt", "secrets": 0..100}}. The partner's bounds ({@code partner.permissions}, {@code partner.scopes}) and the
 * expiry policy apply as to a platform administrator's create; bad input is a 400 that creates nothing. The answer
 * ({@link BulkKeysAnswer}, 201, {@code no-store}) lists every key created and the secrets of the first
 * {@code secrets} of them, shown this once. One audit entry (and one admin event) per call names who, the partner
 * and how many; the keys get no entry of their own and no e-mail (docs/operations.md).
 */
public final class BulkKeysAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    BulkKeysAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.CLIENT);
    }

    /** What a valid body asks for. */
    private record Order(OrganizationModel partner, BulkKeyOrder order, Set<Permission> permissions, Set<String> scopes,
                         ExpiresAt expiresAt) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@Context HttpHeaders headers, InputStream body) {
        try {
            auth.realm().requireManageRealm();
        } catch (ForbiddenException e) {
            audit(403, null, "refused a bulk key creation: the caller may not manage the realm", 0);
            throw e;
        }
        Order order;
        try {
            order = parse(JsonBodies.read(headers, body, RequestBodies.BulkKeysRequest.class).body());
        } catch (InvalidInputException e) {
            audit(400, null, "refused a bulk key creation: " + e.field() + ": " + e.getMessage(), 0);
            return ApiErrors.invalidInput(e);
        } catch (NotAllowedException e) {
            audit(400, null, "refused a bulk key creation: " + e.getMessage(), 0);
            return ApiErrors.invalidInput("permissions", e.getMessage());
        }
        BulkKeys.Outcome outcome = new BulkKeys(session, realm).create(order.partner().getId(), order.order(),
                order.permissions(), order.scopes(), order.expiresAt(), username());
        int created = outcome.keys().size();
        String detail = "bulk-created " + created + " of " + order.order().count() + " keys '"
                + order.order().namePrefix() + "-1..' with " + order.permissions()
                + (order.scopes().isEmpty() ? "" : " and API scopes " + order.scopes())
                + (order.expiresAt() == null ? ", no expiry" : ", expiring " + order.expiresAt())
                + ", " + order.order().secretsShown() + " secrets shown";
        if (outcome.failure() != null) {
            audit(500, order.partner(), detail + "; stopped by an error", created);
            throw outcome.failure();
        }
        audit(201, order.partner(), detail, created);
        adminEvent.operation(OperationType.CREATE).resourcePath("partner-tokens", "bulk-keys")
                .representation(java.util.Map.of("partnerId", order.partner().getId(), "created", created)).success();
        BulkKeysAnswer answer = new BulkKeysAnswer(order.partner().getId(), created, outcome.keys().stream()
                .map(key -> new BulkKeysAnswer.Key(key.id(), key.clientId(), key.secret() == null ? null : key.secret().value()))
                .toList());
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(201).cacheControl(noStore).type(MediaType.APPLICATION_JSON_TYPE).entity(answer).build();
    }

    private Order parse(RequestBodies.BulkKeysRequest body) {
        if (body.partner() == null || body.partner().isBlank()) {
            throw new InvalidInputException("partner", RequestBodies.BulkKeysRequest.PARTNER_RULE);
        }
        OrganizationModel partner = Partners.byAliasOrId(session, realm, body.partner());
        if (partner == null) {
            throw new InvalidInputException("partner", "No partner " + TokensResource.quoted(body.partner())
                    + " in realm " + realm.getName());
        }
        if (body.count() == null) {
            throw new InvalidInputException("count", "count is required; " + RequestBodies.BulkKeysRequest.COUNT_RULE);
        }
        if (body.namePrefix() == null) {
            throw new InvalidInputException("namePrefix", RequestBodies.BulkKeysRequest.NAME_PREFIX_RULE);
        }
        BulkKeyOrder order = new BulkKeyOrder(body.count(), body.secrets() == null ? 0 : body.secrets(),
                new KeyName(validated("namePrefix", body.namePrefix())));
        if (body.permissions() == null) {
            throw new InvalidInputException("permissions", "permissions is required");
        }
        Set<Permission> rights = Permission.parseAll(body.permissions());
        ApiScopeCatalogue catalogue = new ApiScopeCatalogue(realm);
        Set<String> scopes = body.scopes() == null ? Set.of() : catalogue.scopes().parseRequested(body.scopes());
        ExpiresAt expiresAt = body.expiresAt() == null ? null : ExpiresAt.parse(body.expiresAt(), Clock.systemUTC());
        PartnerSettings.expiryPolicy(realm, partner).check(expiresAt == null ? null : expiresAt.instant(), Clock.systemUTC());
        KeyAuthority.ofPlatformAdministrator(PartnerSettings.of(realm, partner).bounds())
                .withApiScopes(Set.of(), catalogue.partnerBound(partner))
                .checkMayCreate(rights, scopes, expiresAt == null ? null : expiresAt.instant());
        return new Order(partner, order, rights, scopes, expiresAt);
    }

    /** A key name's rules, reported against {@code field}. */
    private static String validated(String field, String text) {
        try {
            return new KeyName(text).value();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, e.getMessage().replaceFirst("^name", field));
        }
    }

    private String username() {
        return auth.adminAuth() == null || auth.adminAuth().getUser() == null ? "admin"
                : auth.adminAuth().getUser().getUsername();
    }

    private void audit(int status, OrganizationModel partner, String detail, int count) {
        String sourceIp = session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr();
        new KeyAudit(session, realm).log(KeyAudit.Action.CREATE, status, Actor.adminConsole(username()),
                new KeyAudit.Subject(partner == null ? null : partner.getId(), partner == null ? null : partner.getAlias(), null, null),
                detail, sourceIp, Math.max(count, 1));
    }
}
