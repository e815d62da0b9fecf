package dev.partnertokens.keycloak.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What Keycloak's client model cannot hold about a partner key: its partner, name, rights, the hash of its
 * secret, who created it, and its lifecycle. One row per key; the key's Keycloak client is {@link #clientUuid}.
 *
 * <p>Times are epoch milliseconds, as in Keycloak's own tables. The secret itself is never stored.
 */
@Entity
@Table(name = "PARTNER_KEY")
public class PartnerKeyEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CLIENT_UUID", length = 36, nullable = false)
    private String clientUuid;

    @Column(name = "CLIENT_ID", length = 255, nullable = false)
    private String clientId;

    @Column(name = "PARTNER_ID", length = 36, nullable = false)
    private String partnerId;

    /** Up to 200 code points, which is up to 400 UTF-16 units (the unit some databases count in). */
    @Column(name = "NAME", length = 400, nullable = false)
    private String name;

    /** Space-separated client scope names: the permissions VIEW, TRANSACT, MANAGE and any other scopes. */
    @Column(name = "SCOPES", length = 1000, nullable = false)
    private String scopes;

    @Column(name = "SECRET_HASH", length = 255, nullable = false)
    private String secretHash;

    @Column(name = "CREATED_BY", length = 255, nullable = false)
    private String createdBy;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    @Column(name = "EXPIRES_AT")
    private Long expiresAt;

    @Column(name = "REVOKED_AT")
    private Long revokedAt;

    /**
     * The 4 characters of the secret after the prefix all secrets share, for administrators to tell keys apart;
     * {@code null} for keys made before it was kept.
     */
    @Column(name = "SECRET_PREFIX", length = 16)
    private String secretPrefix;

    /** When the partner's Owners were told that the key expires soon; {@code null} until then. */
    @Column(name = "EXPIRY_NOTICE_SENT_AT")
    private Long expiryNoticeSentAt;

    /** The hash of the secret the last rotation replaced while it still works, else {@code null}. */
    @Column(name = "OLD_SECRET_HASH", length = 255)
    private String oldSecretHash;

    /** Until when (epoch millis, exclusive) {@link #oldSecretHash} works; {@code null} when there is none. */
    @Column(name = "OLD_SECRET_UNTIL")
    private Long oldSecretUntil;

    @Column(name = "ROTATED_AT")
    private Long rotatedAt;

    /** When the "expiring soon" event of the key's current expiry was raised; {@code null} until then. */
    @Column(name = "EXPIRING_SOON_AT")
    private Long expiringSoonAt;

    /**
     * The key's IP allowlist: space-separated canonical networks ({@code AllowedNetworks#toStored}); {@code null} when
     * the key may be used from anywhere.
     */
    @Column(name = "ALLOWED_NETWORKS", length = 2400)
    private String allowedNetworks;

    /** The shape of the key's Keycloak client ({@code keys.KeyClientShapes}); 0 for keys made before it was recorded. */
    @Column(name = "CLIENT_SHAPE", nullable = false)
    private int clientShape;

    public int getClientShape() {
        return clientShape;
    }

    public void setClientShape(int clientShape) {
        this.clientShape = clientShape;
    }

    public String getAllowedNetworks() {
        return allowedNetworks;
    }

    public void setAllowedNetworks(String allowedNetworks) {
        this.allowedNetworks = allowedNetworks;
    }

    public String getOldSecretHash() {
        return oldSecretHash;
    }

    public void setOldSecretHash(String oldSecretHash) {
        this.oldSecretHash = oldSecretHash;
    }

    public Long getOldSecretUntil() {
        return oldSecretUntil;
    }

    public void setOldSecretUntil(Long oldSecretUntil) {
        this.oldSecretUntil = oldSecretUntil;
    }

    public Long getRotatedAt() {
        return rotatedAt;
    }

    public void setRotatedAt(Long rotatedAt) {
        this.rotatedAt = rotatedAt;
    }

    public Long getExpiringSoonAt() {
        return expiringSoonAt;
    }

    public void setExpiringSoonAt(Long expiringSoonAt) {
        this.expiringSoonAt = expiringSoonAt;
    }

    public String getSecretPrefix() {
        return secretPrefix;
    }

    public void setSecretPrefix(String secretPrefix) {
        this.secretPrefix = secretPrefix;
    }

    public Long getExpiryNoticeSentAt() {
        return expiryNoticeSentAt;
    }

    public void setExpiryNoticeSentAt(Long expiryNoticeSentAt) {
        this.expiryNoticeSentAt = expiryNoticeSentAt;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getClientUuid() {
        return clientUuid;
    }

    public void setClientUuid(String clientUuid) {
        this.clientUuid = clientUuid;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getPartnerId() {
        return partnerId;
    }

    public void setPartnerId(String partnerId) {
        this.partnerId = partnerId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getScopes() {
        return scopes;
    }

    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public void setSecretHash(String secretHash) {
        this.secretHash = secretHash;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Long getRevokedAt() {
        return revokedAt;
    }

    public void setRevokedAt(Long revokedAt) {
        this.revokedAt = revokedAt;
    }
}
