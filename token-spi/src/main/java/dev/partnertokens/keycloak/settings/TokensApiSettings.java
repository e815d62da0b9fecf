package dev.partnertokens.keycloak.settings;

import org.keycloak.Config;

/**
 * Who may call the tokens API with a bearer token, from the options of its factory
 * ({@code kc.sh --spi-realm-restapi-extension--tokens--<option>}):
 *
 * <table>
 *   <tr><th>option</th><th>default</th><th>what it does</th></tr>
 *   <tr><td>{@value #ADMIN_ROLE}</td><td>{@value #DEFAULT_ADMIN_ROLE}</td><td>the realm role a platform
 *       administrator (and the partner API's service account) must hold to manage a partner's keys</td></tr>
 *   <tr><td>{@value #ADMIN_AUDIENCE}</td><td>{@value #DEFAULT_ADMIN_AUDIENCE}</td><td>the audience such a bearer token
 *       must carry, in realms without the attribute {@code partner-tokens.admin-audience}</td></tr>
 * </table>
 * Names are 1..255 characters without spaces.
 *
 * @param adminRole     the realm role of platform administrators
 * @param adminAudience the audience of their tokens, unless the realm names another
 */
public record TokensApiSettings(String adminRole, String adminAudience) {

    public static final String SPI = "realm-restapi-extension";
    public static final String ADMIN_ROLE = "admin-role";
    public static final String ADMIN_AUDIENCE = "admin-audience";
    public static final String DEFAULT_ADMIN_ROLE = "manage-partner-keys";
    public static final String DEFAULT_ADMIN_AUDIENCE = "partner-tokens";

    public TokensApiSettings {
        requireName(adminRole, ADMIN_ROLE);
        requireName(adminAudience, ADMIN_AUDIENCE);
    }

    public static TokensApiSettings defaults() {
        return new TokensApiSettings(DEFAULT_ADMIN_ROLE, DEFAULT_ADMIN_AUDIENCE);
    }

    /**
     * @param provider the tokens API's id, {@code tokens}
     * @throws ServerOptions.InvalidServerOption naming the first option whose value is not acceptable
     */
    public static TokensApiSettings of(Config.Scope config, String provider) {
        ServerOptions options = new ServerOptions(config, SPI, provider);
        return new TokensApiSettings(options.name(ADMIN_ROLE, DEFAULT_ADMIN_ROLE),
                options.name(ADMIN_AUDIENCE, DEFAULT_ADMIN_AUDIENCE));
    }

    static void requireName(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
