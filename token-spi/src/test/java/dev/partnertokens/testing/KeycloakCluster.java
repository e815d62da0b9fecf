package dev.partnertokens.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Several real Keycloak nodes on 127.0.0.1 forming one cluster the way Keycloak's high-availability guide says: one
 * shared PostgreSQL database, and embedded Infinispan ({@code --cache=ispn}) whose JGroups stack {@code jdbc-ping}
 * finds the other nodes through that database, bound to loopback on a port of its own per node.
 *
 * <p>Each node runs from its own copy of the distribution under {@code target/keycloak-cluster/node-<name>} (its own
 * {@code data/}, transaction log and temporary files), built once and copied. All nodes share one hostname,
 * {@link #frontendUri()}: tokens name it as their issuer, so a token that one node issued is accepted by every other,
 * as behind a load balancer. No load balancer listens there; tests call each node at its own port. A node is ready
 * when {@code /health/ready} says so and every running node's last Infinispan cluster view has as many members as
 * nodes run ({@code ISPN000094} in the logs).
 */
public final class KeycloakCluster implements AutoCloseable {

    /** Infinispan's "Received new cluster view" (ISPN000094) and "new, MERGED cluster view" (ISPN000093). */
    private static final Pattern CLUSTER_VIEW = Pattern.compile(
            "ISPN00009[34]: Received new(?:, MERGED)? cluster view for channel \\S+: \\[[^\\]]*\\] \\((\\d+)\\)");
    private static final Duration VIEW_TIMEOUT = Duration.ofMinutes(2);
    /** JGroups' FD_SOCK2 listens at the transport's port + 100. */
    private static final int FAILURE_DETECTION_OFFSET = 100;

    private final PostgresDatabase postgres;
    private final KeycloakDatabase database;
    private final URI frontendUri;
    private final Map<String, KeycloakSettings> settings;
    private final Map<String, KeycloakServer> running = new LinkedHashMap<>();

    private KeycloakCluster(PostgresDatabase postgres, KeycloakDatabase database, URI frontendUri,
                            Map<String, KeycloakSettings> settings) {
        this.postgres = postgres;
        this.database = database;
        this.frontendUri = frontendUri;
        this.settings = settings;
    }

    /** Two or more nodes named {@code a}, {@code b}, …, with the providers, realms and options of the system properties. */
    public static KeycloakCluster start(int nodes) {
        return start(KeycloakSettings.fromSystemProperties(), nodes);
    }

    /**
     * Starts PostgreSQL, builds one node's distribution, copies it for the others, starts the nodes one after the other
     * (the first creates the schema and imports the realms) and waits until they form one cluster view.
     */
    public static KeycloakCluster start(KeycloakSettings template, int nodes) {
        if (nodes < 2) {
            throw new IllegalArgumentException("A cluster has at least two nodes");
        }
        Instant begin = Instant.now();
        Path directory = template.logFile().getParent().resolve("keycloak-cluster").toAbsolutePath();
        try {
            KeycloakServer.deleteRecursively(directory);
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PostgresDatabase postgres = PostgresDatabase.start(directory.resolve("postgres"));
        KeycloakCluster cluster = null;
        try {
            URI frontend = URI.create("http://127.0.0.1:" + KeycloakSettings.freePort());
            Map<String, KeycloakSettings> settings = new LinkedHashMap<>();
            for (int i = 0; i < nodes; i++) {
                String name = String.valueOf((char) ('a' + i));
                settings.put(name, nodeSettings(template, directory, name, postgres, frontend));
            }
            List<KeycloakSettings> all = List.copyOf(settings.values());
            copyDistribution(template.home(), all.get(0).home());
            KeycloakServer.build(all.get(0));
            for (KeycloakSettings other : all.subList(1, all.size())) {
                copyDistribution(all.get(0).home(), other.home());
            }
            cluster = new KeycloakCluster(postgres, KeycloakDatabase.postgres(all.get(0).home(), postgres), frontend, settings);
            for (String name : settings.keySet()) {
                cluster.start(name);
            }
            System.out.printf("[keycloak-cluster] %d nodes in one cluster view in %d s: %s%n", nodes,
                    Duration.between(begin, Instant.now()).toSeconds(), cluster.running.values().stream().map(KeycloakServer::baseUri).toList());
            return cluster;
        } catch (RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            } else {
                postgres.close();
            }
            throw e;
        }
    }

    /** The running node of this name ({@code a}, {@code b}, …). */
    public KeycloakServer node(String name) {
        KeycloakServer node = running.get(name);
        if (node == null) {
            throw new IllegalStateException("Node " + name + " is not running");
        }
        return node;
    }

    /** The names of the nodes, running or not. */
    public List<String> names() {
        return List.copyOf(settings.keySet());
    }

    /** The URL every node names as its own (the tokens' issuer is {@code <frontendUri>/realms/<realm>}). */
    public URI frontendUri() {
        return frontendUri;
    }

    /** The issuer of a realm's tokens, whichever node issued them. */
    public String issuer(String realm) {
        return frontendUri + "/realms/" + realm;
    }

    /** The shared database, for tests that read what the nodes stored. */
    public KeycloakDatabase database() {
        return database;
    }

    /** The log of a node, for example to look for a message. */
    public Path log(String name) {
        return settings(name).logFile();
    }

    /** Stops a node cleanly and waits until the others' cluster view no longer has it. */
    public void stop(String name) {
        KeycloakServer node = running.remove(name);
        if (node == null) {
            throw new IllegalStateException("Node " + name + " is not running");
        }
        node.close();
        awaitOneView();
    }

    /** Starts a stopped node (or a node for the first time) and waits until it is ready and in the cluster view. */
    public KeycloakServer start(String name) {
        if (running.containsKey(name)) {
            throw new IllegalStateException("Node " + name + " is running already");
        }
        KeycloakServer node = KeycloakServer.startBuilt(settings(name));
        running.put(name, node);
        awaitOneView();
        return node;
    }

    /** Stops every running node, then PostgreSQL. */
    @Override
    public void close() {
        try {
            for (KeycloakServer node : List.copyOf(running.values())) {
                node.close();
            }
            running.clear();
        } finally {
            postgres.close();
        }
    }

    /** Waits until every running node's newest cluster view holds exactly the running nodes. */
    private void awaitOneView() {
        Instant deadline = Instant.now().plus(VIEW_TIMEOUT);
        int expected = running.size();
        while (true) {
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<String, KeycloakServer> node : running.entrySet()) {
                OptionalInt members = lastViewSize(settings(node.getKey()).logFile());
                if (members.isEmpty() || members.getAsInt() != expected) {
                    wrong.add(node.getKey() + ": " + (members.isEmpty() ? "no view" : members.getAsInt() + " members"));
                }
                if (!node.getValue().isRunning()) {
                    throw new IllegalStateException("Node " + node.getKey() + " stopped; see " + settings(node.getKey()).logFile());
                }
            }
            if (wrong.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The nodes did not form one cluster view of " + expected + " within "
                        + VIEW_TIMEOUT + " (" + String.join(", ", wrong) + "); see " + directoryOfLogs());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the cluster view", e);
            }
        }
    }

    /** The member count of the newest Infinispan cluster view in a node's log. */
    static OptionalInt lastViewSize(Path log) {
        if (!Files.exists(log)) {
            return OptionalInt.empty();
        }
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            int start = text.lastIndexOf("\n$ bash bin/kc.sh start");
            Matcher matcher = CLUSTER_VIEW.matcher(text);
            OptionalInt last = OptionalInt.empty();
            while (matcher.find()) {
                if (matcher.start() > start) { // a view of this run of the node, not of an earlier one
                    last = OptionalInt.of(Integer.parseInt(matcher.group(1)));
                }
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path directoryOfLogs() {
        return settings.values().iterator().next().logFile().getParent();
    }

    private KeycloakSettings settings(String name) {
        KeycloakSettings node = settings.get(name);
        if (node == null) {
            throw new IllegalArgumentException("No node " + name + "; the nodes are " + settings.keySet());
        }
        return node;
    }

    private static KeycloakSettings nodeSettings(KeycloakSettings template, Path directory, String name,
                                                 PostgresDatabase postgres, URI frontend) {
        List<String> options = List.of(
                "--db-url=" + postgres.jdbcUrl(),
                "--db-username=" + postgres.user(),
                "--db-password=" + postgres.password(),
                "--hostname=" + frontend,
                "--cache=ispn",
                "--cache-stack=jdbc-ping",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + jgroupsPort(),
                "--spi-cache-embedded--default--node-name=node-" + name);
        return template.withDatabase("postgres", List.of()).forNode(directory.resolve("node-" + name), options,
                Map.of(),
                KeycloakSettings.freePort(), KeycloakSettings.freePort(), directory.resolve("keycloak-node-" + name + ".log"));
    }

    /** A free port whose failure-detection neighbour (+100) is free too. */
    private static int jgroupsPort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = KeycloakSettings.freePort();
            if (port + FAILURE_DETECTION_OFFSET < 65_536 && isFree(port + FAILURE_DETECTION_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("Found no free pair of ports for JGroups");
    }

    private static boolean isFree(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** Copies a distribution without its {@code data/} (database files, temporary files, transaction log). */
    public static void copyDistribution(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path relative = from.relativize(source);
                if (relative.startsWith("data") && !relative.startsWith(Path.of("data", "import"))
                        && !relative.equals(Path.of("data"))) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy " + from + " to " + to, e);
        }
    }
}
