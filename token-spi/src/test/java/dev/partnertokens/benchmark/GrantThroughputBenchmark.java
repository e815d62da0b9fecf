package dev.partnertokens.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.partnertokens.testing.KeycloakServer;
import dev.partnertokens.testing.KeycloakSettings;

/**
 * Grants per second against one real Keycloak, in one run: (a) a stock client-secret client through
 * {@code client_credentials}, (b) a partner key through {@code client_credentials}, (c) a partner key through
 * the partner refresh-token endpoint, and (d) (b) again with the recording of the key's last use turned off for the
 * realm ((b) and (c) run with it on): (b)/(d) is what last-used tracking costs, and (e) (b) again with the brute-force
 * guard turned off for the realm ((b), (c) and (d) run with it on): (b)/(e) is what the guard costs a grant. The scenarios are interleaved round by round and reported as medians,
 * so that noise on the machine hits all three alike. Not a test: run it with {@code -Pbenchmark}
 * (see {@code docs/benchmarks.md}).
 */
public final class GrantThroughputBenchmark {

    static final String REALM = "partners";
    static final double TARGET_PARTNER_KEY = 0.95;
    static final double TARGET_REFRESH_TOKEN = 0.90;
    static final double TARGET_LAST_USED = 0.97;
    static final double TARGET_GUARD = 0.97;

    private static final PrintStream OUT = System.out;

    private final HttpClient http;
    private final URI realm;
    private final BenchmarkSettings settings;

    GrantThroughputBenchmark(HttpClient http, URI realm, BenchmarkSettings settings) {
        this.http = http;
        this.realm = realm;
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        KeycloakSettings keycloakSettings = KeycloakSettings.fromSystemProperties();
        KeycloakServer keycloak = KeycloakServer.start(keycloakSettings);
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                keycloak.close();
            }
        };
        Thread stopOnExit = new Thread(stop, "stop-keycloak");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        Results results;
        try {
            results = new GrantThroughputBenchmark(http, keycloak.realmUri(REALM), settings)
                    .run(new LastUsedTracking(http, keycloak), keycloakSettings.logFile(),
                            FlightRecordings.fromSystemProperties(keycloak.javaProcessId()));
        } finally {
            stop.run();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run; Keycloak is stopped either way
            }
        }
        printSummary(settings, results);
    }

    Results run(LastUsedTracking tracking, java.nio.file.Path keycloakLog, Optional<FlightRecordings> recordings) throws Exception {
        OUT.println("[bench] " + settings + "; " + Runtime.getRuntime().availableProcessors() + " processors");
        Results results = new Results();
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(Scenario.clientCredentials("(a)", "stock client secret, client_credentials", realm, "demo-cc", "demo-cc-secret"));
        PartnerKeys.Result created = new PartnerKeys(http, realm).create();
        Optional<PartnerKey> key = created.key();
        if (key.isPresent()) {
            OUT.println("[bench] Created partner key " + key.get().id() + " (client " + key.get().clientId() + ") for partner acme");
            Scenario partnerKey = Scenario.clientCredentials("(b)", "partner key, client_credentials", realm,
                    key.get().clientId(), key.get().clientSecret());
            LastUsedTracking guard = tracking.of(LastUsedTracking.GUARD);
            // every scenario sets both realm switches itself: the order of the scenarios changes from round to round
            scenarios.add(partnerKey.with("(b)", partnerKey.name(), () -> switches(tracking, true, guard, true)));
            Scenario refresh = Scenario.refreshToken("(c)", "partner key, refresh-token endpoint", realm, key.get());
            scenarios.add(refresh.with("(c)", refresh.name(), () -> switches(tracking, true, guard, true)));
            scenarios.add(partnerKey.with("(d)", "partner key, client_credentials, last used off",
                    () -> switches(tracking, false, guard, true)));
            scenarios.add(partnerKey.with("(e)", "partner key, client_credentials, guard off",
                    () -> switches(tracking, true, guard, false)));
        } else {
            OUT.println("[bench] The partner key could not be created: " + created.failure() + "; measuring (a) only");
            results.notMeasured("(b)", "partner key, client_credentials", "no partner key: " + created.failure());
            results.notMeasured("(c)", "partner key, refresh-token endpoint", "no partner key: " + created.failure());
            results.notMeasured("(d)", "partner key, client_credentials, last used off", "no partner key: " + created.failure());
            results.notMeasured("(e)", "partner key, client_credentials, guard off", "no partner key: " + created.failure());
        }
        List<Scenario> working = usable(scenarios, results);
        int countedGrants = QueryCount.fromSystemProperties();
        if (countedGrants > 0) {
            // once warm (caches filled), so that what is counted is what every grant costs
            working.forEach(scenario -> scenario.before().run());
            new QueryCount(http, keycloakLog, countedGrants).print(working, OUT);
        }
        LoadGenerator load = new LoadGenerator(http, settings.workers());
        warmUpColdServer(load, working);
        for (int round = 1; round <= settings.rounds(); round++) {
            for (Scenario scenario : inOrderOfRound(working, round)) {
                scenario.before().run();
                if (!settings.warmup().isZero()) {
                    load.run(scenario, settings.warmup());
                }
                int thisRound = round;
                recordings.ifPresent(recording -> recording.start(thisRound, scenario.label()));
                Measurement measurement = load.run(scenario, settings.measurement());
                recordings.ifPresent(FlightRecordings::stop);
                results.add(scenario, measurement);
                OUT.printf(Locale.ROOT, "[bench] round %d/%d %s %-38s %8.1f grants/s  p50 %6.1f ms  p99 %6.1f ms  errors: %s%n",
                        round, settings.rounds(), scenario.label(), scenario.name(), measurement.grantsPerSecond(),
                        measurement.latencyMillis(50), measurement.latencyMillis(99), measurement.errorBreakdown());
            }
        }
        return results;
    }

    private static void switches(LastUsedTracking tracking, boolean trackingOn, LastUsedTracking guard, boolean guardOn) {
        tracking.set(trackingOn);
        guard.set(guardOn);
    }

    /**
     * The scenarios in the order of this round: rotated by one each round, so that no scenario always runs right after
     * the same other one (whose garbage its collector pauses, caches and JIT state it would otherwise always inherit).
     * See docs/benchmarks.md, "Session 6".
     */
    static List<Scenario> inOrderOfRound(List<Scenario> scenarios, int round) {
        List<Scenario> ordered = new ArrayList<>(scenarios);
        java.util.Collections.rotate(ordered, -((round - 1) % Math.max(1, scenarios.size())));
        return ordered;
    }

    /** A freshly started Keycloak is still compiling its hot paths: give every scenario one extra warm-up first. */
    private void warmUpColdServer(LoadGenerator load, List<Scenario> scenarios) throws InterruptedException {
        if (settings.warmup().isZero()) {
            return;
        }
        OUT.println("[bench] Warming up the freshly started Keycloak: " + settings.warmup().toSeconds() + " s per scenario");
        for (Scenario scenario : scenarios) {
            scenario.before().run();
            load.run(scenario, settings.warmup());
        }
    }

    /** The scenarios whose request works once; the others are reported as not measured, with the status. */
    private List<Scenario> usable(List<Scenario> scenarios, Results results) throws Exception {
        List<Scenario> working = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            Optional<String> failure = scenario.probe(http);
            if (failure.isPresent()) {
                OUT.println("[bench] " + scenario.label() + " " + scenario.name() + " does not work: " + failure.get());
                results.notMeasured(scenario.label(), scenario.name(), failure.get());
            } else {
                working.add(scenario);
            }
        }
        return working;
    }

    private static void printSummary(BenchmarkSettings settings, Results results) {
        OUT.println();
        OUT.println("Grant throughput, " + settings + ", medians over the rounds:");
        OUT.println();
        results.printTable(OUT);
        OUT.println();
        results.printRatio(OUT, "(b)", "(a)", TARGET_PARTNER_KEY);
        results.printRatio(OUT, "(c)", "(a)", TARGET_REFRESH_TOKEN);
        results.printRatio(OUT, "(b)", "(d)", TARGET_LAST_USED);
        results.printRatio(OUT, "(b)", "(e)", TARGET_GUARD);
        OUT.println();
    }
}
