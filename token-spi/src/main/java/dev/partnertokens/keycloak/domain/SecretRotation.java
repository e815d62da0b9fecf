package dev.partnertokens.keycloak.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How a key's secret is rotated ("roll key"): the new secret works at once; the old one keeps working for the
 * {@code overlap} (default {@value #DEFAULT_OVERLAP_SECONDS} s = 24 h, at most {@value #MAX_OVERLAP_SECONDS} s = 7 days,
 * 0 = not at all), then is refused everywhere. Tokens the old secret was given before the rotation keep their normal
 * life unless {@code revokeOldTokens}; tokens it gets during the overlap never outlive the overlap.
 */
public record SecretRotation(Duration overlap, boolean revokeOldTokens) {

    public static final long DEFAULT_OVERLAP_SECONDS = 24 * 3600;
    public static final long MAX_OVERLAP_SECONDS = 7 * 24 * 3600;
    public static final String OVERLAP_FIELD = "overlapSeconds";
    public static final String REVOKE_FIELD = "revokeOldTokens";

    public SecretRotation {
        Objects.requireNonNull(overlap, "overlap");
        if (overlap.isNegative() || overlap.toSeconds() > MAX_OVERLAP_SECONDS) {
            throw new InvalidInputException(OVERLAP_FIELD, OVERLAP_FIELD + " must be a whole number of seconds from 0 to "
                    + MAX_OVERLAP_SECONDS + " (7 days), got " + overlap.toSeconds());
        }
    }

    /** The rotation asked for: {@code overlapSeconds} absent = 24 h, {@code revokeOldTokens} absent = false. */
    public static SecretRotation of(Long overlapSeconds, Boolean revokeOldTokens) {
        return new SecretRotation(Duration.ofSeconds(overlapSeconds == null ? DEFAULT_OVERLAP_SECONDS : overlapSeconds),
                Boolean.TRUE.equals(revokeOldTokens));
    }
}
