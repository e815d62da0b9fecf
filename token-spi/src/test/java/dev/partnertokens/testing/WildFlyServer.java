package dev.partnertokens.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real WildFly from the official distribution running one WAR, started with {@code standalone.sh} on
 * 127.0.0.1. Tests use Arquillian instead; this is for running the product locally.
 */
public final class WildFlyServer implements AutoCloseable {

    private static final int HTTP_PORT = 8080;

    private final Process process;
    private final int portOffset;

    private WildFlyServer(Process process, int portOffset) {
        this.process = process;
        this.portOffset = portOffset;
    }

    /**
     * Deploys {@code war}, starts WildFly and waits until {@code readyPath} answers.
     *
     * @param systemProperties passed as {@code -Dkey=value} (MicroProfile Config reads them)
     */
    public static WildFlyServer start(Path home, Path baseDir, Path war, int portOffset, Map<String, String> systemProperties,
                                      String readyPath, Path logFile) throws IOException {
        return start(home, baseDir, war, portOffset, systemProperties, Map.of(), readyPath, logFile);
    }

    /**
     * Deploys {@code war}, starts WildFly with these environment variables added to the test's (MicroProfile Config
     * reads them, and {@code ${env.*}} expressions of its configuration) and waits until {@code readyPath} answers.
     */
    public static WildFlyServer start(Path home, Path baseDir, Path war, int portOffset, Map<String, String> systemProperties,
                                      Map<String, String> environment, String readyPath, Path logFile) throws IOException {
        Process process = launch(home, baseDir, war, portOffset, systemProperties, environment, logFile);
        return awaitReady(process, portOffset, readyPath, logFile);
    }

    /**
     * Deploys {@code war} and starts WildFly without waiting for it: for a test that expects it to refuse to start.
     * The caller stops the process.
     */
    public static Process launch(Path home, Path baseDir, Path war, int portOffset, Map<String, String> systemProperties,
                                 Map<String, String> environment, Path logFile) throws IOException {
        Path deployments = prepareBaseDir(home, baseDir);
        Files.copy(war, deployments.resolve(war.getFileName()), StandardCopyOption.REPLACE_EXISTING);

        List<String> command = new ArrayList<>(List.of("bash", "bin/standalone.sh",
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.server.base.dir=" + baseDir.toAbsolutePath(),
                "-Djava.io.tmpdir=" + baseDir.toAbsolutePath().resolve("tmp"),
                "-Djboss.socket.binding.port-offset=" + portOffset));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw ServerProcesses.couldNotRun(command, e);
        }
    }

    private static WildFlyServer awaitReady(Process process, int portOffset, String readyPath, Path logFile) {
        Instant begin = Instant.now();
        WildFlyServer server = new WildFlyServer(process, portOffset);
        try {
            ServerProcesses.awaitHttp(process, URI.create(server.baseUri() + readyPath), status -> status != 404 && status < 500,
                    Duration.ofMinutes(4), "WildFly");
        } catch (IllegalStateException e) {
            server.close();
            throw new IllegalStateException(e.getMessage() + "; see " + logFile, e);
        }
        System.out.printf("[wildfly] WildFly ready at %s in %d s; log: %s%n", server.baseUri(),
                Duration.between(begin, Instant.now()).toSeconds(), logFile);
        return server;
    }

    /**
     * A server base directory of its own (configuration copied from the distribution, fresh deployments), so
     * that this WildFly never shares deployments or data with the one Arquillian manages in the tests.
     */
    private static Path prepareBaseDir(Path home, Path baseDir) throws IOException {
        Path configuration = baseDir.resolve("configuration");
        if (!Files.isDirectory(configuration)) {
            Files.createDirectories(configuration);
            try (var files = Files.list(home.resolve("standalone/configuration"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, configuration.resolve(file.getFileName()));
                }
            }
        }
        Path deployments = baseDir.resolve("deployments");
        KeycloakServer.deleteRecursively(deployments);
        Files.createDirectories(deployments);
        Files.createDirectories(baseDir.resolve("tmp"));
        return deployments;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + (HTTP_PORT + portOffset));
    }

    @Override
    public void close() {
        ServerProcesses.stop(process, Duration.ofSeconds(30));
        System.out.printf("[wildfly] WildFly at %s stopped%n", baseUri());
    }
}
