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
import org.keycloak.services.ui.extend.UiTabProviderFactory;

/**
 * The "partner-keys" tab of the admin console's Realm settings (feature {@code declarative-ui}): the realm's
 * partner-key settings, validated and written to the realm attributes that {@code settings.RealmKeySettings} reads.
 */
public final class PartnerKeySettingsTabFactory implements UiTabProviderFactory<ComponentModel> {

    @Override
    public String getId() {
        return PartnerKeySettingsTab.PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "What partner keys of this realm may do and how long their tokens live.";
    }

    @Override
    public String getPath() {
        return "/:realm/realm-settings/:tab?";
    }

    @Override
    public Map<String, String> getParams() {
        return Map.of("tab", PartnerKeySettingsTab.PROVIDER_ID);
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PartnerKeySettingsTab.PROPERTIES;
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        PartnerKeySettingsTab.validated(model);
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        new PartnerKeySettingsTab(realm).apply(model);
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        new PartnerKeySettingsTab(realm).apply(newModel);
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
}
