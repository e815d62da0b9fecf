package dev.partnertokens.keycloak.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One API scope of a realm's catalogue, such as Checkout's {@code gateway}, {@code vault}, {@code fx} or
 * {@code disputes}: what a partner key's token may be used for, next to its {@link Permission permissions}.
 *
 * <p>A name is 1 to {@value #MAX_NAME_LENGTH} characters of lower-case ASCII letters, digits, {@code -}, {@code _},
 * {@code .} and {@code :}, starting with a letter, and is never a permission name in any case (a token's
 * {@code scope} holds both). A description is at most {@value #MAX_DESCRIPTION_LENGTH} characters, no control
 * characters.
 */
public record ApiScope(String name, String description) {

    public static final int MAX_NAME_LENGTH = 40;
    public static final int MAX_DESCRIPTION_LENGTH = 255;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._:-]{0," + (MAX_NAME_LENGTH - 1) + "}");

    public ApiScope {
        name = checkedName("name", name);
        Objects.requireNonNull(description, "description");
        if (description.length() > MAX_DESCRIPTION_LENGTH || description.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("description", "description must be at most " + MAX_DESCRIPTION_LENGTH
                    + " characters without control characters");
        }
    }

    /**
     * Checks the spelling of an API scope's name.
     *
     * @param field the field or parameter the name came from, for the message
     * @throws InvalidInputException naming {@code field} when the name is not one an API scope can have
     */
    public static String checkedName(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(field, "an API scope name is 1 to " + MAX_NAME_LENGTH
                    + " characters a-z, 0-9, '.', '_', ':', '-', starting with a letter; got " + Quoted.of(name));
        }
        for (Permission permission : Permission.values()) {
            if (permission.name().equals(name.toUpperCase(Locale.ROOT))) {
                throw new InvalidInputException(field, "an API scope cannot be named like the permission " + permission);
            }
        }
        return name;
    }
}
