package dev.partnertokens.keycloak.settings;

import java.util.regex.Pattern;

import org.keycloak.Config;

/**
 * The {@code kc.sh --spi-<spi>--<provider>--<option>=value} options of one of this provider's factories, read once in
 * its {@code init} as typed values: absent or blank means the default; a value that is not acceptable stops Keycloak's
 * start with an {@link InvalidServerOption} naming the option, the value and what would be acceptable.
 */
public final class ServerOptions {

    /** Longest role name or audience an option may give (Keycloak's own limit for role names). */
    static final int MAX_NAME_LENGTH = 255;

    private final Config.Scope scope;
    private final String prefix;

    /**
     * @param spi      the SPI as {@code kc.sh} spells it, e.g. {@code events-listener}
     * @param provider the provider id, e.g. {@code partner-tokens}
     */
    public ServerOptions(Config.Scope scope, String spi, String provider) {
        this.scope = scope;
        this.prefix = "--spi-" + spi + "--" + provider + "--";
    }

    /** The option as an administrator writes it, e.g. {@code --spi-events-listener--partner-tokens--last-used-flush-seconds}. */
    public String option(String name) {
        return prefix + name;
    }

    /** A whole number from {@code min} to {@code max}. */
    public int number(String name, int fallback, int min, int max) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return (int) parsed;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidServerOption(option(name), value, "a whole number from " + min + " to " + max);
    }

    /** {@code true} or {@code false}, in any case. */
    public boolean flag(String name, boolean fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return value.equalsIgnoreCase("true");
        }
        throw new InvalidServerOption(option(name), value, "true or false");
    }

    /** A name such as a role or an audience: at most {@value #MAX_NAME_LENGTH} printable characters without spaces. */
    public String name(String name, String fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        if (value.length() > MAX_NAME_LENGTH || value.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidServerOption(option(name), value, "a name of 1 to " + MAX_NAME_LENGTH + " characters without spaces");
        }
        return value;
    }

    /** A text matching {@code pattern} as a whole; {@code expected} says what that is. */
    public String matching(String name, String fallback, Pattern pattern, String expected) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        if (!pattern.matcher(value).matches()) {
            throw new InvalidServerOption(option(name), value, expected);
        }
        return value;
    }

    private String text(String name) {
        String value = scope.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** An option whose value is not acceptable: Keycloak does not start, and says why. */
    public static final class InvalidServerOption extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        InvalidServerOption(String option, String value, String expected) {
            super("Partner Tokens: " + option + " must be " + expected + "; \"" + RealmKeySettings.shown(value) + "\" is not");
        }
    }
}
