package dev.partnertokens.api.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One audit entry, written once and never changed: every column is {@code updatable = false} and the class has no
 * setters; no API updates or deletes an entry. Either the partner API's own ({@code source} PARTNER_API, or
 * {@code null} in rows written before copies existed) or a copy of the provider's ({@code source} KEYCLOAK, with the
 * provider's id and its feed sequence {@code providerSeq}).
 */
@Entity
@Table(name = "PARTNER_API_AUDIT_ENTRY", indexes = {
        @Index(name = "PARTNER_API_AUDIT_PARTNER_AT", columnList = "partner, occurredAt, id"),
        @Index(name = "PARTNER_API_AUDIT_PROVIDER_SEQ", columnList = "providerSeq")})
public class AuditEntryEntity {

    private static final Pattern PROVIDER_ID = Pattern.compile("[0-9a-f-]{36}");

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

    @Column(length = 32, updatable = false)
    private String actorKind;

    @Column(length = 32, updatable = false)
    private String actorRole;

    @Column(length = 255, updatable = false)
    private String keyClientId;

    @Column(length = 1000, updatable = false)
    private String detail;

    @Column(name = "entryCount", updatable = false)
    private Integer count;

    @Enumerated(EnumType.STRING)
    @Column(length = 16, updatable = false)
    private AuditSource source;

    @Column(updatable = false)
    private Long providerSeq;

    protected AuditEntryEntity() {
    }

    /** An entry of the partner API's own. */
    static AuditEntryEntity own(String id, Instant at, String username, String partner, String actorKind, String actorRole,
                                AuditAction action, String keyId, int status, String detail, String clientIp, String requestId) {
        AuditEntryEntity entry = new AuditEntryEntity();
        entry.id = id;
        entry.occurredAt = at;
        entry.username = username;
        entry.partner = partner;
        entry.actorKind = actorKind;
        entry.actorRole = actorRole;
        entry.action = action;
        entry.keyId = keyId;
        entry.outcome = AuditOutcome.ofStatus(status);
        entry.status = status;
        entry.detail = clip(detail, 1000);
        entry.clientIp = clientIp;
        entry.requestId = requestId;
        entry.count = 1;
        entry.source = AuditSource.PARTNER_API;
        return entry;
    }

    /**
     * The copy of an entry of the provider's audit feed, or empty when it lacks its sequence, a UUID id, a time or a
     * known action. Texts are cut to their columns and stripped of control characters.
     */
    static Optional<AuditEntryEntity> copyOf(ProviderAuditEntry provided) {
        if (provided == null || provided.seq() == null || provided.id() == null || !PROVIDER_ID.matcher(provided.id()).matches()
                || provided.at() == null || provided.action() == null) {
            return Optional.empty();
        }
        AuditEntryEntity entry = new AuditEntryEntity();
        try {
            entry.occurredAt = Instant.parse(provided.at()).truncatedTo(ChronoUnit.MILLIS);
            entry.action = AuditAction.valueOf(provided.action());
        } catch (DateTimeParseException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
        entry.id = provided.id();
        entry.username = clip(provided.actor(), 255);
        entry.partner = clip(provided.partner(), 255);
        entry.keyId = clip(provided.keyId(), 100);
        entry.status = provided.status() == null ? 0 : provided.status();
        entry.outcome = entry.status > 0 ? AuditOutcome.ofStatus(entry.status) : AuditOutcome.ofProvider(provided.outcome());
        entry.clientIp = clip(provided.sourceIp(), 64);
        entry.requestId = "keycloak:" + provided.seq();
        entry.actorKind = clip(provided.actorKind(), 32);
        entry.actorRole = clip(provided.actorRole(), 32);
        entry.keyClientId = clip(provided.keyClientId(), 255);
        entry.detail = clip(provided.detail(), 1000);
        entry.count = provided.count() == null || provided.count() < 1 ? 1 : provided.count();
        entry.source = AuditSource.KEYCLOAK;
        entry.providerSeq = provided.seq();
        return Optional.of(entry);
    }

    static String clip(String text, int length) {
        if (text == null) {
            return null;
        }
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > length ? printable.substring(0, length) : printable;
    }

    String id() {
        return id;
    }

    Instant at() {
        return occurredAt;
    }

    AuditEntry toEntry() {
        return new AuditEntry(id, occurredAt.toString(), username, partner, action.name(), keyId, outcome.name(), status, clientIp,
                requestId, actorKind, actorRole, keyClientId, detail, count == null ? 1 : count,
                (source == null ? AuditSource.PARTNER_API : source).name());
    }
}
