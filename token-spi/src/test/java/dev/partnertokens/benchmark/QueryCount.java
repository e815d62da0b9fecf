package dev.partnertokens.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the SQL statements one grant of a scenario makes, exactly: with {@code -Dbench.count-queries=N} and Keycloak
 * started with {@code --log-level=INFO,org.hibernate.SQL:debug} (every statement Hibernate sends is one log line of
 * category {@code org.hibernate.SQL}), it sends a scenario's request {@code N} times one after the other and reads the
 * statements Keycloak's log gained meanwhile. Statements are grouped by their text up to the first {@code where} (no
 * values are logged: Hibernate logs {@code ?} placeholders), so that a statement that is not made per grant (a timer's
 * flush) shows up with a count that is no multiple of {@code N}.
 */
final class QueryCount {

    static final String CATEGORY = "[org.hibernate.SQL]";

    private final HttpClient http;
    private final Path keycloakLog;
    private final int grants;

    QueryCount(HttpClient http, Path keycloakLog, int grants) {
        this.http = http;
        this.keycloakLog = keycloakLog;
        this.grants = grants;
    }

    static int fromSystemProperties() {
        String value = System.getProperty("bench.count-queries", "").trim();
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }

    void print(List<Scenario> scenarios, PrintStream out) throws IOException, InterruptedException {
        for (Scenario scenario : scenarios) {
            scenario.before().run();
            // a setting changes the realm, which Keycloak then reads again once: not what every grant costs
            http.send(scenario.request(), HttpResponse.BodyHandlers.discarding());
            Thread.sleep(500);
            long from = Files.size(keycloakLog);
            int refused = 0;
            for (int i = 0; i < grants; i++) {
                if (http.send(scenario.request(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                    refused++;
                }
            }
            Thread.sleep(500); // the log is written asynchronously by the server's logger
            Map<String, Integer> statements = statementsSince(from);
            int total = statements.values().stream().mapToInt(Integer::intValue).sum();
            out.printf(Locale.ROOT, "[bench] queries %s %-38s %d grants (%d refused): %d statements, %.2f per grant%n",
                    scenario.label(), scenario.name(), grants, refused, total, (double) total / grants);
            statements.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                    .forEach(e -> out.printf(Locale.ROOT, "[bench]   %6d  %s%n", e.getValue(), e.getKey()));
        }
    }

    private Map<String, Integer> statementsSince(long offset) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        try (RandomAccessFile log = new RandomAccessFile(keycloakLog.toFile(), "r")) {
            log.seek(offset);
            byte[] tail = new byte[(int) (log.length() - offset)];
            log.readFully(tail);
            for (String line : new String(tail, StandardCharsets.UTF_8).split("\n")) {
                int at = line.indexOf(CATEGORY);
                if (at >= 0) {
                    counts.merge(shape(line.substring(at + CATEGORY.length())), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** The statement up to its {@code where}, without the thread name and with single spaces. */
    static String shape(String logged) {
        String text = logged.replaceFirst("^\\s*\\([^)]*\\)\\s*", "").replaceAll("\\s+", " ").trim();
        int where = text.toLowerCase(Locale.ROOT).indexOf(" where ");
        String head = where < 0 ? text : text.substring(0, where);
        int fromAt = head.toLowerCase(Locale.ROOT).indexOf(" from ");
        // select lists are long: keep "select ... from <table>"
        return fromAt > 0 && head.toLowerCase(Locale.ROOT).startsWith("select") ? "select … " + head.substring(fromAt + 1) : head;
    }
}
