package dev.partnertokens.keycloak.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entry of the revocation log (ADR 7): which tokens issued up to when are no longer to be accepted. */
@Entity
@Table(name = "PARTNER_REVOCATION")
public class RevocationEntity {

    @Id
    @Column(name = "SEQ")
    private long seq;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "KIND", length = 16, nullable = false)
    private String kind;

    @Column(name = "SUBJECT", length = 255, nullable = false)
    private String subject;

    @Column(name = "PARTNER_ID", length = 36)
    private String partnerId;

    @Column(name = "ISSUED_BEFORE", nullable = false)
    private long issuedBefore;

    @Column(name = "SCOPES", length = 1000)
    private String scopes;

    @Column(name = "EXPIRES_NO_LATER_THAN")
    private Long expiresNoLaterThan;

    @Column(name = "REASON", length = 32, nullable = false)
    private String reason;

    @Column(name = "RECORDED_AT", nullable = false)
    private long recordedAt;

    protected RevocationEntity() {
    }

    RevocationEntity(long seq, String realmId, String kind, String subject, String partnerId, long issuedBefore,
                     String scopes, Long expiresNoLaterThan, String reason, long recordedAt) {
        this.seq = seq;
        this.realmId = realmId;
        this.kind = kind;
        this.subject = subject;
        this.partnerId = partnerId;
        this.issuedBefore = issuedBefore;
        this.scopes = scopes;
        this.expiresNoLaterThan = expiresNoLaterThan;
        this.reason = reason;
        this.recordedAt = recordedAt;
    }

    public long getSeq() {
        return seq;
    }

    public String getKind() {
        return kind;
    }

    public String getSubject() {
        return subject;
    }

    public String getPartnerId() {
        return partnerId;
    }

    public long getIssuedBefore() {
        return issuedBefore;
    }

    /** Space-separated scopes the key keeps, or {@code null} when none of its earlier tokens may be kept. */
    public String getScopes() {
        return scopes;
    }

    public Long getExpiresNoLaterThan() {
        return expiresNoLaterThan;
    }

    public String getReason() {
        return reason;
    }

    public long getRecordedAt() {
        return recordedAt;
    }
}
