package dev.partnertokens.keycloak.notify;

import java.util.List;

/**
 * What the partner's Owners are told about one of its keys, captured as plain values when it happens (so that it
 * can be sent after the request's transaction, in a session of its own). Never a secret.
 *
 * @param kind       what happened
 * @param realmId    the key's realm
 * @param partnerId  the key's Organization
 * @param keyId      the key's id
 * @param keyClientId the key's client id
 * @param keyName    the key's name
 * @param rights     the key's rights
 * @param actor      who did it, as the audit trail names them ({@code null} for an expiry)
 * @param expiresAt  the key's expiry, ISO-8601, or {@code null}
 * @param foundAt    for a leaked secret: where it was found (URL, source, type; never the secret), else {@code null}
 */
public record KeyNotice(Kind kind, String realmId, String partnerId, String keyId, String keyClientId, String keyName,
                        List<String> rights, String actor, String expiresAt, String foundAt) {

    /** The e-mails; each is a template pair {@code html/<template>.ftl}, {@code text/<template>.ftl}. */
    public enum Kind {
        CREATED("partner-key-created", "partnerKeyCreatedSubject"),
        REVOKED("partner-key-revoked", "partnerKeyRevokedSubject"),
        EXPIRING("partner-key-expiring", "partnerKeyExpiringSubject"),
        /** Its secret was reported found in public, and the key revoked. */
        LEAKED("partner-key-leaked", "partnerKeyLeakedSubject");

        final String template;
        final String subjectKey;

        Kind(String template, String subjectKey) {
            this.template = template;
            this.subjectKey = subjectKey;
        }
    }

    public KeyNotice {
        rights = List.copyOf(rights);
    }
}
