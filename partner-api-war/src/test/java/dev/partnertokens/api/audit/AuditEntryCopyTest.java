package dev.partnertokens.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** What {@code GET /api/v1/audit} shows of the partner API's own entries and of the provider's copies. */
class AuditEntryCopyTest {

    private static final String ID = "0b9f4b7e-4f1a-4c1e-9d1e-1b2c3d4e5f60";

    @Test
    void aCopyShowsWhatTheProviderRecordedAsTheProvidersEntry() {
        AuditEntry entry = AuditEntryEntity.copyOf(new ProviderAuditEntry(7L, ID, "2026-11-27T07:00:00.123Z", "org-1", "acme", "REVOKE",
                "SUCCESS", 204, "PERSON", "owner@acme.example", "OWNER", "Token:1", "pk-1", "revoked by the owner", "127.0.0.1", 1))
                .orElseThrow().toEntry();
        assertThat(entry.id()).isEqualTo(ID);
        assertThat(entry.at()).isEqualTo("2026-11-27T07:00:00.123Z");
        assertThat(entry.username()).isEqualTo("owner@acme.example");
        assertThat(entry.partner()).isEqualTo("acme");
        assertThat(entry.action()).isEqualTo("REVOKE");
        assertThat(entry.outcome()).isEqualTo("SUCCEEDED");
        assertThat(entry.status()).isEqualTo(204);
        assertThat(entry.actorKind()).isEqualTo("PERSON");
        assertThat(entry.actorRole()).isEqualTo("OWNER");
        assertThat(entry.keyId()).isEqualTo("Token:1");
        assertThat(entry.keyClientId()).isEqualTo("pk-1");
        assertThat(entry.detail()).isEqualTo("revoked by the owner");
        assertThat(entry.clientIp()).isEqualTo("127.0.0.1");
        assertThat(entry.count()).isEqualTo(1);
        assertThat(entry.source()).isEqualTo("KEYCLOAK");
        assertThat(entry.requestId()).isEqualTo("keycloak:7");
    }

    @Test
    void aggregatedFailedAuthenticationsKeepTheirCountAndARefusalReadsAsDenied() {
        AuditEntry entry = AuditEntryEntity.copyOf(new ProviderAuditEntry(8L, ID, "2026-11-27T07:00:00Z", null, null, "AUTH_FAILED",
                "REFUSED", 401, "KEY", "pk-unknown", null, null, "pk-unknown", null, "10.0.0.1", 12)).orElseThrow().toEntry();
        assertThat(entry.action()).isEqualTo("AUTH_FAILED");
        assertThat(entry.outcome()).isEqualTo("DENIED");
        assertThat(entry.count()).isEqualTo(12);
        assertThat(entry.partner()).isNull();
    }

    @Test
    void textsAreCutToTheirColumnsAndStrippedOfControlCharacters() {
        AuditEntry entry = AuditEntryEntity.copyOf(new ProviderAuditEntry(9L, ID, "2026-11-27T07:00:00Z", "org-1", "acme", "EDIT",
                "SUCCESS", 200, "ADMIN_CONSOLE", "ad\nmin", null, null, null, "x".repeat(5000), null, null)).orElseThrow().toEntry();
        assertThat(entry.username()).isEqualTo("ad?min");
        assertThat(entry.detail()).hasSize(1000);
        assertThat(entry.count()).isEqualTo(1);
    }

    @Test
    void anEntryWithoutSequenceUuidTimeOrAKnownActionIsNotCopied() {
        assertThat(AuditEntryEntity.copyOf(entry(null, ID, "2026-11-27T07:00:00Z", "VIEW"))).isEmpty();
        assertThat(AuditEntryEntity.copyOf(entry(1L, "not-a-uuid", "2026-11-27T07:00:00Z", "VIEW"))).isEmpty();
        assertThat(AuditEntryEntity.copyOf(entry(1L, ID, "yesterday", "VIEW"))).isEmpty();
        assertThat(AuditEntryEntity.copyOf(entry(1L, ID, "2026-11-27T07:00:00Z", "EXPLODE"))).isEmpty();
        assertThat(AuditEntryEntity.copyOf(entry(1L, ID, "2026-11-27T07:00:00Z", "VIEW"))).isPresent();
    }

    @Test
    void thePartnerApisOwnEntryIsAPersonsWithTheirDashboardRole() {
        AuditEntry entry = AuditEntryEntity.own(ID, Instant.parse("2026-11-27T07:00:00Z"), "developer@acme.example", "acme", "PERSON",
                "DEVELOPER", AuditAction.EDIT, "Token:1", 403, "Your dashboard role DEVELOPER may not do this.", "127.0.0.1",
                "request-1").toEntry();
        assertThat(entry.source()).isEqualTo("PARTNER_API");
        assertThat(entry.detail()).isEqualTo("Your dashboard role DEVELOPER may not do this.");
        assertThat(entry.actorKind()).isEqualTo("PERSON");
        assertThat(entry.actorRole()).isEqualTo("DEVELOPER");
        assertThat(entry.outcome()).isEqualTo("DENIED");
        assertThat(entry.count()).isEqualTo(1);
    }

    private static ProviderAuditEntry entry(Long seq, String id, String at, String action) {
        return new ProviderAuditEntry(seq, id, at, null, "acme", action, "SUCCESS", 200, "KEY", "pk-1", null, null, null, null, null, 1);
    }
}
