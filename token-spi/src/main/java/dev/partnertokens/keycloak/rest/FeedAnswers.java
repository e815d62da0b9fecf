package dev.partnertokens.keycloak.rest;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.partnertokens.keycloak.persistence.KeyAuditEntity;
import dev.partnertokens.keycloak.persistence.KeyAuditRecord;
import dev.partnertokens.keycloak.persistence.RevocationEntity;

/** The wire form of the revocation and audit feeds (ADR 7). */
final class FeedAnswers {

    private FeedAnswers() {
    }

    record RevocationFeed(List<Revocation> entries, long last, long now) {
    }

    /**
     * @param scopes             the scopes earlier tokens may keep, {@code null} when none may
     * @param expiresNoLaterThan epoch seconds, or {@code null}
     */
    record Revocation(long seq, String kind, String subject, String partnerId, long issuedBefore, List<String> scopes,
                      Long expiresNoLaterThan, String reason, long recordedAt) {

        static Revocation of(RevocationEntity entry) {
            return new Revocation(entry.getSeq(), entry.getKind(), entry.getSubject(), entry.getPartnerId(),
                    entry.getIssuedBefore(),
                    entry.getScopes() == null ? null : Arrays.stream(entry.getScopes().split(" ")).filter(s -> !s.isEmpty()).toList(),
                    entry.getExpiresNoLaterThan(), entry.getReason(), entry.getRecordedAt());
        }
    }

    record AuditFeed(List<AuditEntry> entries, long last) {
    }

    record AuditEntry(long seq, String id, String at, String partnerId, String partner, String action, String outcome,
                      int status, String actorKind, String actor, String actorRole, String keyId, String keyClientId,
                      String detail, String sourceIp, int count) {

        static AuditEntry of(KeyAuditEntity entity) {
            KeyAuditRecord entry = entity.toRecord();
            return new AuditEntry(entity.getSeq(), entity.getId(), Instant.ofEpochMilli(entry.occurredAt()).toString(),
                    entry.partnerId(), entry.partnerAlias(), entry.action(), entry.outcome(), entry.status(),
                    entry.actorKind(), entry.actor(), entry.actorRole(),
                    entry.keyId() == null ? null : "Token:" + entry.keyId(), entry.keyClientId(), entry.detail(),
                    entry.sourceIp(), entry.count());
        }
    }
}
