package dev.partnertokens.keycloak.adminui;

import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

/**
 * The admin console's "partner-keys" page (feature {@code declarative-ui}): one item per partner key, read from the
 * keys themselves by {@link PartnerKeysPageResource}, never stored as a component ({@link PartnerKeysPage}). See ADR 9.
 */
public final class PartnerKeysPageFactory implements UiPageProviderFactory<ComponentModel> {

    @Override
    public String getId() {
        return PartnerKeysPage.PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "The " + PartnerKeysPageResource.MAX_LISTED + " newest partner keys of this realm, live, expired or "
                + "revoked. Open a key to see it; set its Status to REVOKED and save, or delete it from the list, to "
                + "revoke it. Keys are created and edited by their partner on the dashboard or the tokens API, not here.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PartnerKeysPage.PROPERTIES;
    }

    @Override
    public Map<String, Object> getTypeMetadata() {
        return Map.of("displayFields", PartnerKeysPage.LISTED);
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        PartnerKeysPage.refuseStoredItem(realm, model);
    }

    @Override
    public void init(Config.Scope config) {
        // no configuration
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // the items are read from the keys when asked for
    }

    @Override
    public void close() {
        // nothing to release
    }
}
