package dev.partnertokens.keycloak.domain;

/**
 * The human name of a partner key, as shown in the dashboard and admin console.
 *
 * <p>Leading and trailing spaces (Unicode category Zs, no-break spaces included) are stripped;
 * what is left must be 1 to {@value #MAX_LENGTH} characters (Unicode code points) with no control
 * character (such as line feed, tab or {@code U+0000}), no line or paragraph separator
 * ({@code U+2028}, {@code U+2029}), no bidirectional override ({@code U+202A}-{@code U+202E},
 * {@code U+2066}-{@code U+2069}) that could make a name display as something else, and no unpaired
 * surrogate. Control characters are rejected even at the ends, not stripped.
 *
 * @param value the stripped name, never {@code null}
 */
public record KeyName(String value) {

    /** Longest name, in Unicode code points. */
    public static final int MAX_LENGTH = 200;

    private static final String FIELD = "name";

    /**
     * Strips and checks {@code value}.
     *
     * @throws InvalidInputException with field {@code name} if {@code value} is {@code null} or breaks a rule
     */
    public KeyName {
        value = validate(FIELD, value);
    }

    /**
     * The stripped {@code text} if it follows the rules of a key name; shared with the {@code name}
     * filter of {@link ListQuery}.
     *
     * @throws InvalidInputException with field {@code field} if {@code text} is {@code null} or breaks a rule
     */
    static String validate(String field, String text) {
        if (text == null) {
            throw new InvalidInputException(field, field + " is required");
        }
        String stripped = strip(text);
        if (stripped.isEmpty()) {
            throw new InvalidInputException(field, field + " must not be blank");
        }
        int length = 0;
        for (int i = 0; i < stripped.length(); ) {
            int codePoint = stripped.codePointAt(i);
            i += Character.charCount(codePoint);
            length++;
            if (isForbidden(codePoint)) {
                throw new InvalidInputException(field, String.format(
                        "%s must not contain control characters, line breaks or direction overrides (found U+%04X at position %d)",
                        field, codePoint, length));
            }
        }
        if (length > MAX_LENGTH) {
            throw new InvalidInputException(field, field + " must be at most " + MAX_LENGTH + " characters, got " + length);
        }
        return stripped;
    }

    /**
     * Strips space characters (Unicode category Zs: space, no-break space, em space, ideographic
     * space...). Tabs and line breaks are not stripped but rejected, like anywhere else in a name.
     */
    private static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isSpace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(int codePoint) {
        return Character.getType(codePoint) == Character.SPACE_SEPARATOR;
    }

    private static boolean isForbidden(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint)
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE
                || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    /** The name itself. */
    @Override
    public String toString() {
        return value;
    }
}
