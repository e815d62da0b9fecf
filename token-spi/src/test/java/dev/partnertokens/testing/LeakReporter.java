package dev.partnertokens.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A secret scanner for tests, signing the way GitHub's secret-scanning partner program does: an ECDSA P-256 key
 * pair made here, SHA256withECDSA over the raw body, the DER signature in base64.
 */
public final class LeakReporter {

    private final String identifier;
    private final KeyPair keys;

    private LeakReporter(String identifier, KeyPair keys) {
        this.identifier = identifier;
        this.keys = keys;
    }

    /** A new reporter with a fresh P-256 key pair. */
    public static LeakReporter create(String identifier) {
        return new LeakReporter(identifier, pair("secp256r1"));
    }

    /** A reporter whose key is on another curve than P-256 (P-384). */
    public static LeakReporter onCurveP384(String identifier) {
        return new LeakReporter(identifier, pair("secp384r1"));
    }

    private static KeyPair pair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String identifier() {
        return identifier;
    }

    /** The public key in PEM, as in GitHub's key list. */
    public String publicKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** The key list with this reporter's key, in the format of {@code api.github.com/meta/public_keys/secret_scanning}. */
    public String keyList() {
        return "{\"public_keys\":[{\"key_identifier\":\"" + identifier + "\",\"key\":\""
                + publicKeyPem().replace("\n", "\\n") + "\",\"is_current\":true}]}";
    }

    /** The base64 DER signature of {@code body}, for {@code Github-Public-Key-Signature}. */
    public String sign(String body) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A report body with one match, as GitHub sends it. */
    public static String report(String token, String url, String source) {
        return "[{\"token\":\"" + token + "\",\"type\":\"partner_tokens_secret\",\"url\":\"" + url + "\",\"source\":\"" + source + "\"}]";
    }
}
