package dev.partnertokens.keycloak.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * A partner key's secret: {@code ptk_}, 43 random base62 characters (256 bits), and a 6-character
 * base62 CRC32 checksum of the random part, 53 characters in all. The format is described in
 * {@code docs/secret-format.md}.
 *
 * <p>The prefix and checksum let a secret scanner recognise a leaked secret offline with few false
 * positives; they say nothing about whether the secret belongs to a live key. {@link #toString()}
 * never shows the secret; only {@link #value()} does, to be shown once to the client that created it.
 */
public final class PartnerSecret {

    /** Every secret starts with this. */
    public static final String PREFIX = "ptk_";
    /** Random base62 characters after the prefix: 62^43 ≈ 2^256.03. */
    public static final int RANDOM_LENGTH = 43;
    /** Base62 characters of the CRC32 checksum at the end. */
    public static final int CHECKSUM_LENGTH = 6;
    /** Characters in a whole secret, prefix included. */
    public static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
    /**
     * A regular expression a secret scanner can search text with. The first checksum digit is
     * {@code 0}-{@code 4} because a CRC32 is below 5 × 62^5.
     */
    public static final String SCANNER_REGEX =
            "(?<![0-9A-Za-z_])ptk_[0-9A-Za-z]{43}[0-4][0-9A-Za-z]{5}(?![0-9A-Za-z_])";

    private static final String FIELD = "secret";

    private final String value;

    private PartnerSecret(String value) {
        this.value = value;
    }

    /**
     * Draws a new secret.
     *
     * @param random a cryptographically strong generator, never {@code null}
     * @throws NullPointerException if {@code random} is {@code null}
     */
    public static PartnerSecret generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        StringBuilder randomPart = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            randomPart.append(Base62.ALPHABET.charAt(random.nextInt(62)));
        }
        return new PartnerSecret(PREFIX + randomPart + checksum(randomPart.toString()));
    }

    /**
     * Reads a secret, checking prefix, length, alphabet and checksum; no lookup of any key.
     *
     * @param text the presented secret; {@code null} is rejected like any malformed secret
     * @throws InvalidInputException with field {@code secret} if the text is not a well-formed
     *                               secret; the message never contains the text
     */
    public static PartnerSecret parse(String text) {
        String problem = problemWith(text);
        if (problem != null) {
            throw new InvalidInputException(FIELD, problem);
        }
        return new PartnerSecret(text);
    }

    /**
     * Whether {@code text} is a well-formed secret: the check a secret scanner or a client
     * authenticator runs before any lookup. Never throws.
     *
     * @param text any text, may be {@code null} (gives {@code false})
     */
    public static boolean looksValid(String text) {
        return problemWith(text) == null;
    }

    private static String problemWith(String text) {
        if (text == null) {
            return "secret is required";
        }
        if (!text.startsWith(PREFIX)) {
            return "secret must start with " + PREFIX;
        }
        if (text.length() != LENGTH) {
            return "secret must be " + LENGTH + " characters long";
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (!Base62.isDigit(text.charAt(i))) {
                return "secret may contain only 0-9, A-Z and a-z after the prefix";
            }
        }
        String randomPart = text.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
        if (!checksum(randomPart).equals(text.substring(PREFIX.length() + RANDOM_LENGTH))) {
            return "secret checksum does not match; the secret was mistyped or cut short";
        }
        return null;
    }

    static String checksum(String randomPart) {
        CRC32 crc = new CRC32();
        crc.update(randomPart.getBytes(StandardCharsets.US_ASCII));
        return Base62.encode(crc.getValue(), CHECKSUM_LENGTH);
    }

    /** The secret itself, to be shown once and then only ever hashed; never {@code null}. */
    public String value() {
        return value;
    }

    /** Compares in constant time. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PartnerSecret that
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII), that.value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** {@code PartnerSecret[ptk_…]}: never the secret. */
    @Override
    public String toString() {
        return "PartnerSecret[" + PREFIX + "…]";
    }
}
