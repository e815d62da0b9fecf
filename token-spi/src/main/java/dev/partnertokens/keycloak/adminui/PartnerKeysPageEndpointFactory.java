package dev.partnertokens.keycloak.adminui;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Serves {@link PartnerKeysPageResource} under {@code /admin/realms/{realm}/pk-console}. The name is short on
 * purpose: {@link PartnerKeysPageRoutes} rewrites {@code …/components…} to it, and Quarkus REST (3.33) computes the
 * matched URIs of Keycloak's resource locators from the original request path and the rewritten one, failing when
 * the rewritten path is the longer. {@code pk-console} is as long as {@code components}.
 */
public final class PartnerKeysPageEndpointFactory implements AdminRealmResourceProviderFactory {

    public static final String PROVIDER_ID = "pk-console";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                      AdminEventBuilder adminEvent) {
                return new PartnerKeysPageResource(session, realm, auth, adminEvent);
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        // no configuration
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to wire
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
