package dev.partnertokens.keycloak.rest;

import dev.partnertokens.keycloak.settings.FeedSettings;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Serves the partner endpoints under {@code /realms/{realm}/partners}; its feeds follow the {@link FeedSettings} of its options. */
public final class PartnersResourceProviderFactory extends RealmResourceFactory {

    public static final String PROVIDER_ID = "partners";

    private FeedSettings feeds = FeedSettings.defaults();

    @Override
    public void init(Config.Scope config) {
        feeds = FeedSettings.of(config, PROVIDER_ID);
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResources(new PartnersResource(session, feeds));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
