package dev.partnertokens.keycloak.domain;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Checks the signature of a leak report the way GitHub's secret-scanning partner program signs it: ECDSA with
 * SHA-256 ({@code SHA256withECDSA}) over the raw request body, sent as base64 of the DER-encoded signature in
 * {@code Github-Public-Key-Signature}, by the key named in {@code Github-Public-Key-Identifier}.
 */
public final class ReportSignature {

    /** Why a report is refused; the message is for the reporter and names no key material. */
    public static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private ReportSignature() {
    }

    /**
     * The configured key that signed {@code body}.
     *
     * @param keys            the keys the realm trusts
     * @param keyIdentifier   the {@code Github-Public-Key-Identifier} header, may be {@code null}
     * @param signatureBase64 the {@code Github-Public-Key-Signature} header, may be {@code null}
     * @param body            the raw body, exactly as received
     * @throws Refused if a header is missing, the key is unknown, or the signature is not base64 or does not verify
     */
    public static ReporterKey verify(List<ReporterKey> keys, String keyIdentifier, String signatureBase64, byte[] body) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(body, "body");
        if (keyIdentifier == null || keyIdentifier.isBlank() || signatureBase64 == null || signatureBase64.isBlank()) {
            throw new Refused("The report must be signed: headers Github-Public-Key-Identifier and Github-Public-Key-Signature are required");
        }
        ReporterKey key = keys.stream().filter(k -> k.identifier().equals(keyIdentifier.trim())).findFirst()
                .orElseThrow(() -> new Refused("The report is signed by a key this realm does not trust"));
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureBase64.trim());
        } catch (IllegalArgumentException e) {
            throw new Refused("Github-Public-Key-Signature is not base64");
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key.publicKey());
            verifier.update(body);
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            valid = false; // a signature that is not DER is as wrong as one that does not match
        }
        if (!valid) {
            throw new Refused("The signature does not match the report");
        }
        return key;
    }
}
