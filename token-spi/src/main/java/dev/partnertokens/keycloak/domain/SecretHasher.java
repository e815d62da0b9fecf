package dev.partnertokens.keycloak.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a secret into the only form that is stored, and checks a presented secret against it.
 *
 * <p>Stored forms (the digest of the secret's UTF-8 bytes, base64url without padding, 43 characters):
 * <ul>
 *   <li>{@code sha256:<base64url>}: plain SHA-256, when no pepper is configured;</li>
 *   <li>{@code hmac-sha256:<base64url>}: HMAC-SHA-256 keyed with the pepper.</li>
 * </ul>
 * The prefix names the algorithm, so a pepper can be introduced later: a peppered hasher still
 * accepts old {@code sha256:} hashes and {@link #needsRehash(String)} says which to replace.
 * No slow KDF: secrets are 256 random bits, not passwords, so one hash is as strong as a thousand.
 *
 * <p>Instances are immutable and thread-safe. Nothing here logs, and no message or
 * {@code toString} contains a secret or the pepper.
 */
public final class SecretHasher {

    /** Prefix of stored plain SHA-256 hashes. */
    public static final String SHA256 = "sha256:";
    /** Prefix of stored HMAC-SHA-256 hashes. */
    public static final String HMAC_SHA256 = "hmac-sha256:";
    /** Shortest pepper accepted: the HMAC-SHA-256 output size. */
    public static final int MIN_PEPPER_BYTES = 32;

    private static final int DIGEST_BYTES = 32;

    private final byte[] pepper;

    private SecretHasher(byte[] pepper) {
        this.pepper = pepper;
    }

    /** A hasher that stores plain SHA-256. */
    public static SecretHasher sha256() {
        return new SecretHasher(null);
    }

    /**
     * A hasher that stores HMAC-SHA-256 keyed with {@code pepper}, and still accepts plain SHA-256
     * hashes stored before the pepper was introduced.
     *
     * @param pepper at least {@value #MIN_PEPPER_BYTES} bytes, kept outside the database (for
     *               example in Keycloak's vault); copied, never {@code null}
     * @throws NullPointerException     if {@code pepper} is {@code null}
     * @throws IllegalArgumentException if {@code pepper} is shorter than {@value #MIN_PEPPER_BYTES} bytes
     */
    public static SecretHasher withPepper(byte[] pepper) {
        Objects.requireNonNull(pepper, "pepper");
        if (pepper.length < MIN_PEPPER_BYTES) {
            throw new IllegalArgumentException("pepper must be at least " + MIN_PEPPER_BYTES + " bytes");
        }
        return new SecretHasher(pepper.clone());
    }

    /**
     * The stored form of {@code secret}, with this hasher's preferred algorithm.
     *
     * @throws NullPointerException if {@code secret} is {@code null}
     */
    public String hash(PartnerSecret secret) {
        return hash(Objects.requireNonNull(secret, "secret").value());
    }

    /**
     * The stored form of {@code secret}, with this hasher's preferred algorithm.
     *
     * @param secret any text, not necessarily a well-formed {@link PartnerSecret}; never {@code null}
     * @throws NullPointerException if {@code secret} is {@code null}
     */
    public String hash(String secret) {
        Objects.requireNonNull(secret, "secret");
        return pepper == null ? SHA256 + encode(sha256(secret)) : HMAC_SHA256 + encode(hmac(secret));
    }

    /**
     * Whether {@code presented} is the secret behind {@code storedHash}; the digests are compared in
     * constant time. Never throws on bad input.
     *
     * @param presented  the secret a client sent; {@code null} gives {@code false}
     * @param storedHash a value from {@link #hash}; {@code null}, malformed, an unknown algorithm, or
     *                   {@code hmac-sha256:} on a hasher without pepper give {@code false}
     */
    public boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        byte[] expected;
        byte[] actual;
        if (storedHash.startsWith(SHA256)) {
            expected = decode(storedHash.substring(SHA256.length()));
            actual = sha256(presented);
        } else if (storedHash.startsWith(HMAC_SHA256) && pepper != null) {
            expected = decode(storedHash.substring(HMAC_SHA256.length()));
            actual = hmac(presented);
        } else {
            return false;
        }
        return expected != null && MessageDigest.isEqual(expected, actual);
    }

    /**
     * Whether {@code storedHash} should be replaced by {@link #hash} the next time the secret is
     * presented and matches: true when it uses another algorithm than this hasher prefers.
     *
     * @param storedHash a stored hash, never {@code null}
     * @throws NullPointerException if {@code storedHash} is {@code null}
     */
    public boolean needsRehash(String storedHash) {
        Objects.requireNonNull(storedHash, "storedHash");
        return !storedHash.startsWith(pepper == null ? SHA256 : HMAC_SHA256);
    }

    /** {@code SecretHasher[sha256]} or {@code SecretHasher[hmac-sha256]}; never the pepper. */
    @Override
    public String toString() {
        return "SecretHasher[" + (pepper == null ? "sha256" : "hmac-sha256") + "]";
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private byte[] hmac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static String encode(byte[] digest) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** The digest, or {@code null} if {@code text} is not exactly a 32-byte unpadded base64url value. */
    private static byte[] decode(String text) {
        try {
            byte[] digest = Base64.getUrlDecoder().decode(text);
            return digest.length == DIGEST_BYTES && encode(digest).equals(text) ? digest : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
