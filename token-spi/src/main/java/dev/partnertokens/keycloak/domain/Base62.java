package dev.partnertokens.keycloak.domain;

/** The base62 alphabet {@code 0-9A-Za-z}, in that order: digit values 0 to 61. */
final class Base62 {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Base62() {
    }

    static boolean isDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** {@code value} in base62, most significant digit first, left-padded with {@code 0} to {@code width}. */
    static String encode(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("value must not be negative");
        }
        char[] digits = new char[width];
        long rest = value;
        for (int i = width - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (rest % 62));
            rest /= 62;
        }
        if (rest != 0) {
            throw new IllegalArgumentException("value does not fit in " + width + " base62 digits");
        }
        return new String(digits);
    }
}
