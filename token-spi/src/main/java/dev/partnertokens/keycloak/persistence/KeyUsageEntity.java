package dev.partnertokens.keycloak.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A key's last use and use count, apart from the key's row so that writing it never changes the key (its version,
 * its snapshot) and a key edit never writes over it. Written only by {@link KeyUsageLog}'s updates.
 */
@Entity
@Table(name = "PARTNER_KEY_USAGE")
public class KeyUsageEntity {

    @Id
    @Column(name = "KEY_ID", length = 36)
    private String keyId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "LAST_USED_AT")
    private Long lastUsedAt;

    @Column(name = "LAST_USED_IP", length = 64)
    private String lastUsedIp;

    @Column(name = "LAST_USED_AGENT", length = 255)
    private String lastUsedAgent;

    @Column(name = "LAST_USED_VIA", length = 32)
    private String lastUsedVia;

    @Column(name = "USE_COUNT", nullable = false)
    private long useCount;

    protected KeyUsageEntity() {
    }

    KeyUsageEntity(String keyId, String realmId) {
        this.keyId = keyId;
        this.realmId = realmId;
    }

    public String getKeyId() {
        return keyId;
    }

    public Long getLastUsedAt() {
        return lastUsedAt;
    }

    public String getLastUsedIp() {
        return lastUsedIp;
    }

    public String getLastUsedAgent() {
        return lastUsedAgent;
    }

    public String getLastUsedVia() {
        return lastUsedVia;
    }

    public long getUseCount() {
        return useCount;
    }
}
