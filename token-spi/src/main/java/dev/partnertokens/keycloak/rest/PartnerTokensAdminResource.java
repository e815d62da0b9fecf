package dev.partnertokens.keycloak.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/partner-tokens}: the provider's admin REST API, one resource per concern:
 * {@code api-scopes} ({@link ApiScopesAdminResource}), {@code leak-reporter-keys} ({@link ReporterKeysAdminResource}) and,
 * when the operator turned it on, {@code bulk-keys} ({@link BulkKeysAdminResource}; 404 otherwise).
 */
public final class PartnerTokensAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final boolean bulkKeysEnabled;

    PartnerTokensAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                               boolean bulkKeysEnabled) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.bulkKeysEnabled = bulkKeysEnabled;
    }

    @Path("api-scopes")
    public ApiScopesAdminResource apiScopes() {
        return new ApiScopesAdminResource(session, realm, auth, adminEvent);
    }

    @Path("leak-reporter-keys")
    public ReporterKeysAdminResource leakReporterKeys() {
        return new ReporterKeysAdminResource(session, realm, auth, adminEvent);
    }

    /** Not there at all (404, before any permission check) unless the operator turned the bulk path on. */
    @Path("bulk-keys")
    public BulkKeysAdminResource bulkKeys() {
        if (!bulkKeysEnabled) {
            throw new NotFoundException();
        }
        return new BulkKeysAdminResource(session, realm, auth, adminEvent);
    }
}
