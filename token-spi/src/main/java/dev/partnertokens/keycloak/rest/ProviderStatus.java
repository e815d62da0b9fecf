package dev.partnertokens.keycloak.rest;

/** The answer of {@code GET /realms/{realm}/partners/api/v2/status}. */
public record ProviderStatus(String realm, String provider, String version) {

    static final String PROVIDER = "partner-tokens";

    static String currentVersion() {
        String version = ProviderStatus.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
