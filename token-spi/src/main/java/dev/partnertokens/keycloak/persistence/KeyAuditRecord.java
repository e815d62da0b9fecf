package dev.partnertokens.keycloak.persistence;

import java.util.Objects;

/**
 * What an audit entry says, as the provider writes and reads it (the wire form is the feed's). Texts are cut to
 * their columns' lengths and stripped of control characters here, so no caller can break a row.
 *
 * @param partnerId  the Organization's id, {@code null} when the partner is unknown (a failed authentication of an
 *                   unknown key id)
 * @param occurredAt epoch milliseconds
 * @param count      how many events this entry stands for (aggregated failures), otherwise 1
 */
public record KeyAuditRecord(String partnerId, String partnerAlias, long occurredAt, String action, String outcome,
                             int status, String actorKind, String actor, String actorRole, String keyId,
                             String keyClientId, String detail, String sourceIp, int count) {

    public KeyAuditRecord {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(actorKind, "actorKind");
        partnerAlias = clip(partnerAlias, 255);
        actor = clip(actor, 255);
        keyClientId = clip(keyClientId, 255);
        detail = clip(detail, 1000);
        sourceIp = clip(sourceIp, 64);
    }

    private static String clip(String text, int length) {
        if (text == null) {
            return null;
        }
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > length ? printable.substring(0, length - 1) + "\u2026" : printable;
    }
}
