package dev.partnertokens.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partnertokens.testing.KeycloakDatabase;
import dev.partnertokens.testing.KeycloakServer;

/**
 * The benchmark's two realms and their keys, seeded through the bulk path (docs/operations.md) and counted in the
 * database, so that a rerun on the kept PostgreSQL data only tops up what is missing.
 *
 * <p>The big realm: partner {@code heavy} with {@code heavyKeys} keys (the list measured) and {@code partners}
 * partners {@code p001}… sharing the rest. The small realm: partner {@code heavy} with {@code smallKeys} keys.
 */
final class SeededRealms {

    static final String BIG = "bench-big";
    static final String SMALL = "bench-small";
    static final String HEAVY = "heavy";
    /** Keys per bulk call: well under the bulk path's 10,000, so that no call runs into an HTTP timeout. */
    static final int CALL_SIZE = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(20);

    private final HttpClient http;
    private final KeycloakServer keycloak;
    private final KeycloakDatabase database;

    SeededRealms(HttpClient http, KeycloakServer keycloak, KeycloakDatabase database) {
        this.http = http;
        this.keycloak = keycloak;
        this.database = database;
    }

    /** A key created for this run, with its secret, that the run authenticates as. */
    record RunKey(String id, String clientId, String secret) {
    }

    /** Creates the realm with these partners unless it exists. */
    void ensureRealm(String realm, List<String> partners) throws IOException, InterruptedException {
        HttpResponse<String> existing = send(admin("/admin/realms/" + realm).GET());
        if (existing.statusCode() == 200) {
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("realm", realm).put("enabled", true).put("sslRequired", "none")
                .put("organizationsEnabled", true);
        ArrayNode organizations = body.putArray("organizations");
        for (String alias : partners) {
            ObjectNode organization = organizations.addObject().put("name", alias).put("alias", alias).put("enabled", true);
            organization.putArray("domains").addObject().put("name", alias + "." + realm + ".example");
        }
        HttpResponse<String> created = send(admin("/admin/realms").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Could not create realm " + realm + ": HTTP " + created.statusCode() + " " + created.body());
        }
    }

    /** How many keys each partner of the realm has, by alias, from the database. */
    Map<String, Long> keysPerPartner(String realm) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement(
                     "select o.alias, count(k.id) from org o join realm r on r.id = o.realm_id"
                             + " left join partner_key k on k.partner_id = o.id and k.realm_id = r.id"
                             + " where r.name = ? group by o.alias order by o.alias")) {
            query.setString(1, realm);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    /** One bulk call still to make: {@code count} keys more for the partner. */
    record Call(String realm, String partner, int count) {
    }

    /**
     * The calls that top every partner of the realm up to its number of keys: {@code heavyKeys} for {@link #HEAVY},
     * {@code perOtherPartner} for the others; {@link #HEAVY}'s first.
     */
    List<Call> missing(String realm, int heavyKeys, int perOtherPartner) throws SQLException {
        List<Call> calls = new java.util.ArrayList<>();
        for (Map.Entry<String, Long> partner : keysPerPartner(realm).entrySet()) {
            boolean heavy = HEAVY.equals(partner.getKey());
            long missing = (heavy ? heavyKeys : perOtherPartner) - partner.getValue();
            List<Call> its = new java.util.ArrayList<>();
            for (long left = missing; left > 0; left -= CALL_SIZE) {
                its.add(new Call(realm, partner.getKey(), (int) Math.min(CALL_SIZE, left)));
            }
            calls.addAll(heavy ? 0 : calls.size(), its);
        }
        return calls;
    }

    /**
     * Makes the calls, {@code threads} at a time, starting none after {@code deadline} (System.nanoTime): seeding can be
     * spread over several runs, each continuing where the last stopped. The number of keys created.
     */
    long seed(List<Call> calls, int threads, long deadline) throws InterruptedException {
        java.util.concurrent.atomic.AtomicLong created = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger skipped = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        long began = System.nanoTime();
        List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
        for (Call call : calls) {
            running.add(pool.submit(() -> {
                if (System.nanoTime() > deadline) {
                    skipped.incrementAndGet();
                    return null;
                }
                long started = System.nanoTime();
                JsonNode answer = bulk(call.realm(), call.partner(), "seed", call.count(), 0);
                created.addAndGet(answer.path("created").asInt());
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(java.util.Locale.ROOT, "[seed] %s/%s: +%d keys in %.1f s (%.1f keys/s); %d created in %.0f s%n",
                        call.realm(), call.partner(), call.count(), seconds, call.count() / seconds, created.get(),
                        (System.nanoTime() - began) / 1e9);
                return null;
            }));
        }
        pool.shutdown();
        for (java.util.concurrent.Future<?> call : running) {
            try {
                call.get();
            } catch (java.util.concurrent.ExecutionException e) {
                pool.shutdownNow();
                throw new IllegalStateException("Seeding failed", e.getCause());
            }
        }
        if (skipped.get() > 0) {
            System.out.printf("[seed] bench.seed-minutes reached: %d calls left for the next run (the data is kept)%n", skipped.get());
        }
        return created.get();
    }

    /** One key of {@code partner} for this run (VIEW), with its secret; never printed. */
    RunKey runKey(String realm, String partner) throws IOException, InterruptedException {
        JsonNode key = bulk(realm, partner, "benchmark-run", 1, 1).path("keys").get(0);
        return new RunKey(key.path("id").asText(), key.path("clientId").asText(), key.path("clientSecret").asText());
    }

    private JsonNode bulk(String realm, String partner, String prefix, int count, int secrets)
            throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("partner", partner).put("count", count).put("secrets", secrets)
                .put("namePrefix", prefix).set("permissions", JSON.createArrayNode().add("VIEW")).toString();
        HttpResponse<String> answer = send(admin("/admin/realms/" + realm + "/partner-tokens/bulk-keys")
                .header("Content-Type", "application/json").timeout(CALL_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("The bulk path answered HTTP " + answer.statusCode() + " for " + realm + "/" + partner
                    + " (is Keycloak started with bulk-keys?)");
        }
        return JSON.readTree(answer.body());
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(keycloak.baseUri() + path))
                .header("Authorization", "Bearer " + keycloak.adminAccessToken())
                .timeout(Duration.ofSeconds(60));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
