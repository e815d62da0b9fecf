package dev.partnertokens.keycloak.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One entry of the provider's audit log (ADR 7): a key action or refusal, or an aggregate of failed key
 * authentications. Written once; nothing updates or deletes an entry except the removal of its realm.
 */
@Entity
@Table(name = "PARTNER_KEY_AUDIT")
public class KeyAuditEntity {

    @Id
    @Column(name = "SEQ")
    private long seq;

    @Column(name = "ID", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false, updatable = false)
    private String realmId;

    @Column(name = "PARTNER_ID", length = 36, updatable = false)
    private String partnerId;

    @Column(name = "PARTNER_ALIAS", length = 255, updatable = false)
    private String partnerAlias;

    @Column(name = "OCCURRED_AT", nullable = false, updatable = false)
    private long occurredAt;

    @Column(name = "ACTION", length = 16, nullable = false, updatable = false)
    private String action;

    @Column(name = "OUTCOME", length = 16, nullable = false, updatable = false)
    private String outcome;

    @Column(name = "STATUS", nullable = false, updatable = false)
    private int status;

    @Column(name = "ACTOR_KIND", length = 16, nullable = false, updatable = false)
    private String actorKind;

    @Column(name = "ACTOR", length = 255, updatable = false)
    private String actor;

    @Column(name = "ACTOR_ROLE", length = 16, updatable = false)
    private String actorRole;

    @Column(name = "KEY_ID", length = 36, updatable = false)
    private String keyId;

    @Column(name = "KEY_CLIENT_ID", length = 255, updatable = false)
    private String keyClientId;

    @Column(name = "DETAIL", length = 1000, updatable = false)
    private String detail;

    @Column(name = "SOURCE_IP", length = 64, updatable = false)
    private String sourceIp;

    @Column(name = "EVENT_COUNT", nullable = false, updatable = false)
    private int count;

    protected KeyAuditEntity() {
    }

    KeyAuditEntity(long seq, String id, String realmId, KeyAuditRecord entry) {
        this.seq = seq;
        this.id = id;
        this.realmId = realmId;
        this.partnerId = entry.partnerId();
        this.partnerAlias = entry.partnerAlias();
        this.occurredAt = entry.occurredAt();
        this.action = entry.action();
        this.outcome = entry.outcome();
        this.status = entry.status();
        this.actorKind = entry.actorKind();
        this.actor = entry.actor();
        this.actorRole = entry.actorRole();
        this.keyId = entry.keyId();
        this.keyClientId = entry.keyClientId();
        this.detail = entry.detail();
        this.sourceIp = entry.sourceIp();
        this.count = entry.count();
    }

    public long getSeq() {
        return seq;
    }

    public String getId() {
        return id;
    }

    public KeyAuditRecord toRecord() {
        return new KeyAuditRecord(partnerId, partnerAlias, occurredAt, action, outcome, status, actorKind, actor, actorRole,
                keyId, keyClientId, detail, sourceIp, count);
    }
}
