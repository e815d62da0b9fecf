package dev.partnertokens.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The numbers behind docs/operations.md's plan for internet scale, computed from what was measured
 * (docs/benchmarks.md, "100,000 keys") and from how the revocation feed works (ADR 7): {@code CapacityPlanTest} checks
 * that the tables in docs/operations.md are exactly what this prints, so the document cannot drift from the model.
 * {@code main} prints the tables to paste after changing an input.
 */
public final class CapacityPlan {

    /** One revocation entry of the feed as JSON on the wire (RevocationListBenchmark: 19.0 MB for 100,000 entries). */
    static final int FEED_BYTES_PER_ENTRY = 190;
    /** Heap the WAR's revocation list retains per entry (RevocationListBenchmark: 21.4 MB for 100,000 entries). */
    static final int LIST_BYTES_PER_ENTRY = 214;
    /** Entries stay in the feed and the list this long: the longest token (7 days) and an hour (RevocationList#RETENTION). */
    static final long RETENTION_SECONDS = (7 * 24 + 1) * 3600L;
    /** The provider's long poll looks for new entries this often while a request waits (rest.Feeds#POLL_MILLIS). */
    static final double PROVIDER_POLL_SECONDS = 0.25;
    /** The partner API's long-poll wait (partner-api.revocation.wait-seconds, default). */
    static final int WAIT_SECONDS = 20;
    /** Entries per feed page (the feed's default limit; the WAR asks for the default). */
    static final int PAGE_SIZE = 100;
    /** PostgreSQL bytes per key, all tables (Keycloak's client, service-account user, mappers, attributes; PARTNER_KEY), measured at 100,000 keys. */
    static final int DATABASE_BYTES_PER_KEY = 10_130;

    private CapacityPlan() {
    }

    /** A deployment: resource servers that read the feed, sites, and revocations per hour. */
    record Deployment(int resourceServers, int sites, int revocationsPerHour) {
    }

    /** What a deployment costs Keycloak and each resource server. */
    record Load(Deployment deployment, double feedRequestsPerSecond, double databaseQueriesPerSecond, int heldRequests,
                double relayedRequestsPerSecond, double relayedQueriesPerSecond, long listEntries, double listMegabytes,
                double snapshotMegabytes, int snapshotPages) {

        static Load of(Deployment d) {
            long entries = Math.round(d.revocationsPerHour() * (RETENTION_SECONDS / 3600.0));
            // each idle resource server keeps one long poll open, renewed every WAIT_SECONDS and after every answer;
            // while it waits, the provider queries the database every PROVIDER_POLL_SECONDS for it
            double answersPerServer = 1.0 / WAIT_SECONDS + d.revocationsPerHour() / 3600.0;
            return new Load(d,
                    d.resourceServers() * answersPerServer,
                    d.resourceServers() / PROVIDER_POLL_SECONDS,
                    d.resourceServers(),
                    d.sites() * answersPerServer,
                    d.sites() / PROVIDER_POLL_SECONDS,
                    entries,
                    entries * (double) LIST_BYTES_PER_ENTRY / 1e6,
                    entries * (double) FEED_BYTES_PER_ENTRY / 1e6,
                    (int) ((entries + PAGE_SIZE - 1) / PAGE_SIZE));
        }
    }

    static final List<Deployment> DEPLOYMENTS = List.of(
            new Deployment(2, 1, 10),
            new Deployment(50, 2, 100),
            new Deployment(500, 3, 1_000),
            new Deployment(5_000, 5, 10_000));

    static final List<Integer> KEY_COUNTS = List.of(10_000, 100_000, 1_000_000, 10_000_000);

    /** The feed table of docs/operations.md. */
    static String feedTable() {
        List<String> lines = new ArrayList<>();
        lines.add("| resource servers | sites | revocations/hour | feed requests/s (direct) | DB queries/s of waiting polls (direct) | requests held open | feed requests/s (one relay per site) | DB queries/s (relays) | entries in every list | list heap per resource server | snapshot download (pages of 100) |");
        lines.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Deployment deployment : DEPLOYMENTS) {
            Load l = Load.of(deployment);
            lines.add(String.format(Locale.ROOT, "| %,d | %d | %,d | %.1f | %,.0f | %,d | %.2f | %.0f | %,d | %.1f MB | %.1f MB (%,d) |",
                    deployment.resourceServers(), deployment.sites(), deployment.revocationsPerHour(),
                    l.feedRequestsPerSecond(), l.databaseQueriesPerSecond(), l.heldRequests(), l.relayedRequestsPerSecond(),
                    l.relayedQueriesPerSecond(), l.listEntries(), l.listMegabytes(), l.snapshotMegabytes(), l.snapshotPages()));
        }
        return String.join("\n", lines);
    }

    /** The database table of docs/operations.md. */
    static String databaseTable() {
        List<String> lines = new ArrayList<>();
        lines.add("| keys | PostgreSQL (all tables) |");
        lines.add("|---:|---:|");
        for (int keys : KEY_COUNTS) {
            lines.add(String.format(Locale.ROOT, "| %,d | %,.1f GB |", keys, keys * (double) DATABASE_BYTES_PER_KEY / 1e9));
        }
        return String.join("\n", lines);
    }

    public static void main(String[] args) {
        System.out.println(feedTable());
        System.out.println();
        System.out.println(databaseTable());
    }
}
