package dev.partnertokens.keycloak.adminui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.settings.BruteForceSettings;
import dev.partnertokens.keycloak.settings.RealmKeySettings;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The realm-settings tab's form: one field per {@link RealmKeySettings} attribute, an empty field meaning the
 * default. A field is named after its attribute without the {@code partner-tokens.} prefix and without dots
 * ({@link #fieldOf}): the admin console's forms cannot carry a dot in a field name, and would silently save nothing. The form is saved as one realm component; saving it validates every value and writes them
 * to the realm's attributes, where the provider reads them.
 */
final class PartnerKeySettingsTab {

    static final String PROVIDER_ID = "partner-keys";

    static final List<ProviderConfigProperty> PROPERTIES = List.of(
            field(RealmKeySettings.GRANTABLE_PREFIX + "owner", "Rights an Owner may grant",
                    "Comma-separated VIEW, TRANSACT, MANAGE. Empty: VIEW, TRANSACT, MANAGE. An Organization attribute of the same name overrides it for one partner."),
            field(RealmKeySettings.GRANTABLE_PREFIX + "admin", "Rights an Admin may grant",
                    "Comma-separated VIEW, TRANSACT, MANAGE. Empty: VIEW, TRANSACT."),
            field(RealmKeySettings.GRANTABLE_PREFIX + "developer", "Rights a Developer may grant",
                    "Comma-separated VIEW, TRANSACT, MANAGE. Empty: VIEW, TRANSACT."),
            field(RealmKeySettings.CLIENT_CREDENTIALS_SECONDS, "client_credentials token lifetime (seconds)",
                    "How long a key's token from the token endpoint lives, " + RealmKeySettings.MIN_CLIENT_CREDENTIALS_SECONDS
                            + " to " + RealmKeySettings.MAX_CLIENT_CREDENTIALS_SECONDS + ". Empty: "
                            + RealmKeySettings.DEFAULT_CLIENT_CREDENTIALS_SECONDS + ". Never longer than the key."),
            field(RealmKeySettings.REFRESH_TOKEN_HOURS, "Refresh-token endpoint token lifetime (hours)",
                    "How long a token of /partners/api/v2/refresh-token lives, 1 to " + RealmKeySettings.MAX_REFRESH_TOKEN_HOURS
                            + " (the revocation feed keeps 7 days). Empty: " + RealmKeySettings.DEFAULT_REFRESH_TOKEN_HOURS + "."),
            field(RealmKeySettings.MAX_KEY_LIFETIME_DAYS, "Maximum key lifetime (days)",
                    "Keys must expire within this many days of being made or edited, 1 to "
                            + RealmKeySettings.MAX_KEY_LIFETIME_LIMIT_DAYS + ". Empty: keys may never expire."),
            field(RealmKeySettings.EXPIRY_REQUIRED, "Keys must expire (true/false)",
                    "true: every key must be given an expiry when made or edited. Empty: false. An Organization attribute "
                            + "partner.expiry-required=true requires it for one partner."),
            field(RealmKeySettings.EXPIRY_NOTICE_DAYS, "Expiry e-mail (days before)",
                    "The partner's Owners get one e-mail this many days before a key expires, 1 to "
                            + RealmKeySettings.MAX_EXPIRY_NOTICE_DAYS + ". Empty: " + RealmKeySettings.DEFAULT_EXPIRY_NOTICE_DAYS + "."),
            field(BruteForceSettings.ENABLED, "Brute-force guard on (true/false)",
                    "Throttles (429) addresses that fail to authenticate partner keys too often. Empty: true."),
            field(BruteForceSettings.WINDOW_SECONDS, "Brute-force window (seconds)",
                    "Failures are counted in windows of this length; a throttle lasts until its window ends. 1 to "
                            + BruteForceSettings.MAX_WINDOW_SECONDS + ". Empty: " + BruteForceSettings.DEFAULT_WINDOW_SECONDS + "."),
            field(BruteForceSettings.ADDRESS_FAILURES, "Failures per address",
                    "Failed authentications one address may make in a window, whatever the key ids, before it is throttled. Empty: "
                            + BruteForceSettings.DEFAULT_ADDRESS_FAILURES + "."),
            field(BruteForceSettings.ADDRESS_KEY_FAILURES, "Failures per address and key",
                    "Failed authentications one address may make with one key id in a window. Empty: "
                            + BruteForceSettings.DEFAULT_ADDRESS_KEY_FAILURES + "."),
            field(BruteForceSettings.KEY_FAILURES, "Failures per key",
                    "Failed authentications of one key id from all addresses in a window; past it, the addresses that failed with "
                            + "it are throttled for it (never one that has not failed). Empty: " + BruteForceSettings.DEFAULT_KEY_FAILURES + "."));

    private final RealmModel realm;

    PartnerKeySettingsTab(RealmModel realm) {
        this.realm = realm;
    }

    /** The form's values, checked: a bad one is refused with a message naming it and what would do. */
    static Map<String, String> validated(ComponentModel form) {
        Map<String, String> entered = new HashMap<>();
        for (String name : RealmKeySettings.ATTRIBUTES) {
            entered.put(name, form.get(fieldOf(name)));
        }
        for (String name : BruteForceSettings.ATTRIBUTES) {
            entered.put(name, form.get(fieldOf(name)));
        }
        try {
            Map<String, String> validated = new java.util.LinkedHashMap<>(RealmKeySettings.validated(entered));
            validated.putAll(BruteForceSettings.validated(entered));
            return validated;
        } catch (InvalidInputException e) {
            throw new ComponentValidationException(e.getMessage());
        }
    }

    /** Writes the form's values to the realm's attributes; an empty field removes the attribute (the default). */
    void apply(ComponentModel form) {
        validated(form).forEach((name, value) -> {
            if (value == null) {
                realm.removeAttribute(name);
            } else {
                realm.setAttribute(name, value);
            }
        });
    }

    /** The form field of a realm attribute: {@code partner-tokens.grantable.owner} → {@code grantable-owner}. */
    static String fieldOf(String attribute) {
        return attribute.substring(RealmKeySettings.ATTRIBUTE_PREFIX.length()).replace('.', '-');
    }

    private static ProviderConfigProperty field(String attribute, String label, String help) {
        return new ProviderConfigProperty(fieldOf(attribute), label, help, ProviderConfigProperty.STRING_TYPE, null);
    }
}
