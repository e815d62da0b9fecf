package dev.partnertokens.keycloak.settings;

import java.util.regex.Pattern;

import org.keycloak.Config;

/**
 * Where the secret-hashing pepper is kept, from the options of the {@code partner-key} client authenticator's factory
 * ({@code kc.sh --spi-client-authenticator--partner-key--<option>}):
 *
 * <table>
 *   <tr><th>option</th><th>default</th><th>what it does</th></tr>
 *   <tr><td>{@value #VAULT_KEY}</td><td>{@value #DEFAULT_VAULT_KEY}</td><td>the name of the vault entry holding the
 *       pepper (at least 32 bytes) that secrets are hashed with (HMAC-SHA-256); without such an entry, plain
 *       SHA-256</td></tr>
 * </table>
 * A vault key is 1..{@value #MAX_LENGTH} letters, digits, {@code .}, {@code _} and {@code -}: what Keycloak's vaults
 * resolve in {@code ${vault.<key>}} (the file vault reads it from the file {@code <realm>_<key>}).
 *
 * @param vaultKey the vault entry's name
 */
public record PepperSettings(String vaultKey) {

    public static final String SPI = "client-authenticator";
    public static final String VAULT_KEY = "pepper-vault-key";
    public static final String DEFAULT_VAULT_KEY = "partner-tokens-pepper";
    static final int MAX_LENGTH = 128;
    private static final Pattern VAULT_KEY_CHARACTERS = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");
    static final String VAULT_KEY_RULE = "a vault key of 1 to " + MAX_LENGTH + " letters, digits, '.', '_' and '-'";

    public PepperSettings {
        if (vaultKey == null || !VAULT_KEY_CHARACTERS.matcher(vaultKey).matches()) {
            throw new IllegalArgumentException(VAULT_KEY + " must be " + VAULT_KEY_RULE);
        }
    }

    public static PepperSettings defaults() {
        return new PepperSettings(DEFAULT_VAULT_KEY);
    }

    /**
     * @param provider the client authenticator's id, {@code partner-key}
     * @throws ServerOptions.InvalidServerOption when the option is not a vault key
     */
    public static PepperSettings of(Config.Scope config, String provider) {
        ServerOptions options = new ServerOptions(config, SPI, provider);
        return new PepperSettings(options.matching(VAULT_KEY, DEFAULT_VAULT_KEY, VAULT_KEY_CHARACTERS, VAULT_KEY_RULE));
    }

    /** The vault expression Keycloak resolves to the pepper, e.g. {@code ${vault.partner-tokens-pepper}}. */
    public String vaultExpression() {
        return "${vault." + vaultKey + "}";
    }
}
