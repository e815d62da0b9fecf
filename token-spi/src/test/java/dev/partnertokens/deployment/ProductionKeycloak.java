package dev.partnertokens.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Keycloak installed the way docker/keycloak/Dockerfile builds its image, from the same 26.7.3 distribution the
 * tests unpack: a copy of the distribution of its own, the provider and themes under the names the Dockerfile gives
 * them, {@code kc.sh build} with the builder stage's ENV, the production realm in {@code data/import} and the image's
 * entry point {@code start-keycloak.sh} in {@code bin/}. Then started with any environment, as compose would start it.
 */
public final class ProductionKeycloak {

    private final Path home;
    private final Path log;

    private ProductionKeycloak(Path home, Path log) {
        this.home = home;
        this.log = log;
    }

    /** Copies {@code distribution} to {@code home} (replacing what was there) and builds it like the image. */
    public static ProductionKeycloak build(Path distribution, Path home, Path tokenSpiJar, Path themesJar, Path log) {
        try {
            deleteRecursively(home);
            copyRecursively(distribution, home);
            for (Path old : list(home.resolve("providers"))) {
                if (old.toString().endsWith(".jar")) {
                    Files.delete(old);
                }
            }
            Files.copy(tokenSpiJar, home.resolve("providers/token-spi.jar"));
            Files.copy(themesJar, home.resolve("providers/keycloak-themes.jar"));
            // the tests' own Keycloak keeps its database and the demo realm under data/: the image has none of it
            deleteRecursively(home.resolve("data"));
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(DeploymentFiles.productionRealmFile(), imports.resolve("partners-realm.json"));
            Files.copy(DeploymentFiles.docker().resolve("keycloak/start-keycloak.sh"), home.resolve("bin/start-keycloak.sh"));
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not install Keycloak in " + home, e);
        }
        ProductionKeycloak keycloak = new ProductionKeycloak(home, log);
        Map<String, String> buildEnvironment = Dockerfile.read(DeploymentFiles.keycloakDockerfile()).first().environment();
        Process build = keycloak.launch(List.of("bash", "bin/kc.sh", "build"), buildEnvironment);
        int exit = waitFor(build, 240);
        if (exit != 0) {
            throw new IllegalStateException("kc.sh build failed with " + exit + "; see " + log);
        }
        return keycloak;
    }

    public Path home() {
        return home;
    }

    public Path log() {
        return log;
    }

    /** {@code bin/start-keycloak.sh <command>} (the image's entry point and compose's command) with this environment. */
    public Process start(List<String> command, Map<String, String> environment) {
        List<String> line = new ArrayList<>(List.of("bash", "bin/start-keycloak.sh"));
        line.addAll(command);
        return launch(line, environment);
    }

    /** Runs a command in the installation, its output appended to the log. */
    public Process launch(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("KEYCLOAK_") || name.startsWith("PARTNER_API_"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m");
        env.put("JAVA_OPTS_APPEND", "-Djava.io.tmpdir=" + home.resolve("data/tmp"));
        env.put("TMPDIR", home.resolve("data/tmp").toString());
        env.putAll(environment);
        try {
            Files.createDirectories(home.resolve("data/tmp"));
            Files.writeString(log, "\n$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        }
    }

    /** The log's text from {@code offset} on. */
    public String logSince(long offset) {
        try {
            byte[] bytes = Files.readAllBytes(log);
            return new String(bytes, (int) Math.min(offset, bytes.length), (int) Math.max(0, bytes.length - offset), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long logSize() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to end; its exit code, or fails after {@code seconds}. */
    public static int waitFor(Process process, int seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("Still running after " + seconds + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A free port below 15000 whose JGroups failure-detection port (+50000) is free too. */
    public static int freeClusterPort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(10000, 15000);
            if (free(port) && free(port + 50000)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port pair for JGroups");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean free(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The JDBC driver jar of the distribution (PostgreSQL's), for a test that prepares the database. */
    public Optional<Path> libraryJar(String prefix) {
        return list(home.resolve("lib/lib/main")).stream()
                .filter(jar -> jar.getFileName().toString().startsWith(prefix)).findFirst();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
