package dev.partnertokens.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How to start one Keycloak: where its distribution is, what to install into it, which database and ports.
 *
 * @param home         the unpacked {@code keycloak-quarkus-dist}
 * @param providers    provider and theme JARs copied into {@code providers/}
 * @param realmFiles   realm exports imported at start-up
 * @param db           {@code dev-file} or {@code postgres}
 * @param buildOptions extra {@code kc.sh build} options
 * @param startOptions extra {@code kc.sh start} options (database URL and credentials, for example)
 * @param environment  extra environment variables for {@code kc.sh}
 * @param freshData    whether to wipe the dev-file database first
 */
public record KeycloakSettings(Path home, List<Path> providers, List<Path> realmFiles, String db,
                               List<String> buildOptions, List<String> startOptions, Map<String, String> environment,
                               int httpPort, int managementPort, Path logFile, boolean freshData) {

    public KeycloakSettings {
        Objects.requireNonNull(home, "home");
        providers = List.copyOf(providers);
        realmFiles = List.copyOf(realmFiles);
        Objects.requireNonNull(db, "db");
        buildOptions = List.copyOf(buildOptions);
        startOptions = List.copyOf(startOptions);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(logFile, "logFile");
    }

    /**
     * Settings from the system properties that the build passes to failsafe: {@code keycloak.home},
     * {@code keycloak.providers} and {@code keycloak.realms} (comma-separated files or folders of
     * {@code *.json}), {@code keycloak.db}, {@code keycloak.start.options} (comma-separated {@code kc.sh start}
     * options), {@code keycloak.port}, {@code keycloak.management.port}
     * (free ports when absent) and {@code keycloak.log.dir}.
     */
    public static KeycloakSettings fromSystemProperties() {
        String db = System.getProperty("keycloak.db", "dev-file");
        Path logDir = Path.of(System.getProperty("keycloak.log.dir", "target"));
        return new KeycloakSettings(
                Path.of(required("keycloak.home")),
                paths(System.getProperty("keycloak.providers", "")),
                realmFiles(System.getProperty("keycloak.realms", "")),
                db, List.of(), words(System.getProperty("keycloak.start.options", "")), Map.of(),
                port("keycloak.port"), port("keycloak.management.port"),
                logDir.resolve("keycloak-" + db + ".log"), true);
    }

    public KeycloakSettings withDatabase(String db, List<String> startOptions) {
        List<String> options = new ArrayList<>(this.startOptions);
        options.addAll(startOptions);
        return new KeycloakSettings(home, providers, realmFiles, db, buildOptions, options, environment,
                httpPort, managementPort, logFile, freshData);
    }

    /**
     * The settings of one node of a cluster: its own copy of the distribution, ports, log and environment, and the
     * cluster's start options after these settings' own.
     */
    public KeycloakSettings forNode(Path nodeHome, List<String> clusterOptions, Map<String, String> nodeEnvironment,
                                    int nodeHttpPort, int nodeManagementPort, Path nodeLog) {
        List<String> options = new ArrayList<>(startOptions);
        options.addAll(clusterOptions);
        java.util.HashMap<String, String> env = new java.util.HashMap<>(environment);
        env.putAll(nodeEnvironment);
        return new KeycloakSettings(nodeHome, providers, realmFiles, db, buildOptions, options, env,
                nodeHttpPort, nodeManagementPort, nodeLog, freshData);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int port(String property) {
        String value = System.getProperty(property, "");
        return value.isBlank() ? freePort() : Integer.parseInt(value.trim());
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set; run the tests through Maven");
        }
        return value;
    }

    private static List<String> words(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<Path> paths(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Path::of)
                .toList();
    }

    static List<Path> realmFiles(String commaSeparated) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths(commaSeparated)) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.list(path)) {
                    list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            }
        }
        return files;
    }
}
