package dev.partnertokens.benchmark;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.json.JsonObject;

import dev.partnertokens.api.payments.UnprotectedTransactionsResource;
import dev.partnertokens.api.security.TokenCheckCost;
import dev.partnertokens.api.testing.KeycloakTokens;
import dev.partnertokens.testing.KeycloakServer;
import dev.partnertokens.testing.KeycloakSettings;
import dev.partnertokens.testing.WildFlyServer;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Issue #4's benchmark, not a test: in one run against one WildFly, requests per second of the protected
 * {@code GET /api/v1/transactions} (a VIEW key's bearer token, checked on every request) against the same work
 * unprotected (a twin resource added to a copy of the WAR), in interleaved rounds, with the revocation check on; and
 * the cost of one token check in microseconds, measured in-process on the same verifier code. Target:
 * protected/unprotected ≥ 0.9.
 */
public final class ProtectedEndpointBenchmark {

    private static final double TARGET = 0.9;
    /** WildFly's port offset; {@code -Dbench.wildfly.port.offset=N} when another WildFly uses 500. */
    private static final int PORT_OFFSET = Integer.getInteger("bench.wildfly.port.offset", 500);

    private ProtectedEndpointBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        Path target = Path.of(System.getProperty("run.target", "partner-api-war/target"));
        Path war = warWithUnprotectedTwin(Path.of(System.getProperty("partner-api.war")), target.resolve("benchmark"));
        try (KeycloakServer keycloak = KeycloakServer.start(KeycloakSettings.fromSystemProperties())) {
            String realm = keycloak.realmUri("partners").toString();
            KeycloakTokens tokens = new KeycloakTokens(keycloak);
            JsonObject key = tokens.createKey("acme", "benchmark reader", "VIEW");
            String token = tokens.clientCredentials("partners", key.getString("clientId"), key.getString("clientSecret"));
            String partnerId = partnerIdOf(token);
            try (WildFlyServer wildfly = WildFlyServer.start(Path.of(System.getProperty("wildfly.home")),
                    target.resolve("benchmark/wildfly"), war, PORT_OFFSET,
                    Map.of("mp.jwt.verify.publickey.location", realm + "/protocol/openid-connect/certs",
                            "mp.jwt.verify.issuer", realm,
                            "partner-api.db.url", "jdbc:h2:file:" + target.toAbsolutePath().resolve("benchmark/db/partner-api")
                                    + ";DB_CLOSE_ON_EXIT=FALSE"),
                    "/partner-api/api/v1/me", target.resolve("benchmark/wildfly.log"))) {
                String api = wildfly.baseUri() + "/partner-api/api/v1";
                Scenario protectedCall = new Scenario("(p)", "protected, bearer token checked",
                        get(api + "/transactions").header("Authorization", "Bearer " + token).build(), null, () -> { });
                Scenario unprotectedCall = new Scenario("(u)", "unprotected twin",
                        get(api + "/benchmark/unprotected-transactions").header("X-Partner-Id", partnerId).build(), null, () -> { });
                measure(settings, protectedCall, unprotectedCall);
            }
            String jwks = realm + "/protocol/openid-connect/certs";
            double full = TokenCheckCost.microsPerCheck(jwks, realm, "partner-api", token, 20_000, true);
            double seen = TokenCheckCost.microsPerCheck(jwks, realm, "partner-api", token, 20_000, false);
            System.out.printf(Locale.ROOT, "%nOne token check, in-process, 20000 checks after 20000 warm-up:"
                    + " %.1f µs from scratch (RS256 signature and claims), %.1f µs for a token seen before%n", full, seen);
        }
    }

    private static void measure(BenchmarkSettings settings, Scenario protectedCall, Scenario unprotectedCall) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        LoadGenerator load = new LoadGenerator(http, settings.workers());
        load.run(protectedCall, settings.warmup());
        load.run(unprotectedCall, settings.warmup());
        List<Measurement> protectedRounds = new ArrayList<>();
        List<Measurement> unprotectedRounds = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            for (Scenario scenario : List.of(protectedCall, unprotectedCall)) {
                load.run(scenario, settings.warmup());
                Measurement measured = load.run(scenario, settings.measurement());
                (scenario == protectedCall ? protectedRounds : unprotectedRounds).add(measured);
                System.out.printf(Locale.ROOT, "[bench] round %d/%d %-35s %8.1f requests/s  p50 %6.1f ms  p99 %6.1f ms  errors: %d%n",
                        round, settings.rounds(), scenario.name(), measured.grantsPerSecond(), measured.latencyMillis(50),
                        measured.latencyMillis(99), measured.errors());
            }
        }
        double[] ratios = new double[settings.rounds()];
        for (int round = 0; round < ratios.length; round++) {
            ratios[round] = protectedRounds.get(round).grantsPerSecond() / unprotectedRounds.get(round).grantsPerSecond();
        }
        double median = median(ratios);
        double ratioOfMedians = median(protectedRounds.stream().mapToDouble(Measurement::grantsPerSecond).toArray())
                / median(unprotectedRounds.stream().mapToDouble(Measurement::grantsPerSecond).toArray());
        boolean valid = protectedRounds.stream().allMatch(Measurement::valid) && unprotectedRounds.stream().allMatch(Measurement::valid);
        System.out.printf(Locale.ROOT, "%nprotected/unprotected per round: %s → median of ratios %.3f, ratio of medians %.3f"
                        + " (target >= %.2f): %s%n", Arrays.toString(ratios), median, ratioOfMedians, TARGET,
                !valid ? "INVALID (errors > 1%)" : median >= TARGET ? "met" : "MISSED");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static Path warWithUnprotectedTwin(Path war, Path directory) throws Exception {
        Files.createDirectories(directory);
        Path copy = directory.resolve("partner-api.war");
        ShrinkWrap.createFromZipFile(WebArchive.class, war.toFile())
                .addClass(UnprotectedTransactionsResource.class)
                .as(ZipExporter.class)
                .exportTo(new File(copy.toString()), true);
        return copy;
    }

    private static String partnerIdOf(String jwt) {
        String claims = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return jakarta.json.Json.createReader(new java.io.StringReader(claims)).readObject().getString("partner_id");
    }

    private static HttpRequest.Builder get(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Scenario.REQUEST_TIMEOUT).GET();
    }
}
