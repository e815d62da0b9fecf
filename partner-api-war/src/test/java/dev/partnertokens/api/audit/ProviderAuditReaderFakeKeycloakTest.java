package dev.partnertokens.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        ProviderAuditReader reader = reader(null);
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
    void afterARestartCopyingGoesOnAfterTheHighestSequenceAlreadyCopiedOnceThatEntryIsStillThere() throws Exception {
        String second = UUID.randomUUID().toString();
        audit.add(entry("VIEW"));
        audit.add(entry("VIEW").add("id", second));
        audit.add(entry("REVOKE"));
        ProviderAuditReader reader = reader(new AuditTrail.LastCopy(2, second));
        reader.pollOnce();
        assertThat(audit.queries()).containsExactly("after=1&limit=500&wait=0");
        assertThat(trail.values()).as("the first entry is not read again").extracting(e -> e.toEntry().action())
                .containsExactlyInAnyOrder("VIEW", "REVOKE");
        assertThat(reader.after()).isEqualTo(3);
    }

    @Test
    void whenTheProviderNoLongerHasTheEntryCopiedLastCopyingStartsOverFromItsFirstEntry() throws Exception {
        for (int i = 0; i < 3; i++) {
            audit.add(entry("VIEW"));
        }
        ProviderAuditReader reader = reader(new AuditTrail.LastCopy(35, UUID.randomUUID().toString()));
        reader.pollOnce();
        assertThat(trail).isEmpty();
        reader.pollOnce();
        assertThat(audit.queries()).containsExactly("after=34&limit=500&wait=0", "after=0&limit=500&wait=0");
        assertThat(trail).hasSize(3);
    }

    @Test
    void anEntryUnderTheSameSequenceWithAnotherIdMeansAnotherLogAndCopyingStartsOver() throws Exception {
        audit.add(entry("VIEW"));
        audit.add(entry("VIEW"));
        ProviderAuditReader reader = reader(new AuditTrail.LastCopy(2, UUID.randomUUID().toString()));
        reader.pollOnce();
        reader.pollOnce();
        assertThat(audit.queries()).containsExactly("after=1&limit=500&wait=0", "after=0&limit=500&wait=0");
        assertThat(trail).hasSize(2);
    }

    @Test
    void anEntryThisApiCannotReadIsSkippedWithoutHoldingUpTheOthers() throws Exception {
        audit.add(entry("EXPLODE"));
        audit.add(entry("CREATE"));
        ProviderAuditReader reader = reader(null);
        reader.pollOnce();
        assertThat(trail.values()).extracting(e -> e.toEntry().action()).containsExactly("CREATE");
        assertThat(reader.after()).isEqualTo(2);
    }

    private ProviderAuditReader reader(AuditTrail.LastCopy copiedLast) {
        return new ProviderAuditReader(feed, keycloak.issuer() + FakeKeycloak.AUDIT, 1, () -> Optional.ofNullable(copiedLast), this::copy);
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
