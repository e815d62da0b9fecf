package dev.partnertokens.keycloak.settings;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.partnertokens.keycloak.domain.BruteForceRules;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import org.keycloak.models.RealmModel;

/**
 * The realm's brute-force guard ({@link BruteForceRules}), read from realm attributes with defaults and validation,
 * like {@link RealmKeySettings}; the admin console's partner-keys tab shows and saves them.
 *
 * <table>
 *   <tr><td>{@value #ENABLED}</td><td>{@code true}/{@code false}</td><td>true (the server option
 *       {@code --spi-events-listener--partner-tokens--brute-force-guard=false} makes it false)</td></tr>
 *   <tr><td>{@value #WINDOW_SECONDS}</td><td>length of a counting window, seconds, 1..{@value #MAX_WINDOW_SECONDS};
 *       a throttle lasts until its window ends</td><td>{@value #DEFAULT_WINDOW_SECONDS}</td></tr>
 *   <tr><td>{@value #ADDRESS_FAILURES}</td><td>failures one address may make in a window, whatever the key ids</td>
 *       <td>{@value #DEFAULT_ADDRESS_FAILURES}</td></tr>
 *   <tr><td>{@value #ADDRESS_KEY_FAILURES}</td><td>failures one address may make with one key id</td>
 *       <td>{@value #DEFAULT_ADDRESS_KEY_FAILURES}</td></tr>
 *   <tr><td>{@value #KEY_FAILURES}</td><td>failures of one key id from all addresses; past it, the addresses that
 *       failed with it are throttled for it</td><td>{@value #DEFAULT_KEY_FAILURES}</td></tr>
 * </table>
 * Counts are 1..{@value #MAX_FAILURES}. An attribute that cannot be read counts as absent: the default applies.
 */
public final class BruteForceSettings {

    public static final String ENABLED = "partner-tokens.brute-force.enabled";
    public static final String WINDOW_SECONDS = "partner-tokens.brute-force.window-seconds";
    public static final String ADDRESS_FAILURES = "partner-tokens.brute-force.address-failures";
    public static final String ADDRESS_KEY_FAILURES = "partner-tokens.brute-force.address-key-failures";
    public static final String KEY_FAILURES = "partner-tokens.brute-force.key-failures";

    public static final int DEFAULT_WINDOW_SECONDS = 300;
    public static final int MAX_WINDOW_SECONDS = 86_400;
    public static final int DEFAULT_ADDRESS_FAILURES = 30;
    public static final int DEFAULT_ADDRESS_KEY_FAILURES = 10;
    public static final int DEFAULT_KEY_FAILURES = 100;
    public static final int MAX_FAILURES = 100_000;

    /** Every attribute of the guard, in the order the admin console shows them. */
    public static final List<String> ATTRIBUTES = List.of(ENABLED, WINDOW_SECONDS, ADDRESS_FAILURES,
            ADDRESS_KEY_FAILURES, KEY_FAILURES);

    /**
     * Whether the guard is on in a realm that does not say ({@value #ENABLED} absent): the server's option
     * {@code --spi-events-listener--partner-tokens--brute-force-guard} (default true), set when Keycloak starts.
     */
    private static volatile boolean onByDefault = true;

    private BruteForceSettings() {
    }

    /** Sets the server's default for realms without {@value #ENABLED}. */
    public static void onByDefault(boolean on) {
        onByDefault = on;
    }

    public static BruteForceRules.Limits of(RealmModel realm) {
        return read(realm::getAttribute, false);
    }

    /**
     * Checks values an administrator entered (attribute name → text; absent or blank = the default) and returns them
     * normalised, blank ones as {@code null}.
     *
     * @throws InvalidInputException naming the first value that is not acceptable and what would be
     */
    public static Map<String, String> validated(Map<String, String> entered) {
        read(entered::get, true);
        Map<String, String> normalised = new LinkedHashMap<>();
        for (String name : ATTRIBUTES) {
            String value = entered.get(name);
            normalised.put(name, value == null || value.isBlank() ? null
                    : name.equals(ENABLED) ? String.valueOf(Boolean.parseBoolean(value.trim()))
                    : String.valueOf(Long.parseLong(value.trim())));
        }
        return normalised;
    }

    static BruteForceRules.Limits read(Function<String, String> attribute, boolean strict) {
        String enabled = attribute.apply(ENABLED);
        boolean on = onByDefault;
        if (enabled != null && !enabled.isBlank()) {
            String trimmed = enabled.trim();
            if (trimmed.equalsIgnoreCase("false") || trimmed.equalsIgnoreCase("true")) {
                on = trimmed.equalsIgnoreCase("true");
            } else if (!trimmed.equalsIgnoreCase("true") && strict) {
                throw new InvalidInputException(ENABLED, "Whether the brute-force guard is on is true or false; \""
                        + RealmKeySettings.shown(enabled) + "\" is neither");
            }
        }
        int window = number(attribute, WINDOW_SECONDS, MAX_WINDOW_SECONDS, DEFAULT_WINDOW_SECONDS,
                "The brute-force window", "seconds", strict);
        int perAddress = number(attribute, ADDRESS_FAILURES, MAX_FAILURES, DEFAULT_ADDRESS_FAILURES,
                "The failures allowed per address", "failures", strict);
        int perPair = number(attribute, ADDRESS_KEY_FAILURES, MAX_FAILURES, DEFAULT_ADDRESS_KEY_FAILURES,
                "The failures allowed per address and key", "failures", strict);
        int perKey = number(attribute, KEY_FAILURES, MAX_FAILURES, DEFAULT_KEY_FAILURES,
                "The failures allowed per key from all addresses", "failures", strict);
        return new BruteForceRules.Limits(on, Duration.ofSeconds(window), perAddress, perPair, perKey);
    }

    private static int number(Function<String, String> attribute, String name, int max, int fallback, String what,
                              String unit, boolean strict) {
        Integer value = RealmKeySettings.number(attribute, name, 1, max, what, unit, strict);
        return value == null ? fallback : value;
    }
}
