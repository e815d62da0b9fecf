package dev.partnertokens.api.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.partnertokens.api.keys.ServiceAccountToken;
import dev.partnertokens.api.security.KeycloakTokenEndpoint;

/**
 * A Keycloak that serves the partner realm's token endpoint (client credentials: {@code service-token-1},
 * {@code service-token-2}, ...) and the provider's feeds as ADR 0007 describes them ({@code after}, {@code limit},
 * {@code wait} as a real long poll), on 127.0.0.1. It can be stopped and started again on the same port.
 */
public final class FakeKeycloak implements AutoCloseable {

    public static final String REVOCATIONS = "/partners/api/v2/revocations";
    public static final String AUDIT = "/partners/api/v2/audit";

    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile int port;
    private HttpServer server;
    private ExecutorService executor;

    /** One feed: entries get sequences 1, 2, 3... in the order they are added. */
    public static final class Feed {

        private final List<JsonObject> entries = new CopyOnWriteArrayList<>();
        private final List<String> queries = new CopyOnWriteArrayList<>();
        private final List<String> bearers = new CopyOnWriteArrayList<>();
        private final AtomicInteger refusals = new AtomicInteger();

        public synchronized long add(JsonObjectBuilder entry) {
            long seq = entries.size() + 1;
            entries.add(entry.add("seq", seq).build());
            return seq;
        }

        /** Replaces the log by an empty one, as when Keycloak's database is replaced: sequences start at 1 again. */
        public synchronized void replaceLog() {
            entries.clear();
        }

        /** The query strings of the requests so far, in order. */
        public List<String> queries() {
            return queries;
        }

        /** The bearer tokens the requests carried, in order. */
        public List<String> bearers() {
            return bearers;
        }

        /** The next request is answered 401, as for an expired service-account token. */
        public void refuseNextToken() {
            refusals.incrementAndGet();
        }
    }

    public static FakeKeycloak start() throws IOException {
        FakeKeycloak keycloak = new FakeKeycloak();
        keycloak.listen(0);
        return keycloak;
    }

    public String issuer() {
        return "http://127.0.0.1:" + port + "/realms/partners";
    }

    public Feed feed(String path) {
        return feeds.computeIfAbsent(path, p -> new Feed());
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** The partner API's service-account token, taken from this Keycloak. */
    public ServiceAccountToken serviceAccountToken() {
        return ServiceAccountToken.of(KeycloakTokenEndpoint.at(URI.create(issuer() + "/protocol/openid-connect/token"), 2),
                "partner-api-war", "s3cret");
    }

    /** Stops listening: the port is closed until {@link #restart}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** Listens again on the same port, with the same feeds. */
    public synchronized void restart() throws IOException {
        if (server == null) {
            listen(port);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void listen(int requestedPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", requestedPort), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/realms/partners/protocol/openid-connect/token", exchange -> answer(exchange, 200,
                "{\"access_token\":\"service-token-" + tokensIssued.incrementAndGet() + "\",\"expires_in\":300,\"token_type\":\"Bearer\"}"));
        server.createContext("/realms/partners/partners/api/v2/", this::serveFeed);
        server.start();
        port = server.getAddress().getPort();
    }

    private void serveFeed(HttpExchange exchange) throws IOException {
        Feed feed = feeds.get(exchange.getRequestURI().getPath().substring("/realms/partners".length()));
        if (feed == null) {
            answer(exchange, 404, "{}");
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        feed.queries.add(query);
        feed.bearers.add(exchange.getRequestHeaders().getFirst("Authorization"));
        if (feed.refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(exchange, 401, "{\"error\":\"invalid_token\"}");
            return;
        }
        Map<String, String> parameters = parameters(query);
        long after = Long.parseLong(parameters.getOrDefault("after", "0"));
        int limit = Integer.parseInt(parameters.getOrDefault("limit", "100"));
        long waitMillis = Long.parseLong(parameters.getOrDefault("wait", "0")) * 1000;
        long deadline = System.currentTimeMillis() + waitMillis;
        List<JsonObject> page = page(feed, after, limit);
        while (page.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            page = page(feed, after, limit);
        }
        JsonArrayBuilder entries = Json.createArrayBuilder();
        page.forEach(entries::add);
        answer(exchange, 200, Json.createObjectBuilder().add("entries", entries).add("last", feed.entries.size())
                .add("now", System.currentTimeMillis()).build().toString());
    }

    private static List<JsonObject> page(Feed feed, long after, int limit) {
        return feed.entries.stream().filter(e -> e.getJsonNumber("seq").longValue() > after).limit(limit).toList();
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return parameters;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }
}
