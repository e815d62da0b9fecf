package dev.partnertokens.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.partnertokens.testing.KeycloakDatabase;
import dev.partnertokens.testing.KeycloakServer;
import dev.partnertokens.testing.KeycloakSettings;
import dev.partnertokens.testing.PostgresDatabase;

/**
 * 100,000 keys against 10 (issue #11, part 4): one Keycloak on PostgreSQL with two realms, {@code bench-big}
 * (partner {@code heavy} with 10,000 keys, 90 partners with 1,000 each) and {@code bench-small} (partner {@code heavy}
 * with 10 keys), seeded through the bulk path. Interleaved rounds measure, in both realms: (g) key
 * {@code client_credentials} grants per second ({@code bench.workers} workers), (l) the tokens API's first list page
 * of partner {@code heavy} and (v) get-by-id of 100 of its keys in turn ({@code bench.api-workers} workers), each as a
 * key of {@code heavy} with VIEW (HTTP Basic). Then the query plans of the provider's growing queries, the tables'
 * sizes, and the heap Keycloak retains. Not a test: {@code -Pbenchmark-100k}, see docs/benchmarks.md.
 *
 * <p>PostgreSQL's data directory is kept in {@code target/bench-100k/postgres}: a rerun tops up what is missing and
 * seeds nothing else; {@code -Dbench.reseed=true} (or {@code rm -rf token-spi/target/bench-100k}) starts afresh.
 * {@code bench.seed-minutes} bounds the seeding of one run (the rest is left for the next run; the measurement uses
 * what there is and says so), {@code bench.seed-threads} (2) bulk calls run at once.
 */
public final class HundredThousandKeysBenchmark {

    static final double TARGET_GRANTS = 0.90;
    static final double TARGET_LIST_P99_MILLIS = 50;

    private static final PrintStream OUT = System.out;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        int keys = Integer.getInteger("bench.keys", 100_000);
        int heavyKeys = Integer.getInteger("bench.heavy-keys", 10_000);
        int partners = Integer.getInteger("bench.partners", 90);
        int smallKeys = Integer.getInteger("bench.small-keys", 10);
        int apiWorkers = Integer.getInteger("bench.api-workers", 2);
        if (heavyKeys > keys || partners < 1 || (keys - heavyKeys) % partners != 0) {
            throw new IllegalArgumentException("bench.keys - bench.heavy-keys must split evenly over bench.partners");
        }
        KeycloakSettings harness = KeycloakSettings.fromSystemProperties();
        Path data = harness.logFile().getParent().resolve("bench-100k");
        if (Boolean.getBoolean("bench.reseed")) {
            deleteRecursively(data);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        long began = System.nanoTime();
        Path home = ownDistribution(harness.home(), data.resolve("keycloak"));
        try (PostgresDatabase postgres = PostgresDatabase.startKeepingData(data.resolve("postgres"))) {
            KeycloakSettings keycloakSettings = new KeycloakSettings(home, harness.providers(), List.of(), "postgres",
                    // without the admin console's declarative pages (declarative-ui), key creation writes no component
                    // per key (ADR 9); organization is on by default, and naming it replaces the harness's feature list
                    List.of("--features=organization"),
                    List.of("--db-url=" + postgres.jdbcUrl(), "--db-username=" + postgres.user(), "--db-password=" + postgres.password(),
                            "--spi-admin-realm-restapi-extension--partner-tokens--bulk-keys=true"),
                    Map.of(), harness.httpPort(), harness.managementPort(), harness.logFile().getParent().resolve("keycloak-100k.log"), false);
            try (KeycloakServer keycloak = KeycloakServer.start(keycloakSettings)) {
                Runtime.getRuntime().addShutdownHook(new Thread(keycloak::close, "stop-keycloak")); // Ctrl-C
                KeycloakDatabase database = KeycloakDatabase.postgres(home, postgres);
                HeapProbe heap = new HeapProbe(http, keycloak.managementUri(), home);
                SeededRealms realms = new SeededRealms(http, keycloak, database);
                List<String> bigPartners = new ArrayList<>(List.of(SeededRealms.HEAVY));
                for (int i = 1; i <= partners; i++) {
                    bigPartners.add(String.format(Locale.ROOT, "p%03d", i));
                }
                realms.ensureRealm(SeededRealms.BIG, bigPartners);
                realms.ensureRealm(SeededRealms.SMALL, List.of(SeededRealms.HEAVY));
                long seedingBegan = System.nanoTime();
                long deadline = seedingBegan + Duration.ofMinutes(Long.getLong("bench.seed-minutes", 24 * 60)).toNanos();
                List<SeededRealms.Call> calls = new ArrayList<>(realms.missing(SeededRealms.SMALL, smallKeys, 0));
                calls.addAll(realms.missing(SeededRealms.BIG, heavyKeys, (keys - heavyKeys) / partners));
                long seeded = realms.seed(calls, Integer.getInteger("bench.seed-threads", 2), deadline);
                double seedingSeconds = (System.nanoTime() - seedingBegan) / 1e9;
                OUT.printf(Locale.ROOT, "[seed] %d keys created in %.0f s%s; keys per partner: big %s, small %s%n", seeded,
                        seedingSeconds, seeded == 0 ? "" : String.format(Locale.ROOT, " (%.0f keys/s)", seeded / seedingSeconds),
                        summary(realms.keysPerPartner(SeededRealms.BIG)), realms.keysPerPartner(SeededRealms.SMALL));
                heap.retainedHeapMegabytes().ifPresent(mb -> OUT.printf(Locale.ROOT,
                        "[heap] Keycloak's heap after a full GC, seeded, before the load: %.0f MB%n", mb));

                Results results = measure(http, keycloak, realms, settings, apiWorkers);
                printSummary(settings, apiWorkers, results);
                heap.retainedHeapMegabytes().ifPresent(mb -> OUT.printf(Locale.ROOT,
                        "[heap] Keycloak's heap after a full GC, after the load: %.0f MB%n", mb));
                new QueryPlans(database).print(OUT, SeededRealms.BIG, SeededRealms.HEAVY);
            }
        }
        OUT.printf(Locale.ROOT, "[bench] done in %.1f min%n", (System.nanoTime() - began) / 60e9);
    }

    private static Results measure(HttpClient http, KeycloakServer keycloak, SeededRealms realms, BenchmarkSettings settings,
                                   int apiWorkers) throws Exception {
        OUT.println("[bench] " + settings + " (grants); " + apiWorkers + " workers for the tokens API; "
                + Runtime.getRuntime().availableProcessors() + " processors");
        List<Measured> scenarios = new ArrayList<>();
        for (String realm : List.of(SeededRealms.BIG, SeededRealms.SMALL)) {
            String size = SeededRealms.BIG.equals(realm) ? "big" : "small";
            URI realmUri = keycloak.realmUri(realm);
            SeededRealms.RunKey key = realms.runKey(realm, SeededRealms.HEAVY);
            String basic = basic(key.clientId(), key.secret());
            scenarios.add(new Measured(Scenario.clientCredentials("(g-" + size + ")", "key client_credentials, " + realm,
                    realmUri, key.clientId(), key.secret()), List.of(), settings.workers()));
            HttpRequest list = get(URI.create(realmUri + "/tokens?limit=20"), basic);
            scenarios.add(new Measured(new Scenario("(l-" + size + ")", "tokens API list page (20 of heavy's keys), " + realm,
                    list, "data", () -> { }), List.of(list), apiWorkers));
            List<HttpRequest> gets = new ArrayList<>();
            for (String id : ids(http, realmUri, basic)) {
                gets.add(get(URI.create(realmUri + "/tokens/" + id), basic));
            }
            scenarios.add(new Measured(new Scenario("(v-" + size + ")", "tokens API get by id (" + gets.size() + " keys in turn), "
                    + realm, gets.get(0), "id", () -> { }), gets, apiWorkers));
        }
        for (Measured measured : scenarios) {
            var failure = measured.scenario().probe(http);
            if (failure.isPresent()) {
                throw new IllegalStateException(measured.scenario().label() + " does not work: " + failure.get());
            }
        }
        Results results = new Results();
        OUT.println("[bench] Warming up: " + settings.warmup().toSeconds() + " s per scenario");
        for (Measured measured : scenarios) {
            measured.run(http, settings.warmup());
        }
        for (int round = 1; round <= settings.rounds(); round++) {
            for (Measured measured : realmsTakingTurns(scenarios, round)) {
                measured.run(http, settings.warmup());
                Measurement measurement = measured.run(http, settings.measurement());
                results.add(measured.scenario(), measurement);
                OUT.printf(Locale.ROOT, "[bench] round %d/%d %-9s %-58s %8.1f /s  p50 %6.1f ms  p99 %6.1f ms  errors: %s%n",
                        round, settings.rounds(), measured.scenario().label(), measured.scenario().name(),
                        measurement.grantsPerSecond(), measurement.latencyMillis(50), measurement.latencyMillis(99),
                        measurement.errorBreakdown());
            }
        }
        return results;
    }

    /**
     * The scenarios of the big realm, then the small realm's, in odd rounds, and the small realm's first in even
     * rounds: neither realm's grants always run right after the other's, inheriting its garbage and collector pauses.
     */
    static <T> List<T> realmsTakingTurns(List<T> bigThenSmall, int round) {
        List<T> ordered = new ArrayList<>(bigThenSmall);
        if (round % 2 == 0) {
            java.util.Collections.rotate(ordered, ordered.size() / 2);
        }
        return ordered;
    }

    /** A scenario with its requests (one, or several in turn) and its number of workers. */
    private record Measured(Scenario scenario, List<HttpRequest> requests, int workers) {

        Measurement run(HttpClient http, Duration duration) throws InterruptedException {
            if (duration.isZero()) {
                return null;
            }
            return requests.isEmpty() ? new LoadGenerator(http, workers).run(scenario, duration)
                    : new RotatingLoad(http, workers).run(requests, duration);
        }
    }

    /** The ids of up to 100 of the caller's partner's keys, from the tokens API's first page. */
    private static List<String> ids(HttpClient http, URI realm, String basic) throws Exception {
        HttpResponse<String> page = http.send(get(URI.create(realm + "/tokens?limit=100"), basic), HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + page.statusCode() + " from the tokens API's list of " + realm.getPath());
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode item : JSON.readTree(page.body()).path("data")) {
            ids.add(item.path("id").asText());
        }
        return ids;
    }

    private static void printSummary(BenchmarkSettings settings, int apiWorkers, Results results) {
        OUT.println();
        OUT.println("100,000 keys against 10, " + settings + "; tokens API with " + apiWorkers + " workers; medians over the rounds"
                + " (\"grants/s\" = answers 200 per second):");
        OUT.println();
        results.printTable(OUT);
        OUT.println();
        results.printRatio(OUT, "(g-big)", "(g-small)", TARGET_GRANTS);
        results.printRatio(OUT, "(l-big)", "(l-small)", 0);
        results.printRatio(OUT, "(v-big)", "(v-small)", 0);
        OUT.printf(Locale.ROOT, "list page p99 in the big realm (median over the rounds): see (l-big) above (target < %.0f ms)%n",
                TARGET_LIST_P99_MILLIS);
        OUT.println();
    }

    private static String summary(Map<String, Long> perPartner) {
        long total = perPartner.values().stream().mapToLong(Long::longValue).sum();
        Map<Long, Long> histogram = perPartner.values().stream().collect(Collectors.groupingBy(c -> c, java.util.TreeMap::new, Collectors.counting()));
        return total + " in " + perPartner.size() + " partners (keys x partners: " + histogram.entrySet().stream()
                .map(e -> e.getKey() + " x " + e.getValue()).collect(Collectors.joining(", ")) + ")";
    }

    private static HttpRequest get(URI uri, String authorization) {
        return HttpRequest.newBuilder(uri).header("Authorization", authorization).timeout(Scenario.REQUEST_TIMEOUT).GET().build();
    }

    private static String basic(String clientId, String clientSecret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A copy of the distribution of its own (made once, kept with the data), so that the integration tests, which build
     * {@code target/keycloak-*} with their own options, can run meanwhile.
     */
    private static Path ownDistribution(Path distribution, Path copy) throws Exception {
        if (!java.nio.file.Files.isDirectory(copy)) {
            java.nio.file.Files.createDirectories(copy.getParent());
            Process cp = new ProcessBuilder("cp", "-a", distribution.toAbsolutePath().toString(), copy.toAbsolutePath().toString())
                    .inheritIO().start();
            if (cp.waitFor() != 0) {
                throw new IllegalStateException("Could not copy " + distribution + " to " + copy);
            }
        }
        return copy;
    }

    private static void deleteRecursively(Path path) throws java.io.IOException {
        if (!java.nio.file.Files.exists(path)) {
            return;
        }
        try (var walk = java.nio.file.Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
        OUT.println("[seed] bench.reseed: removed " + path);
    }

    private HundredThousandKeysBenchmark() {
    }

}
