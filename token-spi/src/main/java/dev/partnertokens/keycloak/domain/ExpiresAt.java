package dev.partnertokens.keycloak.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * When a partner key stops working. A key without expiry has no {@code ExpiresAt}.
 *
 * <p>A new expiry, from {@link #of} or {@link #parse}, must be after now and at most
 * {@value #MAX_YEARS} calendar years (UTC) ahead. The constructor checks neither, so that an expiry
 * read back from storage stays readable once it has passed.
 *
 * @param instant the moment the key stops working, never {@code null}
 */
public record ExpiresAt(Instant instant) {

    /** How far ahead an expiry may be, in calendar years. */
    public static final int MAX_YEARS = 2;

    private static final String FIELD = "expiresAt";

    /** @throws NullPointerException if {@code instant} is {@code null} */
    public ExpiresAt {
        Objects.requireNonNull(instant, "instant");
    }

    /**
     * A new expiry chosen by a client.
     *
     * @param instant the requested expiry, never {@code null}
     * @param clock   gives now, never {@code null}
     * @throws NullPointerException  if an argument is {@code null}
     * @throws InvalidInputException with field {@code expiresAt} if {@code instant} is not after now
     *                               or is more than {@value #MAX_YEARS} years ahead
     */
    public static ExpiresAt of(Instant instant, Clock clock) {
        Objects.requireNonNull(instant, "instant");
        Instant now = clock.instant();
        if (!instant.isAfter(now)) {
            throw new InvalidInputException(FIELD, "expiresAt must be in the future, got " + instant);
        }
        Instant latest = latest(now);
        if (instant.isAfter(latest)) {
            throw new InvalidInputException(FIELD, "expiresAt must be at most " + MAX_YEARS + " years ahead (no later than "
                    + latest + "), got " + instant);
        }
        return new ExpiresAt(instant);
    }

    /**
     * A new expiry chosen by a client, as an ISO-8601 instant such as {@code 2026-01-01T00:00:00Z}.
     *
     * @param text  the requested expiry; {@code null} is rejected (a caller with an optional expiry
     *              checks for absence first)
     * @param clock gives now, never {@code null}
     * @throws NullPointerException  if {@code clock} is {@code null}
     * @throws InvalidInputException with field {@code expiresAt} if {@code text} is {@code null}, not an
     *                               instant, not after now, or more than {@value #MAX_YEARS} years ahead
     */
    public static ExpiresAt parse(String text, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (text == null) {
            throw new InvalidInputException(FIELD, "expiresAt is required here");
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(FIELD, "expiresAt must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, got "
                    + Quoted.of(text));
        }
        return of(instant, clock);
    }

    /**
     * Whether the key has stopped working: now is at or after the expiry.
     *
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public boolean isPassed(Clock clock) {
        return !clock.instant().isBefore(instant);
    }

    private static Instant latest(Instant now) {
        return now.atOffset(ZoneOffset.UTC).plusYears(MAX_YEARS).toInstant();
    }

    /** The ISO-8601 instant. */
    @Override
    public String toString() {
        return instant.toString();
    }
}
