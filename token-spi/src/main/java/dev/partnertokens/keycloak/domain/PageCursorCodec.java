package dev.partnertokens.keycloak.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes and reads the opaque {@code cursor} of the tokens API.
 *
 * <p>A cursor is base64url without padding (RFC 4648 §5) of the ASCII text
 * {@code v1|<createdAt>|<uuid>}, where {@code createdAt} is {@link Instant#toString()} and
 * {@code uuid} the lower-case UUID of the key id. A signing codec appends
 * {@code |<HMAC-SHA-256 of the text before it, base64url>}, so clients cannot forge or edit a cursor.
 * Reading is strict: anything that would not have been written exactly so is rejected.
 *
 * <p>Instances are immutable and thread-safe; {@code toString} never shows the key.
 */
public final class PageCursorCodec {

    /** Shortest signing key accepted: the HMAC-SHA-256 output size. */
    public static final int MIN_KEY_BYTES = 32;
    /** Longest cursor text read; real ones are under 160 characters. */
    public static final int MAX_LENGTH = 256;

    private static final String FIELD = "cursor";
    private static final String VERSION = "v1";
    private static final String SEPARATOR = "|";
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern LOWER_CASE_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;

    private PageCursorCodec(byte[] key) {
        this.key = key;
    }

    /** A codec whose cursors are encoded, not signed: a client could craft one by hand. */
    public static PageCursorCodec unsigned() {
        return new PageCursorCodec(null);
    }

    /**
     * A codec that signs its cursors with HMAC-SHA-256 and reads only cursors it signed.
     *
     * @param key at least {@value #MIN_KEY_BYTES} bytes, the same on every node; copied, never {@code null}
     * @throws NullPointerException     if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is shorter than {@value #MIN_KEY_BYTES} bytes
     */
    public static PageCursorCodec signed(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("cursor signing key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        return new PageCursorCodec(key.clone());
    }

    /**
     * The opaque text of {@code cursor}.
     *
     * @throws NullPointerException if {@code cursor} is {@code null}
     */
    public String encode(PageCursor cursor) {
        Objects.requireNonNull(cursor, "cursor");
        String text = VERSION + SEPARATOR + cursor.createdAt() + SEPARATOR + cursor.id().uuid();
        if (key != null) {
            text = text + SEPARATOR + ENCODER.encodeToString(sign(text));
        }
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads a cursor this codec wrote.
     *
     * @param text the {@code cursor} a client sent; {@code null} is rejected
     * @throws InvalidInputException with field {@code cursor} if {@code text} is malformed, of an
     *                               unknown version, unsigned or wrongly signed (signing codec), or
     *                               signed (unsigned codec)
     */
    public PageCursor decode(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid("cursor must not be empty; omit it to get the first page");
        }
        if (text.length() > MAX_LENGTH || !BASE64URL.matcher(text).matches()) {
            throw malformed();
        }
        String decoded = decodeAscii(text);
        String[] parts = decoded.split(Pattern.quote(SEPARATOR), -1);
        if (parts.length < 3) {
            throw malformed();
        }
        if (!VERSION.equals(parts[0])) {
            throw invalid("cursor version is not supported; start again from the first page");
        }
        int expectedParts = key == null ? 3 : 4;
        if (parts.length != expectedParts) {
            throw key == null ? malformed() : forged();
        }
        if (key != null) {
            String signed = decoded.substring(0, decoded.lastIndexOf(SEPARATOR));
            byte[] signature = decodeBase64(parts[3]);
            if (signature == null || !MessageDigest.isEqual(sign(signed), signature)) {
                throw forged();
            }
        }
        PageCursor cursor = new PageCursor(parseInstant(parts[1]), parseId(parts[2]));
        if (!encode(cursor).equals(text)) {
            throw malformed();
        }
        return cursor;
    }

    /** {@code PageCursorCodec[signed]} or {@code PageCursorCodec[unsigned]}; never the key. */
    @Override
    public String toString() {
        return "PageCursorCodec[" + (key == null ? "unsigned" : "signed") + "]";
    }

    private String decodeAscii(String text) {
        byte[] bytes = decodeBase64(text);
        if (bytes == null) {
            throw malformed();
        }
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                throw malformed();
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static byte[] decodeBase64(String text) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant parseInstant(String text) {
        try {
            Instant instant = Instant.parse(text);
            if (instant.toString().equals(text)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw malformed();
    }

    private static TokenId parseId(String text) {
        if (!LOWER_CASE_UUID.matcher(text).matches()) {
            throw malformed();
        }
        return new TokenId(UUID.fromString(text));
    }

    private byte[] sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static InvalidInputException malformed() {
        return invalid("cursor is malformed; pass nextCursor from the previous page unchanged");
    }

    private static InvalidInputException forged() {
        return invalid("cursor was not issued by this server or has been altered; pass nextCursor from the previous page unchanged");
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(FIELD, message);
    }
}
