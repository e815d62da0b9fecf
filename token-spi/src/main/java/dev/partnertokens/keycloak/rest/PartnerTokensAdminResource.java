package dev.partnertokens.keycloak.rest;

import jakarta.ws.rs.Path;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/partner-tokens}: the provider's admin REST API, one resource per concern:
 * {@code api-scopes} ({@link ApiScopesAdminResource}) and {@code leak-reporter-keys} ({@link ReporterKeysAdminResource}).
 */
public final class PartnerTokensAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    PartnerTokensAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @Path("api-scopes")
    public ApiScopesAdminResource apiScopes() {
        return new ApiScopesAdminResource(session, realm, auth, adminEvent);
    }

    @Path("leak-reporter-keys")
    public ReporterKeysAdminResource leakReporterKeys() {
        return new ReporterKeysAdminResource(session, realm, auth, adminEvent);
    }
}
