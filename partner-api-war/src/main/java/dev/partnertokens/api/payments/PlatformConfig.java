package dev.partnertokens.api.payments;

/**
 * A partner's platform settings.
 *
 * @param updatedBy the partner key that changed them last
 */
public record PlatformConfig(String webhookUrl, String updatedBy, String updatedAt) {

    /** {@code PUT /api/v1/platform-config}. */
    public record Change(String webhookUrl) {
    }
}
