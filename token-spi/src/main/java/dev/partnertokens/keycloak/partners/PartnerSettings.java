package dev.partnertokens.keycloak.partners;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.partnertokens.keycloak.domain.ExpiryPolicy;
import dev.partnertokens.keycloak.domain.Permission;
import dev.partnertokens.keycloak.domain.RoleRights;
import dev.partnertokens.keycloak.settings.RealmKeySettings;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

/**
 * What a realm and a partner configure about partner keys, read from realm and Organization attributes.
 *
 * <ul>
 *   <li>{@value #PARTNER_PERMISSIONS}: the rights a partner's keys may hold (Organization attribute; absent = all).</li>
 *   <li>{@value #GRANTABLE_PREFIX}{@code <role>} ({@code owner}, {@code admin}, {@code developer}): the rights a
 *       person of that role may put on a key, as a realm attribute for every partner and as an Organization
 *       attribute for one partner (which wins); absent = {@link RoleRights#defaults()}.</li>
 *   <li>{@value #ADMIN_AUDIENCE} (realm attribute): the audience a bearer token must carry to act as a platform
 *       administrator on the tokens API; default the server's ({@link dev.partnertokens.keycloak.settings.TokensApiSettings#adminAudience}).</li>
 * </ul>
 */
public record PartnerSettings(Set<Permission> bounds, RoleRights roleRights) {

    public static final String PARTNER_PERMISSIONS = "partner.permissions";
    public static final String GRANTABLE_PREFIX = RealmKeySettings.GRANTABLE_PREFIX;
    public static final String ADMIN_AUDIENCE = "partner-tokens.admin-audience";

    public static PartnerSettings of(RealmModel realm, OrganizationModel organization) {
        RoleRights rights = RoleRights.defaults()
                .overriddenBy(RealmKeySettings.of(realm)::grantableBy)
                .overriddenBy(role -> attribute(organization, GRANTABLE_PREFIX + role.groupName()));
        String bounds = attribute(organization, PARTNER_PERMISSIONS);
        return new PartnerSettings(bounds == null ? EnumSet.allOf(Permission.class) : Permission.parseList(bounds), rights);
    }

    /** Organization attribute: the longest a key of the partner may live, in days (1..3650), stricter than the realm's. */
    public static final String PARTNER_MAX_KEY_LIFETIME_DAYS = "partner.max-key-lifetime-days";
    /** Organization attribute: {@code true} when every key of the partner must expire. */
    public static final String PARTNER_EXPIRY_REQUIRED = "partner.expiry-required";

    /**
     * The expiry policy for a key of {@code organization}: the realm's, made stricter by the partner's attributes. An
     * unreadable partner value counts as absent (the realm's setting applies).
     */
    public static ExpiryPolicy expiryPolicy(RealmModel realm, OrganizationModel organization) {
        ExpiryPolicy policy = RealmKeySettings.of(realm).expiryPolicy();
        if (organization == null) {
            return policy;
        }
        java.time.Duration max = null;
        String days = attribute(organization, PARTNER_MAX_KEY_LIFETIME_DAYS);
        if (days != null && days.trim().matches("[0-9]{1,4}")) {
            int value = Integer.parseInt(days.trim());
            if (value >= 1 && value <= RealmKeySettings.MAX_KEY_LIFETIME_LIMIT_DAYS) {
                max = java.time.Duration.ofDays(value);
            }
        }
        String required = attribute(organization, PARTNER_EXPIRY_REQUIRED);
        return policy.withPartner(organization.getAlias(), max, required == null ? null : Boolean.valueOf(required.trim()));
    }

    /** The audience a platform administrator's bearer token must carry. */
    public static String adminAudience(RealmModel realm, String serverDefault) {
        String configured = realm.getAttribute(ADMIN_AUDIENCE);
        return configured == null || configured.isBlank() ? serverDefault : configured.trim();
    }

    private static String attribute(OrganizationModel organization, String name) {
        if (organization.getAttributes() == null) {
            return null;
        }
        List<String> values = organization.getAttributes().get(name);
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }
}
