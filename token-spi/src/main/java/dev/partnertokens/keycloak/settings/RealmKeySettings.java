package dev.partnertokens.keycloak.settings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.partnertokens.keycloak.domain.DashboardRole;
import dev.partnertokens.keycloak.domain.ExpiryPolicy;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.domain.Permission;
import org.keycloak.models.RealmModel;

/**
 * Everything a realm administrator configures about partner keys, read from realm attributes, with defaults and
 * validation. The admin console's "partner-keys" realm-settings tab writes these attributes; the code that enforces
 * a setting reads it here, when it needs it.
 *
 * <table>
 *   <tr><td>{@value #GRANTABLE_PREFIX}{@code owner|admin|developer}</td><td>rights each dashboard role may put on a
 *       key (comma-separated; empty = none)</td><td>Owner VIEW, TRANSACT, MANAGE; Admin and Developer VIEW, TRANSACT</td></tr>
 *   <tr><td>{@value #CLIENT_CREDENTIALS_SECONDS}</td><td>lifetime of a key's {@code client_credentials} token, seconds,
 *       {@value #MIN_CLIENT_CREDENTIALS_SECONDS}..{@value #MAX_CLIENT_CREDENTIALS_SECONDS}</td><td>3600</td></tr>
 *   <tr><td>{@value #REFRESH_TOKEN_HOURS}</td><td>lifetime of a token of the partner refresh-token endpoint, hours,
 *       1..{@value #MAX_REFRESH_TOKEN_HOURS} (the revocation feed keeps entries 7 days: no token may live longer)</td><td>168</td></tr>
 *   <tr><td>{@value #MAX_KEY_LIFETIME_DAYS}</td><td>latest expiry a key may be given, days from now; empty = keys
 *       may live for ever; 1..{@value #MAX_KEY_LIFETIME_LIMIT_DAYS}</td><td>none</td></tr>
 *   <tr><td>{@value #EXPIRY_REQUIRED}</td><td>whether every key must have an expiry ({@code true}/{@code false})</td>
 *       <td>false</td></tr>
 *   <tr><td>{@value #EXPIRY_NOTICE_DAYS}</td><td>days before a key expires that its partner's Owners are told,
 *       1..{@value #MAX_EXPIRY_NOTICE_DAYS}</td><td>7</td></tr>
 * </table>
 *
 * <p>An attribute that cannot be read (changed by hand past the validation) counts as absent: the default applies.
 */
public record RealmKeySettings(Map<DashboardRole, String> grantable, Duration clientCredentialsLifespan,
                               Duration refreshTokenLifespan, Duration maxKeyLifetime, int expiryNoticeDays,
                               boolean expiryRequired) {

    /** Every attribute of this class starts with it. */
    public static final String ATTRIBUTE_PREFIX = "partner-tokens.";
    public static final String GRANTABLE_PREFIX = "partner-tokens.grantable.";
    public static final String CLIENT_CREDENTIALS_SECONDS = "partner-tokens.client-credentials-token-seconds";
    public static final String REFRESH_TOKEN_HOURS = "partner-tokens.refresh-token-hours";
    public static final String MAX_KEY_LIFETIME_DAYS = "partner-tokens.max-key-lifetime-days";
    public static final String EXPIRY_NOTICE_DAYS = "partner-tokens.expiry-notice-days";
    public static final String EXPIRY_REQUIRED = "partner-tokens.expiry-required";
    /**
     * Realm attribute: {@code false} turns off the recording of keys' last use in this realm (read on every use, so it
     * is not among the validated settings of the admin console's tab); absent or anything else = on.
     */
    public static final String LAST_USED_TRACKING = "partner-tokens.last-used-tracking";

    public static final int DEFAULT_CLIENT_CREDENTIALS_SECONDS = 3600;
    public static final int MIN_CLIENT_CREDENTIALS_SECONDS = 60;
    public static final int MAX_CLIENT_CREDENTIALS_SECONDS = 86_400;
    public static final int DEFAULT_REFRESH_TOKEN_HOURS = 168;
    public static final int MAX_REFRESH_TOKEN_HOURS = 168;
    public static final int MAX_KEY_LIFETIME_LIMIT_DAYS = 3650;
    public static final int DEFAULT_EXPIRY_NOTICE_DAYS = 7;
    public static final int MAX_EXPIRY_NOTICE_DAYS = 365;

    /** Every attribute this class reads, in the order the admin console shows them. */
    public static final List<String> ATTRIBUTES = List.of(
            GRANTABLE_PREFIX + DashboardRole.OWNER.groupName(),
            GRANTABLE_PREFIX + DashboardRole.ADMIN.groupName(),
            GRANTABLE_PREFIX + DashboardRole.DEVELOPER.groupName(),
            CLIENT_CREDENTIALS_SECONDS, REFRESH_TOKEN_HOURS, MAX_KEY_LIFETIME_DAYS, EXPIRY_REQUIRED, EXPIRY_NOTICE_DAYS);

    public static RealmKeySettings of(RealmModel realm) {
        return read(realm::getAttribute);
    }

    /** The settings these attributes give; an unreadable one counts as absent. */
    static RealmKeySettings read(Function<String, String> attribute) {
        return read(attribute, false);
    }

    /**
     * Checks values an administrator entered (messages hold no apostrophe: Keycloak formats them with MessageFormat) (attribute name → text; absent or blank = the default) and returns
     * them normalised, blank ones as {@code null}.
     *
     * @throws InvalidInputException naming the first value that is not acceptable and what would be
     */
    public static Map<String, String> validated(Map<String, String> entered) {
        read(entered::get, true);
        Map<String, String> normalised = new LinkedHashMap<>();
        for (String name : ATTRIBUTES) {
            String value = entered.get(name);
            normalised.put(name, value == null || value.isBlank() ? null : normalise(name, value.trim()));
        }
        return normalised;
    }

    private static String normalise(String name, String value) {
        if (name.startsWith(GRANTABLE_PREFIX)) {
            return String.join(",", Permission.parseList(value).stream().sorted().map(Permission::name).toList());
        }
        if (name.equals(EXPIRY_REQUIRED)) {
            return String.valueOf(Boolean.parseBoolean(value));
        }
        return String.valueOf(Long.parseLong(value));
    }

    private static RealmKeySettings read(Function<String, String> attribute, boolean strict) {
        Map<DashboardRole, String> grantable = new LinkedHashMap<>();
        for (DashboardRole role : DashboardRole.values()) {
            String name = GRANTABLE_PREFIX + role.groupName();
            String value = attribute.apply(name);
            if (value != null && strict && !value.isBlank()) {
                checkRights(name, role, value);
            }
            if (value != null) {
                grantable.put(role, value);
            }
        }
        Integer ccSeconds = number(attribute, CLIENT_CREDENTIALS_SECONDS, MIN_CLIENT_CREDENTIALS_SECONDS,
                MAX_CLIENT_CREDENTIALS_SECONDS, "The lifetime of a key’s client_credentials token", "seconds", strict);
        Integer refreshHours = number(attribute, REFRESH_TOKEN_HOURS, 1, MAX_REFRESH_TOKEN_HOURS,
                "The lifetime of a refresh-token endpoint token", "hours", strict);
        Integer maxDays = number(attribute, MAX_KEY_LIFETIME_DAYS, 1, MAX_KEY_LIFETIME_LIMIT_DAYS,
                "The maximum key lifetime", "days", strict);
        Integer noticeDays = number(attribute, EXPIRY_NOTICE_DAYS, 1, MAX_EXPIRY_NOTICE_DAYS,
                "The expiry notice", "days", strict);
        String required = attribute.apply(EXPIRY_REQUIRED);
        if (required != null && !required.isBlank() && !required.trim().equalsIgnoreCase("true")
                && !required.trim().equalsIgnoreCase("false") && strict) {
            throw new InvalidInputException(EXPIRY_REQUIRED, "Whether keys must expire is true or false; \"" + shown(required) + "\" is neither");
        }
        return new RealmKeySettings(Map.copyOf(grantable),
                Duration.ofSeconds(ccSeconds == null ? DEFAULT_CLIENT_CREDENTIALS_SECONDS : ccSeconds),
                Duration.ofHours(refreshHours == null ? DEFAULT_REFRESH_TOKEN_HOURS : refreshHours),
                maxDays == null ? null : Duration.ofDays(maxDays),
                noticeDays == null ? DEFAULT_EXPIRY_NOTICE_DAYS : noticeDays,
                required != null && required.trim().equalsIgnoreCase("true"));
    }

    private static void checkRights(String name, DashboardRole role, String value) {
        for (String part : value.split("[,\\s]+")) {
            if (!part.isEmpty() && Permission.parseList(part).isEmpty()) {
                throw new InvalidInputException(name, "The rights a " + role.groupName() + " may grant must be a list of "
                        + "VIEW, TRANSACT, MANAGE separated by commas; \"" + shown(part) + "\" is not one");
            }
        }
    }

    static Integer number(Function<String, String> attribute, String name, int min, int max, String what,
                                  String unit, boolean strict) {
        String value = attribute.apply(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return (int) parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        if (strict) {
            throw new InvalidInputException(name, what + " must be a whole number of " + unit + " from " + min + " to "
                    + max + "; \"" + shown(value) + "\" is not");
        }
        return null;
    }

    static String shown(String value) {
        String trimmed = value.trim();
        return (trimmed.length() > 20 ? trimmed.substring(0, 20) + "…" : trimmed).replaceAll("\\p{Cntrl}", "?");
    }

    /** The rights configured for {@code role} at realm level, or {@code null} for the default. */
    public String grantableBy(DashboardRole role) {
        return grantable.get(role);
    }

    /**
     * Refuses a key expiry beyond the realm's maximum key lifetime, or no expiry when there is a maximum.
     *
     * @param expiresAt the expiry asked for, {@code null} for none
     * @throws InvalidInputException (field {@code expiresAt}) naming the limit
     */
    public void checkKeyExpiry(Instant expiresAt, Clock clock) {
        expiryPolicy().check(expiresAt, clock);
    }

    /** The realm's expiry policy: its maximum key lifetime and whether keys must expire. */
    public ExpiryPolicy expiryPolicy() {
        return ExpiryPolicy.ofRealm(maxKeyLifetime, expiryRequired);
    }

    /** "90 days", as messages name the maximum key lifetime. */
    public String maxKeyLifetimeText() {
        return maxKeyLifetime == null ? "none" : maxKeyLifetime.toDays() + " days";
    }
}
