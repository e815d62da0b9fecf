package dev.partnertokens.keycloak.domain;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A public key that signs leak reports (secret scanning, e.g. one of GitHub's keys from
 * {@code https://api.github.com/meta/public_keys/secret_scanning}): an identifier, as the reporter sends it in
 * {@code Github-Public-Key-Identifier}, and an ECDSA P-256 public key in PEM ({@code -----BEGIN PUBLIC KEY-----}, an
 * X.509 SubjectPublicKeyInfo).
 *
 * @param identifier the key's identifier, 1 to {@value #MAX_IDENTIFIER_LENGTH} visible ASCII characters
 * @param pem        the key as configured, normalised to the PEM text
 * @param publicKey  the parsed key, never {@code null}
 */
public record ReporterKey(String identifier, String pem, PublicKey publicKey) {

    public static final int MAX_IDENTIFIER_LENGTH = 128;
    private static final Pattern IDENTIFIER = Pattern.compile("[\\x21-\\x7e]{1," + MAX_IDENTIFIER_LENGTH + "}");
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";
    /** The order of the P-256 (secp256r1, prime256v1) group: tells P-256 apart from other curves. */
    private static final String P256_ORDER = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";

    public ReporterKey {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(pem, "pem");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /**
     * Reads a configured key.
     *
     * @param identifier the identifier the reporter names the key by
     * @param pem        the public key in PEM
     * @throws InvalidInputException (fields {@code key_identifier}, {@code key}) if the identifier is empty or too long,
     *                               or the PEM is not an ECDSA P-256 public key
     */
    public static ReporterKey of(String identifier, String pem) {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            throw new InvalidInputException("key_identifier", "key_identifier must be 1 to " + MAX_IDENTIFIER_LENGTH
                    + " visible ASCII characters");
        }
        if (pem == null) {
            throw new InvalidInputException("key", "key is required: an ECDSA P-256 public key in PEM");
        }
        String text = pem.trim();
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw new InvalidInputException("key", "key must be a PEM public key (" + BEGIN + " … " + END + ")");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(BEGIN.length(), text.length() - END.length()).trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("key", "key is not valid base64 between the PEM lines");
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new InvalidInputException("key", "key is not an ECDSA public key");
        }
        if (!(key instanceof ECPublicKey ec) || !isP256(ec.getParams())) {
            throw new InvalidInputException("key", "key must be on the curve P-256 (secp256r1), as GitHub's keys are");
        }
        return new ReporterKey(identifier, text, key);
    }

    private static boolean isP256(ECParameterSpec params) {
        return params != null && params.getCurve().getField().getFieldSize() == 256
                && P256_ORDER.equals(params.getOrder().toString(16));
    }
}
