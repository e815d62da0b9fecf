package dev.partnertokens.keycloak.rest;

import dev.partnertokens.keycloak.settings.TokensApiSettings;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Serves the tokens API under {@code /realms/{realm}/tokens}, with the {@link TokensApiSettings} of its options. */
public final class TokensResourceProviderFactory extends RealmResourceFactory {

    public static final String PROVIDER_ID = "tokens";

    private TokensApiSettings settings = TokensApiSettings.defaults();

    @Override
    public void init(Config.Scope config) {
        settings = TokensApiSettings.of(config, PROVIDER_ID);
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResources(new TokensResource(session, settings));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
