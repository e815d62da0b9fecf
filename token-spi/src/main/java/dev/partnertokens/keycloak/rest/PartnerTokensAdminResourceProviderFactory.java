package dev.partnertokens.keycloak.rest;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;

/**
 * Serves the provider's admin REST API under {@code /admin/realms/{realm}/partner-tokens} ({@link PartnerTokensAdminResource}).
 *
 * <p>Option {@value #BULK_KEYS} (default {@code false}): serve the bulk path {@code bulk-keys}
 * ({@link BulkKeysAdminResource}), {@code kc.sh start --spi-admin-realm-restapi-extension--partner-tokens--bulk-keys=true}.
 */
public final class PartnerTokensAdminResourceProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String PROVIDER_ID = "partner-tokens";
    /** The SPI option that turns the bulk path on. */
    public static final String BULK_KEYS = "bulk-keys";

    private volatile boolean bulkKeysEnabled;

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession session, org.keycloak.models.RealmModel realm,
                                      org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator auth,
                                      org.keycloak.services.resources.admin.AdminEventBuilder adminEvent) {
                return new PartnerTokensAdminResource(session, realm, auth, adminEvent, bulkKeysEnabled);
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        bulkKeysEnabled = config.getBoolean(BULK_KEYS, false);
    }

    /** Whether {@code bulk-keys} is served. */
    public boolean bulkKeysEnabled() {
        return bulkKeysEnabled;
    }

    @Override
    public java.util.List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(BULK_KEYS).type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Serve POST /admin/realms/{realm}/partner-tokens/bulk-keys (manage-realm), which creates up to "
                        + "10,000 partner keys per call for load tests and migrations; 404 when off.")
                .add().build();
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
