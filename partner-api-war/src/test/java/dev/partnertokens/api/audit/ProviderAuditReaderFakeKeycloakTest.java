package dev.partnertokens.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import dev.partnertokens.api.feeds.ProviderFeed;
import dev.partnertokens.api.testing.FakeKeycloak;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider's audit feed copied from a fake Keycloak into a trail kept in memory (by id, as the table is). */
class ProviderAuditReaderFakeKeycloakTest {

    private FakeKeycloak keycloak;
    private FakeKeycloak.Feed audit;
    private ProviderFeed feed;
    private final Map<String, AuditEntryEntity> trail = new ConcurrentHashMap<>();

    @BeforeEach
    void fakeKeycloak() throws Exception {
        keycloak = FakeKeycloak.start();
        audit = keycloak.feed(FakeKeycloak.AUDIT);
        feed = new ProviderFeed(keycloak.serviceAccountToken(), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        feed.close();
        keycloak.close();
    }

    @Test
    void everyEntryIsCopiedOncePageByPageAndThenALongPollWaitsForMore() throws Exception {
        for (int i = 0; i < 501; i++) {
            audit.add(entry("LIST"));
        }
        ProviderAuditReader reader = reader(0);
        reader.pollOnce();
        reader.pollOnce();
        assertThat(trail).hasSize(501);
        assertThat(audit.queries()).containsExactly("after=0&limit=500&wait=0", "after=500&limit=500&wait=0");

        audit.add(entry("REVOKE"));
        reader.pollOnce();
        assertThat(audit.queries().get(2)).isEqualTo("after=501&limit=500&wait=1");
        assertThat(trail).hasSize(502);
    }

    @Test
    void afterARestartCopyingGoesOnAfterTheHighestSequenceAlreadyCopied() throws Exception {
        for (int i = 0; i < 3; i++) {
            audit.add(entry("VIEW"));
        }
        reader(2).pollOnce();
        assertThat(audit.queries()).containsExactly("after=2&limit=500&wait=0");
        assertThat(trail).hasSize(1);
    }

    @Test
    void anEntryThisApiCannotReadIsSkippedWithoutHoldingUpTheOthers() throws Exception {
        audit.add(entry("EXPLODE"));
        audit.add(entry("CREATE"));
        ProviderAuditReader reader = reader(0);
        reader.pollOnce();
        assertThat(trail.values()).extracting(e -> e.toEntry().action()).containsExactly("CREATE");
        assertThat(reader.after()).isEqualTo(2);
    }

    private ProviderAuditReader reader(long alreadyCopied) {
        return new ProviderAuditReader(feed, keycloak.issuer() + FakeKeycloak.AUDIT, 1, () -> alreadyCopied, this::copy);
    }

    private int copy(List<AuditEntryEntity> copies) {
        int added = 0;
        for (AuditEntryEntity copy : copies) {
            added += trail.putIfAbsent(copy.id(), copy) == null ? 1 : 0;
        }
        return added;
    }

    private static JsonObjectBuilder entry(String action) {
        return Json.createObjectBuilder().add("id", UUID.randomUUID().toString()).add("at", "2026-11-27T07:00:00.123Z")
                .add("partnerId", "org-1").add("partner", "acme").add("action", action).add("outcome", "SUCCESS").add("status", 200)
                .add("actorKind", "KEY").add("actor", "pk-1").addNull("actorRole").add("keyId", "Token:1").add("keyClientId", "pk-1")
                .addNull("detail").add("sourceIp", "127.0.0.1").add("count", 1);
    }
}
