package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.keycloak.it.PartnerRealm.Key;
import dev.partnertokens.keycloak.settings.BruteForceSettings;
import dev.partnertokens.testing.FromAddress;
import dev.partnertokens.testing.KeycloakCluster;
import dev.partnertokens.testing.KeycloakClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two Keycloak nodes in one cluster (one PostgreSQL, Infinispan over loopback with {@code jdbc-ping}; docs/cluster.md):
 * whatever a partner or an administrator does through one node holds at once through the other, including what the
 * provider keeps in each node's memory (key snapshots, last uses), and a node that was down finds everything on return.
 */
@ExtendWith(KeycloakClusterExtension.class)
class TwoKeycloakNodesClusterIT {

    private static final String CC_SECONDS = "partner-tokens.client-credentials-token-seconds";
    private static final String NOTICE_DAYS = "partner-tokens.expiry-notice-days";

    private KeycloakCluster cluster;
    private PartnerRealm a;
    private PartnerRealm b;

    @BeforeEach
    void nodes(KeycloakCluster cluster) {
        this.cluster = cluster;
        a = new PartnerRealm(cluster.node("a"));
        b = new PartnerRealm(cluster.node("b"));
    }

    @Test
    void aKeyCreatedThroughNodeAGetsATokenThroughNodeBAtOnce() {
        Key key = a.createKey("acme", "made on a", "VIEW", "TRANSACT");

        HttpResponse<String> token = b.clientCredentials(key.basic());

        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JsonNode claims = Http.claims(Http.json(token).path("access_token").asText());
        assertThat(claims.path("azp").asText()).isEqualTo(key.clientId());
        assertThat(claims.path("iss").asText()).as("both nodes name the cluster's URL").isEqualTo(cluster.issuer(PartnerRealm.REALM));
        assertThat(b.readToken(key.basic(), null, key.id()).statusCode()).as("the tokens API of b knows the key too").isEqualTo(200);
    }

    @Test
    void aKeyRevokedOnNodeAGetsNoTokenThroughNodeBWithinOneSecond() throws Exception {
        Key key = a.createKey("acme", "revoked on a", "VIEW");
        assertThat(b.clientCredentials(key.basic()).statusCode()).as("b knows the key, and keeps its snapshot").isEqualTo(200);

        assertThat(a.deleteToken(Http.bearer(a.platformAdminToken()), "acme", key.id()).statusCode()).isEqualTo(204);

        HttpResponse<String> refused = within(Duration.ofSeconds(1), () -> b.clientCredentials(key.basic()), r -> r.statusCode() == 401);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(b.clientCredentials(key.basic()).statusCode()).as("and stays refused").isEqualTo(401);
    }

    @Test
    void rightsTakenAwayOnNodeAAreTakenAwayOnNodeBAtOnce() throws Exception {
        Key key = a.createKey("acme", "rights reduced on a", "VIEW", "TRANSACT");
        assertThat(scope(b.clientCredentials(key.basic()))).contains("TRANSACT");

        HttpResponse<String> edited = a.patchAsAdmin("acme", key.id(), "{\"permissions\":[\"VIEW\"]}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);

        HttpResponse<String> token = within(Duration.ofSeconds(1), () -> b.clientCredentials(key.basic()),
                r -> r.statusCode() == 200 && !scope(r).contains("TRANSACT"));
        assertThat(scope(token)).contains("VIEW").doesNotContain("TRANSACT");
        assertThat(b.clientCredentials(key.basic(), "scope", "TRANSACT").statusCode()).as("asking for it is refused").isEqualTo(400);
    }

    @Test
    void aSecretRotatedOnNodeAWorksThroughNodeBAtOnceAndTheEndedOldOneNoLonger() throws Exception {
        Key key = a.createKey("acme", "rotated on a", "VIEW");
        assertThat(b.clientCredentials(key.basic()).statusCode()).isEqualTo(200);

        HttpResponse<String> rotated = a.tokensCall("POST", "/" + key.id() + "/rotate", Http.bearer(a.platformAdminToken()),
                "{\"overlapSeconds\":3600}", "X-Partner", "acme");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String newSecret = Http.json(rotated).path("clientSecret").asText();

        assertThat(b.clientCredentials(Http.basic(key.clientId(), newSecret)).statusCode()).as("the new secret, at once").isEqualTo(200);
        assertThat(b.clientCredentials(key.basic()).statusCode()).as("the old one during the overlap").isEqualTo(200);
        assertThat(a.tokensCall("POST", "/" + key.id() + "/end-overlap", Http.bearer(a.platformAdminToken()), null,
                "X-Partner", "acme").statusCode()).isEqualTo(200);
        HttpResponse<String> old = within(Duration.ofSeconds(1), () -> b.clientCredentials(key.basic()), r -> r.statusCode() == 401);
        assertThat(old.statusCode()).as("the old secret after the overlap ended on a").isEqualTo(401);
        assertThat(b.clientCredentials(Http.basic(key.clientId(), newSecret)).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenLifetimeChangedOnNodeAIsWhatNodeBGives() throws Exception {
        Key key = a.createKey("acme", "lifetime set on a", "VIEW");
        assertThat(expiresIn(b.clientCredentials(key.basic()))).isBetween(3590, 3600);
        try {
            new RealmAdmin(cluster.node("a")).setRealmAttribute(CC_SECONDS, "600");

            HttpResponse<String> token = within(Duration.ofSeconds(1), () -> b.clientCredentials(key.basic()),
                    r -> expiresIn(r) <= 600);
            assertThat(expiresIn(token)).isBetween(590, 600);
            assertThat(Http.claims(Http.json(token).path("access_token").asText()).path("exp").asLong()
                    - Instant.now().getEpochSecond()).isBetween(585L, 605L);
        } finally {
            new RealmAdmin(cluster.node("a")).setRealmAttribute(CC_SECONDS, null);
        }
    }

    @Test
    void usesSeenByBothNodesAddUp() throws Exception {
        Key key = a.createKey("acme", "used on both", "VIEW");
        for (int i = 0; i < 3; i++) {
            assertThat(a.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(b.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
        }

        // each node writes its uses behind every second (the tests' last-used-flush-seconds): 5 in the end, through both
        JsonNode throughA = within(Duration.ofSeconds(15), () -> view(a, key), v -> v.path("useCount").asLong() == 5);
        JsonNode throughB = within(Duration.ofSeconds(15), () -> view(b, key), v -> v.path("useCount").asLong() == 5);
        assertThat(throughA.path("useCount").asLong()).isEqualTo(5);
        assertThat(throughB.path("useCount").asLong()).isEqualTo(5);
        assertThat(throughB.path("lastUsedVia").asText()).isEqualTo("TOKEN_ENDPOINT");
        Thread.sleep(2_500); // two more flushes of each node: nothing is written twice
        assertThat(view(a, key).path("useCount").asLong()).isEqualTo(5);
        assertThat(view(b, key).path("useCount").asLong()).isEqualTo(5);
    }

    @Test
    void theFeedsGiveTheSameEntriesInTheSameOrderThroughBothNodes() throws Exception {
        String token = a.partnerApiToken();
        long revocationsBefore = a.feedHead("revocations", token);
        long auditBefore = a.feedHead("audit", token);

        // keys made and revoked through both nodes at the same time: each feed numbers them once, without gaps
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                PartnerRealm node = i % 2 == 0 ? a : b;
                String name = "feed " + i;
                work.add(threads.submit(() -> {
                    Key key = node.createKey("acme", name, "VIEW");
                    assertThat(node.deleteToken(Http.bearer(node.platformAdminToken()), "acme", key.id()).statusCode()).isEqualTo(204);
                    return null;
                }));
            }
            for (Future<?> each : work) {
                each.get();
            }
        } finally {
            threads.shutdownNow();
        }

        JsonNode revocationsA = Http.json(a.feed("revocations", "after=" + revocationsBefore, token));
        JsonNode revocationsB = Http.json(b.feed("revocations", "after=" + revocationsBefore, b.partnerApiToken()));
        assertThat(revocationsA.path("entries")).hasSize(4);
        assertThat(revocationsB.path("entries")).isEqualTo(revocationsA.path("entries"));
        assertThat(seqs(revocationsA)).containsExactly(revocationsBefore + 1, revocationsBefore + 2, revocationsBefore + 3, revocationsBefore + 4);
        assertThat(revocationsB.path("last").asLong()).isEqualTo(revocationsA.path("last").asLong());

        JsonNode auditA = Http.json(a.feed("audit", "after=" + auditBefore + "&limit=500", token));
        JsonNode auditB = Http.json(b.feed("audit", "after=" + auditBefore + "&limit=500", token));
        assertThat(auditB.path("entries")).isEqualTo(auditA.path("entries"));
        List<Long> auditSeqs = seqs(auditA);
        assertThat(auditSeqs).hasSizeGreaterThanOrEqualTo(8); // 4 creations, 4 revocations
        for (int i = 0; i < auditSeqs.size(); i++) {
            assertThat(auditSeqs.get(i)).as("no sequence is given twice or skipped").isEqualTo(auditBefore + 1 + i);
        }

        // a long poll on b answers with what a writes while it waits
        Future<JsonNode> waiting = Executors.newSingleThreadExecutor().submit(() ->
                Http.json(b.feed("revocations", "after=" + revocationsA.path("last").asLong() + "&wait=20", token)));
        Thread.sleep(500);
        Key late = a.createKey("acme", "revoked while b waits", "VIEW");
        assertThat(a.deleteToken(Http.bearer(a.platformAdminToken()), "acme", late.id()).statusCode()).isEqualTo(204);
        JsonNode answered = waiting.get(25, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answered.path("entries")).hasSize(1);
        assertThat(answered.path("entries").get(0).path("subject").asText()).isEqualTo(late.clientId());
    }

    @Test
    void aNodeThatWasDownFindsEverythingThatHappenedMeanwhile() throws Exception {
        Key revokedMeanwhile = a.createKey("acme", "revoked while b was down", "VIEW");
        Key usedOnB = a.createKey("acme", "used on b before it stopped", "VIEW");
        assertThat(b.clientCredentials(revokedMeanwhile.basic()).statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(b.clientCredentials(usedOnB.basic()).statusCode()).isEqualTo(200);
        }
        String token = a.partnerApiToken();
        long revocationsBefore = a.feedHead("revocations", token);

        cluster.stop("b");
        Key madeMeanwhile;
        try {
            assertThat(view(a, usedOnB).path("useCount").asLong()).as("b wrote its uses when it stopped").isEqualTo(3);
            assertThat(a.deleteToken(Http.bearer(a.platformAdminToken()), "acme", revokedMeanwhile.id()).statusCode()).isEqualTo(204);
            madeMeanwhile = a.createKey("acme", "made while b was down", "VIEW");
            new RealmAdmin(cluster.node("a")).setRealmAttribute(CC_SECONDS, "900");
            // as in a realm set up before the key authenticator went first
            new RealmAdmin(cluster.node("a")).setClientAuthenticatorPriority("partner-key", 60);
            assertThat(new RealmAdmin(cluster.node("a")).clientAuthenticators()).last().isEqualTo("partner-key");
        } finally {
            cluster.start("b");
        }
        assertThat(new RealmAdmin(cluster.node("a")).clientAuthenticators()).as("b put it first when it started")
                .first().isEqualTo("partner-key");
        try {
            b = new PartnerRealm(cluster.node("b"));
            assertThat(b.clientCredentials(revokedMeanwhile.basic()).statusCode()).as("revoked while it was down").isEqualTo(401);
            HttpResponse<String> made = b.clientCredentials(madeMeanwhile.basic());
            assertThat(made.statusCode()).as("made while it was down").isEqualTo(200);
            assertThat(expiresIn(made)).as("the lifetime set while it was down").isBetween(890, 900);
            JsonNode revocations = Http.json(b.feed("revocations", "after=" + revocationsBefore, b.partnerApiToken()));
            assertThat(revocations.path("entries")).hasSize(1);
            assertThat(revocations.path("entries").get(0).path("subject").asText()).isEqualTo(revokedMeanwhile.clientId());
            assertThat(view(b, usedOnB).path("useCount").asLong()).isEqualTo(3);
        } finally {
            new RealmAdmin(cluster.node("a")).setRealmAttribute(CC_SECONDS, null);
        }
    }

    @Test
    void aKeyThatEntersItsNoticePeriodIsAnnouncedOnceThoughBothNodesRunTheHousekeeping() throws Exception {
        // keys that expire in 20 days are not due with the default 7 days' notice; 30 days makes them all due at once,
        // for the housekeeping of both nodes (every 2 s in the tests), which then race for them
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            PartnerRealm node = i % 2 == 0 ? a : b;
            keys.add(node.createKeyExpiringAt("acme", "expiring " + i, Instant.now().plus(Duration.ofDays(20)), "VIEW"));
        }
        String token = a.partnerApiToken();
        long auditBefore = a.feedHead("audit", token);
        try {
            new RealmAdmin(cluster.node("a")).setRealmAttribute(NOTICE_DAYS, "30");

            List<String> announced = within(Duration.ofSeconds(30), () -> expiringSoonEntries(token, auditBefore),
                    entries -> keys.stream().allMatch(key -> entries.contains(key.clientId())));
            Thread.sleep(5_000); // two or more further runs of each node's housekeeping
            announced = expiringSoonEntries(token, auditBefore);
            for (Key key : keys) {
                assertThat(announced.stream().filter(key.clientId()::equals).count())
                        .as("EXPIRING_SOON entries of %s", key.clientId()).isEqualTo(1);
            }
        } finally {
            new RealmAdmin(cluster.node("a")).setRealmAttribute(NOTICE_DAYS, null);
        }
    }

    /** The key client ids of the EXPIRING_SOON entries of the audit feed after {@code after}, one per entry. */
    /** The brute-force guard counts in Keycloak's distributed single-use store: every node sees the same counts. */
    @Test
    void failuresOnNodeAThrottleThatAddressOnNodeBAndNoOtherAddress() throws Exception {
        Key key = a.createKey("acme", "guarded on both nodes", "VIEW");
        RealmAdmin admin = new RealmAdmin(cluster.node("a"));
        FromAddress stranger = FromAddress.of("127.0.0.2");
        FromAddress partner = FromAddress.of("127.0.0.3");
        String token = a.partnerApiToken();
        long auditBefore = a.feedHead("audit", token);
        admin.setRealmAttribute(BruteForceSettings.WINDOW_SECONDS, String.valueOf(windowWithRoomLeft()));
        admin.setRealmAttribute(BruteForceSettings.ADDRESS_KEY_FAILURES, "3");
        admin.setRealmAttribute(BruteForceSettings.ENABLED, "true");
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(clientCredentials(stranger, a, key.clientId(), "ptk_" + "0".repeat(43)).status()).isEqualTo(401);
            }

            FromAddress.Answer throttled = within(Duration.ofSeconds(2),
                    () -> clientCredentials(stranger, b, key.clientId(), key.secret()), answer -> answer.status() == 429);
            assertThat(throttled.status()).as("the right secret, from the address that failed on a, at b").isEqualTo(429);
            assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();
            assertThat(clientCredentials(partner, b, key.clientId(), key.secret()).status())
                    .as("an address that never failed keeps getting tokens").isEqualTo(200);
            assertThat(clientCredentials(partner, a, key.clientId(), key.secret()).status()).isEqualTo(200);

            List<JsonNode> throttles = new ArrayList<>();
            Http.json(b.feed("audit", "after=" + auditBefore + "&limit=500", b.partnerApiToken())).path("entries").forEach(entry -> {
                if ("THROTTLED".equals(entry.path("action").asText())) {
                    throttles.add(entry);
                }
            });
            assertThat(throttles).as("one entry for the cluster, not one per node or request").hasSize(1);
            assertThat(throttles.get(0).path("sourceIp").asText()).isEqualTo("127.0.0.2");
        } finally {
            admin.setRealmAttribute(BruteForceSettings.ENABLED, null);
            admin.setRealmAttribute(BruteForceSettings.ADDRESS_KEY_FAILURES, null);
            admin.setRealmAttribute(BruteForceSettings.WINDOW_SECONDS, null);
        }
    }

    /** A window length (windows are aligned on the epoch) whose current window has at least five minutes left. */
    private static long windowWithRoomLeft() {
        long now = System.currentTimeMillis() / 1000;
        long window = 7200;
        while (window - now % window < 300) {
            window++;
        }
        return window;
    }

    private static FromAddress.Answer clientCredentials(FromAddress from, PartnerRealm node, String clientId, String secret) {
        return from.post(node.tokenEndpoint(), "application/x-www-form-urlencoded", "grant_type=client_credentials",
                "Authorization", Http.basic(clientId, secret));
    }

    private List<String> expiringSoonEntries(String token, long after) {
        List<String> clientIds = new ArrayList<>();
        long from = after;
        while (true) {
            JsonNode page = Http.json(a.feed("audit", "after=" + from + "&limit=500", token));
            if (page.path("entries").isEmpty()) {
                return clientIds;
            }
            page.path("entries").forEach(entry -> {
                if ("EXPIRING_SOON".equals(entry.path("action").asText())) {
                    clientIds.add(entry.path("keyClientId").asText());
                }
            });
            from = page.path("last").asLong();
        }
    }

    private static JsonNode view(PartnerRealm node, Key key) {
        HttpResponse<String> response = node.readToken(Http.bearer(node.platformAdminToken()), "acme", key.id());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private static String scope(HttpResponse<String> token) {
        return Http.json(token).path("scope").asText();
    }

    private static int expiresIn(HttpResponse<String> token) {
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return Http.json(token).path("expires_in").asInt();
    }

    private static List<Long> seqs(JsonNode feed) {
        List<Long> seqs = new ArrayList<>();
        feed.path("entries").forEach(entry -> seqs.add(entry.path("seq").asLong()));
        return seqs;
    }

    /** Asks until the answer is as expected or {@code deadline} has passed, and returns the last answer. */
    private static <T> T within(Duration deadline, Supplier<T> ask, java.util.function.Predicate<T> expected) throws InterruptedException {
        Instant end = Instant.now().plus(deadline);
        T answer = ask.get();
        while (!expected.test(answer) && Instant.now().isBefore(end)) {
            Thread.sleep(50);
            answer = ask.get();
        }
        return answer;
    }
}
