package dev.partnertokens.keycloak.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The public id of a partner key in the tokens API: {@code Token:<uuid>}, the UUID in its canonical
 * 36-character form (lower case when written; either case accepted when read).
 *
 * @param uuid never {@code null}
 */
public record TokenId(UUID uuid) {

    /** What every wire form starts with. */
    public static final String PREFIX = "Token:";

    private static final String FIELD = "id";
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** @throws NullPointerException if {@code uuid} is {@code null} */
    public TokenId {
        Objects.requireNonNull(uuid, "uuid");
    }

    /** A new id from a random (version 4) UUID. */
    public static TokenId random() {
        return new TokenId(UUID.randomUUID());
    }

    /**
     * Reads the wire form {@code Token:<uuid>}.
     *
     * @param text the id from a request path or body; {@code null} is rejected
     * @throws InvalidInputException with field {@code id} if {@code text} is not of that form
     */
    public static TokenId parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidInputException(FIELD, "id is required, as Token:<uuid>");
        }
        if (!text.startsWith(PREFIX)) {
            throw new InvalidInputException(FIELD, "id must start with " + PREFIX + ", got " + Quoted.of(text));
        }
        String uuid = text.substring(PREFIX.length());
        if (!CANONICAL_UUID.matcher(uuid).matches()) {
            throw new InvalidInputException(FIELD, "id must be Token: followed by a UUID such as "
                    + "123e4567-e89b-12d3-a456-426614174000, got " + Quoted.of(text));
        }
        return new TokenId(UUID.fromString(uuid.toLowerCase(Locale.ROOT)));
    }

    /** The wire form, {@code Token:<uuid>}. */
    @Override
    public String toString() {
        return PREFIX + uuid;
    }
}
