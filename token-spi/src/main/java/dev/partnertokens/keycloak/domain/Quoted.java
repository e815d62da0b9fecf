package dev.partnertokens.keycloak.domain;

/**
 * Echoes client input safely in error messages: quoted, at most {@value #MAX_LENGTH} characters,
 * control and line-breaking characters escaped, so a message can be logged without log injection.
 */
final class Quoted {

    static final int MAX_LENGTH = 40;

    private Quoted() {
    }

    /** {@code 'value'}, shortened and escaped; {@code null} gives {@code null} without quotes. */
    static String of(String value) {
        return value == null ? "null" : "'" + bare(value) + "'";
    }

    /** The value shortened and escaped, without quotes; {@code null} gives {@code "null"}. */
    static String bare(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            i += Character.charCount(codePoint);
            if (count == MAX_LENGTH) {
                return out.append('…').toString();
            }
            if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.LINE_SEPARATOR
                    || Character.getType(codePoint) == Character.PARAGRAPH_SEPARATOR
                    || Character.getType(codePoint) == Character.SURROGATE
                    || Character.getType(codePoint) == Character.FORMAT) {
                out.append(String.format("\\u%04X", codePoint));
            } else {
                out.appendCodePoint(codePoint);
            }
            count++;
        }
        return out.toString();
    }
}
