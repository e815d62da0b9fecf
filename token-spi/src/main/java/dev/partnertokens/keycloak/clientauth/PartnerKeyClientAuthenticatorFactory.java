package dev.partnertokens.keycloak.clientauth;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.partnertokens.keycloak.settings.PepperSettings;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.authentication.ClientAuthenticator;
import org.keycloak.authentication.ClientAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The {@code partner-key} client authenticator: Basic or form credentials checked against a hashed secret. */
public final class PartnerKeyClientAuthenticatorFactory implements ClientAuthenticatorFactory {

    private static final Logger LOG = Logger.getLogger(PartnerKeyClientAuthenticatorFactory.class);

    public static final String PROVIDER_ID = "partner-key";

    private PepperSettings pepper = PepperSettings.defaults();
    private static final PartnerKeyClientAuthenticator SINGLETON = new PartnerKeyClientAuthenticator();

    @Override
    public ClientAuthenticator create() {
        return SINGLETON;
    }

    @Override
    public ClientAuthenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "Partner key (hashed secret)";
    }

    @Override
    public String getHelpText() {
        return "Checks a partner key's secret against its stored SHA-256 hash. Clients are set up by Partner Tokens.";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENT_CHOICES;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    /** The key's metadata on its client's Credentials tab: see {@link KeyMetadataProperties}. */
    @Override
    public List<ProviderConfigProperty> getConfigPropertiesPerClient() {
        return KeyMetadataProperties.PER_CLIENT;
    }

    /** An adapter configuration never carries a key's secret; it says where the secret is and how it starts. */
    @Override
    public Map<String, Object> getAdapterConfiguration(KeycloakSession session, ClientModel client) {
        String prefix = client.getAttribute(KeyMetadataProperties.SECRET_PREFIX);
        return Map.of(PROVIDER_ID, prefix == null ? Map.of("secret", KeyMetadataProperties.SECRET_MANAGED_WARNING)
                : Map.of("secret", KeyMetadataProperties.SECRET_MANAGED_WARNING, "secretStartsWith", prefix));
    }

    /**
     * None: dynamic client registration must never pick this authenticator for {@code client_secret_basic},
     * and OIDC discovery already lists the methods partner keys use.
     */
    @Override
    public Set<String> getProtocolAuthenticatorMethods(String loginProtocol) {
        return Set.of();
    }

    @Override
    public void init(Config.Scope config) {
        pepper = PepperSettings.of(config, PROVIDER_ID);
    }

    /** Where the secret-hashing pepper is kept ({@code --spi-client-authenticator--partner-key--pepper-vault-key}). */
    public PepperSettings pepper() {
        return pepper;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(PepperSettings.VAULT_KEY).type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(PepperSettings.DEFAULT_VAULT_KEY)
                .helpText("The vault entry holding the pepper (at least 32 bytes) that partner key secrets are hashed with "
                        + "(HMAC-SHA-256); without that entry, plain SHA-256.")
                .add().build();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // after Keycloak's migration and realm import: realms set up before the authenticator went first get it first
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    long moved = session.realms().getRealmsStream().filter(KeyAuthenticatorFirst::moveAhead).count();
                    if (moved > 0) {
                        LOG.infof("Partner Tokens put the partner-key client authenticator first in %d realm(s)", moved);
                    }
                });
            }
        });
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
