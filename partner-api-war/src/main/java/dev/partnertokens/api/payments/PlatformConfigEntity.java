package dev.partnertokens.api.payments;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A partner's settings on the platform: where its webhooks go. */
@Entity
@Table(name = "PARTNER_API_PLATFORM_CONFIG")
public class PlatformConfigEntity {

    @Id
    @Column(length = 36)
    private String partnerId;

    @Column(nullable = false, length = 2000)
    private String webhookUrl;

    @Column(nullable = false)
    private String updatedBy;

    @Column(nullable = false)
    private Instant updatedAt;

    protected PlatformConfigEntity() {
    }

    PlatformConfigEntity(String partnerId) {
        this.partnerId = partnerId;
    }

    void update(String webhookUrl, String updatedBy, Instant updatedAt) {
        this.webhookUrl = webhookUrl;
        this.updatedBy = updatedBy;
        this.updatedAt = updatedAt;
    }

    PlatformConfig toConfig() {
        return new PlatformConfig(webhookUrl, updatedBy, updatedAt.toString());
    }
}
