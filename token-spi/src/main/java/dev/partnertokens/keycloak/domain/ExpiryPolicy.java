package dev.partnertokens.keycloak.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What a realm and a partner require of a key's expiry: a maximum lifetime (a new or changed expiry at most that far
 * ahead) and whether a key must expire at all. A partner's setting can only make the realm's stricter: the shorter
 * lifetime and "required" from either apply. A refusal names the limit and who set it.
 *
 * @param maxLifetime      {@code null} for no maximum
 * @param maxLifetimeOwner who set the maximum: {@code "this realm"} or {@code "partner <alias>"}
 * @param required         whether a key must have an expiry
 * @param requiredOwner    who requires it
 */
public record ExpiryPolicy(Duration maxLifetime, String maxLifetimeOwner, boolean required, String requiredOwner) {

    private static final String FIELD = "expiresAt";
    private static final String REALM = "this realm";

    /** The realm's policy. */
    public static ExpiryPolicy ofRealm(Duration maxLifetime, boolean required) {
        return new ExpiryPolicy(maxLifetime, REALM, required, REALM);
    }

    /**
     * This policy made stricter by a partner's settings.
     *
     * @param maxLifetime {@code null} when the partner sets none
     * @param required    {@code null} when the partner sets nothing, {@code false} cannot lift a realm's requirement
     */
    public ExpiryPolicy withPartner(String alias, Duration maxLifetime, Boolean required) {
        String owner = "partner " + alias;
        boolean partnerShorter = maxLifetime != null && (this.maxLifetime == null || maxLifetime.compareTo(this.maxLifetime) < 0);
        boolean partnerRequires = Boolean.TRUE.equals(required) && !this.required;
        return new ExpiryPolicy(partnerShorter ? maxLifetime : this.maxLifetime, partnerShorter ? owner : maxLifetimeOwner,
                this.required || Boolean.TRUE.equals(required), partnerRequires ? owner : requiredOwner);
    }

    /**
     * @param expiresAt the expiry asked for, {@code null} for none
     * @throws InvalidInputException (field {@code expiresAt}) naming the limit broken and who set it
     */
    public void check(Instant expiresAt, Clock clock) {
        Instant latest = maxLifetime == null ? null : clock.instant().plus(maxLifetime);
        if (expiresAt == null && latest != null) {
            throw new InvalidInputException(FIELD, "expiresAt is required: keys of " + maxLifetimeOwner + " live at most "
                    + days(maxLifetime) + " (maximum key lifetime), so expiresAt must be no later than " + latest);
        }
        if (expiresAt == null && required) {
            throw new InvalidInputException(FIELD, "expiresAt is required: keys of " + requiredOwner
                    + " must expire (expiry required)");
        }
        if (expiresAt != null && latest != null && expiresAt.isAfter(latest)) {
            throw new InvalidInputException(FIELD, "expiresAt must be no later than " + latest + ": keys of " + maxLifetimeOwner
                    + " live at most " + days(maxLifetime) + " (maximum key lifetime)");
        }
    }

    private static String days(Duration duration) {
        return duration.toDays() + " days";
    }
}
