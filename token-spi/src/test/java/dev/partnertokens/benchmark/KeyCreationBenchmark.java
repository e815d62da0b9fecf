package dev.partnertokens.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.partnertokens.testing.KeycloakServer;
import dev.partnertokens.testing.KeycloakSettings;
import dev.partnertokens.testing.PostgresDatabase;

/**
 * What creating a key costs: statements and time per key on the bulk path (docs/benchmarks.md, "100,000 keys",
 * "Seeding speed"). One Keycloak on a fresh embedded PostgreSQL, started with {@code org.hibernate.SQL:debug} (every
 * statement Hibernate sends is one log line, as {@link QueryCount} counts grants); a realm with one partner; then
 * {@code bench.create-rounds} (3) bulk calls of {@code bench.create-keys} (100) keys each, one after the other, each
 * timed and its statements counted, grouped by their text up to the first {@code where}. The first call also makes
 * the realm's right scopes and the authenticator; later calls show the steady state.
 *
 * <p>{@code -Dbench.count-statements=false} starts Keycloak without the SQL log (its writing costs time too): keys/s only.
 */
public final class KeyCreationBenchmark {

    private static final PrintStream OUT = System.out;
    private static final String REALM = "bench-create";
    private static final String SQL = "[org.hibernate.SQL]";

    public static void main(String[] args) throws Exception {
        int keys = Integer.getInteger("bench.create-keys", 100);
        int rounds = Integer.getInteger("bench.create-rounds", 3);
        boolean countStatements = Boolean.parseBoolean(System.getProperty("bench.count-statements", "true"));
        KeycloakSettings harness = KeycloakSettings.fromSystemProperties();
        Path data = harness.logFile().getParent().resolve("bench-create");
        KeycloakServer.deleteRecursively(data);
        Path home = data.resolve("keycloak");
        copy(harness.home(), home);
        Path log = data.resolve("keycloak.log");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try (PostgresDatabase postgres = PostgresDatabase.start(data.resolve("postgres"))) {
            List<String> start = new java.util.ArrayList<>(List.of("--db-url=" + postgres.jdbcUrl(),
                    "--db-username=" + postgres.user(), "--db-password=" + postgres.password(),
                    "--spi-admin-realm-restapi-extension--partner-tokens--bulk-keys=true"));
            if (countStatements) {
                start.add("--log-level=INFO,org.hibernate.SQL:debug");
            }
            KeycloakSettings settings = new KeycloakSettings(home, harness.providers(), List.of(), "postgres",
                    List.of("--features=organization"), start, Map.of(), harness.httpPort(), harness.managementPort(), log, false);
            try (KeycloakServer keycloak = KeycloakServer.start(settings)) {
                Runtime.getRuntime().addShutdownHook(new Thread(keycloak::close, "stop-keycloak")); // Ctrl-C
                SeededRealms realms = new SeededRealms(http, keycloak, null);
                realms.ensureRealm(REALM, List.of(SeededRealms.HEAVY));
                OUT.printf(Locale.ROOT, "[create] provider %s, %d rounds of %d keys, statements %s%n", harness.providers(),
                        rounds, keys, countStatements ? "counted" : "not counted");
                for (int round = 1; round <= rounds; round++) {
                    long from = Files.size(log);
                    long began = System.nanoTime();
                    long created = realms.seed(List.of(new SeededRealms.Call(REALM, SeededRealms.HEAVY, keys)), 1, Long.MAX_VALUE);
                    double seconds = (System.nanoTime() - began) / 1e9;
                    OUT.printf(Locale.ROOT, "[create] round %d: %d keys in %.1f s: %.2f keys/s, %.0f ms a key%n", round,
                            created, seconds, created / seconds, seconds * 1000 / created);
                    if (countStatements) {
                        Thread.sleep(500); // the log is written asynchronously
                        printStatements(log, from, created);
                    }
                }
            }
        }
    }

    private static void printStatements(Path log, long from, long keys) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(from);
            byte[] tail = new byte[(int) (file.length() - from)];
            file.readFully(tail);
            for (String line : new String(tail, StandardCharsets.UTF_8).split("\n")) {
                int at = line.indexOf(SQL);
                if (at >= 0) {
                    counts.merge(QueryCount.shape(line.substring(at + SQL.length())), 1, Integer::sum);
                }
            }
        }
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        OUT.printf(Locale.ROOT, "[create]   %d statements, %.1f a key%n", total, (double) total / keys);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> OUT.printf(Locale.ROOT, "[create]   %7.2f  %s%n", e.getValue() / (double) keys, e.getKey()));
    }

    private static void copy(Path distribution, Path copy) throws Exception {
        Files.createDirectories(copy.getParent());
        Process cp = new ProcessBuilder("cp", "-a", distribution.toAbsolutePath().toString(), copy.toAbsolutePath().toString())
                .inheritIO().start();
        if (cp.waitFor() != 0) {
            throw new IllegalStateException("Could not copy " + distribution + " to " + copy);
        }
    }
}
