package dev.partnertokens.api.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One management action, written once and never changed: every column is {@code updatable = false} and the class
 * has no setters; no API updates or deletes an entry.
 */
@Entity
@Table(name = "PARTNER_API_AUDIT_ENTRY", indexes = @Index(name = "PARTNER_API_AUDIT_PARTNER_AT", columnList = "partner, occurredAt, id"))
public class AuditEntryEntity {

    @Id
    @Column(length = 36, updatable = false)
    private String id;

    @Column(nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(length = 255, updatable = false)
    private String username;

    @Column(length = 255, updatable = false)
    private String partner;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, updatable = false)
    private AuditAction action;

    @Column(length = 100, updatable = false)
    private String keyId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, updatable = false)
    private AuditOutcome outcome;

    @Column(nullable = false, updatable = false)
    private int status;

    @Column(length = 64, updatable = false)
    private String clientIp;

    @Column(nullable = false, length = 64, updatable = false)
    private String requestId;

    protected AuditEntryEntity() {
    }

    AuditEntryEntity(String id, Instant at, String username, String partner, AuditAction action, String keyId,
                     AuditOutcome outcome, int status, String clientIp, String requestId) {
        this.id = id;
        this.occurredAt = at;
        this.username = username;
        this.partner = partner;
        this.action = action;
        this.keyId = keyId;
        this.outcome = outcome;
        this.status = status;
        this.clientIp = clientIp;
        this.requestId = requestId;
    }

    String id() {
        return id;
    }

    Instant at() {
        return occurredAt;
    }

    AuditEntry toEntry() {
        return new AuditEntry(id, occurredAt.toString(), username, partner, action.name(), keyId, outcome.name(), status, clientIp, requestId);
    }
}
