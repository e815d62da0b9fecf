package dev.partnertokens.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Keycloak, started from the official distribution with the freshly built providers installed.
 *
 * <p>Drives {@code kc.sh build} and {@code kc.sh start --optimized} directly, binds to 127.0.0.1 only,
 * and is ready when {@code /health/ready} on the management port says so, not when it logs
 * "Listening on". Uses nothing but the JDK, so that any module can share it through the test-jar.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final KeycloakSettings settings;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakServer(KeycloakSettings settings, Process process) {
        this.settings = settings;
        this.process = process;
    }

    /** Installs the providers and realms, builds, starts and waits until Keycloak is ready. */
    public static KeycloakServer start(KeycloakSettings settings) {
        build(settings);
        return startBuilt(settings);
    }

    /** Installs the providers and realms into the distribution and runs {@code kc.sh build}, without starting it. */
    public static void build(KeycloakSettings settings) {
        prepareDistribution(settings);
        run(settings, buildCommand(settings), BUILD_TIMEOUT, "kc.sh build");
    }

    /**
     * Starts a distribution that {@link #build} prepared ({@code kc.sh start --optimized}) and waits until it is
     * ready: a second start of the same node, or a copy of a built distribution. Its log is appended to.
     */
    public static KeycloakServer startBuilt(KeycloakSettings settings) {
        Instant begin = Instant.now();
        Process process = launch(settings, startCommand(settings));
        KeycloakServer server = new KeycloakServer(settings, process);
        try {
            server.awaitReady();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        System.out.printf("[keycloak] Keycloak ready at %s (database %s) in %d s; log: %s%n",
                server.baseUri(), settings.db(), Duration.between(begin, Instant.now()).toSeconds(), settings.logFile());
        return server;
    }

    /** For example {@code http://127.0.0.1:38080}; no trailing slash. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + settings.httpPort());
    }

    public URI realmUri(String realm) {
        return URI.create(baseUri() + "/realms/" + realm);
    }

    public URI managementUri() {
        return URI.create("http://127.0.0.1:" + settings.managementPort());
    }

    public KeycloakSettings settings() {
        return settings;
    }

    /** An access token of the bootstrap administrator of the master realm. */
    public String adminAccessToken() {
        String form = "grant_type=password&client_id=admin-cli&username=" + ADMIN_USER + "&password=" + ADMIN_PASSWORD;
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUri("master") + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .timeout(Duration.ofSeconds(30))
                .build();
        String body = send(request).body();
        Matcher matcher = ACCESS_TOKEN.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("Keycloak gave the bootstrap administrator no token");
        }
        return matcher.group(1);
    }

    /** The process id of Keycloak's JVM ({@code kc.sh} runs it as itself or as its child), for {@code jcmd}. */
    public long javaProcessId() {
        ProcessHandle launched = process.toHandle();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(launched), launched.descendants())
                .filter(handle -> handle.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .findFirst()
                .map(ProcessHandle::pid)
                .orElseThrow(() -> new IllegalStateException("no Java process under Keycloak's " + launched.pid()));
    }

    /** Whether the Keycloak process still runs. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops Keycloak cleanly (SIGTERM: it finishes its shutdown, the provider writes what it holds), killing it after 45 s. */
    @Override
    public void close() {
        ServerProcesses.stop(process, Duration.ofSeconds(45));
        System.out.printf("[keycloak] Keycloak at %s stopped%n", baseUri());
    }

    private void awaitReady() {
        try {
            ServerProcesses.awaitHttp(process, URI.create(managementUri() + "/health/ready"), status -> status == 200,
                    START_TIMEOUT, "Keycloak");
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; see " + settings.logFile(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void prepareDistribution(KeycloakSettings settings) {
        Path home = settings.home();
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home);
        }
        try {
            Path providers = home.resolve("providers");
            try (Stream<Path> old = Files.list(providers)) {
                for (Path jar : old.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    Files.delete(jar);
                }
            }
            for (Path provider : settings.providers()) {
                Files.copy(provider, providers.resolve(provider.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            Path imports = home.resolve("data/import");
            deleteRecursively(imports);
            Files.createDirectories(imports);
            for (Path realm : settings.realmFiles()) {
                Files.copy(realm, imports.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            if (settings.freshData()) {
                deleteRecursively(home.resolve("data/h2"));
                deleteRecursively(home.resolve("data/tmp"));
            }
            Files.createDirectories(settings.logFile().getParent());
            Files.deleteIfExists(settings.logFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare " + home, e);
        }
    }

    private static List<String> buildCommand(KeycloakSettings settings) {
        List<String> command = new ArrayList<>(List.of("bash", "bin/kc.sh", "build",
                "--db=" + settings.db(),
                "--health-enabled=true",
                "--metrics-enabled=true"));
        if (settings.buildOptions().stream().noneMatch(option -> option.startsWith("--features"))) {
            // the admin console's partner-keys page and realm-settings tab (ADR 9); experimental in 26.7
            command.add("--features=declarative-ui");
        }
        command.addAll(settings.buildOptions());
        return command;
    }

    /**
     * {@code kc.sh start}: the harness's options, then the settings' start options. A start option naming one of the
     * harness's defaults ({@code --hostname}, {@code --cache}) replaces it: a cluster's nodes share one hostname and
     * use {@code --cache=ispn}.
     */
    private static List<String> startCommand(KeycloakSettings settings) {
        List<String> command = new ArrayList<>(List.of("bash", "bin/kc.sh", "start", "--optimized",
                "--http-enabled=true",
                "--http-host=127.0.0.1",
                "--http-port=" + settings.httpPort(),
                "--http-management-port=" + settings.managementPort()));
        for (String option : List.of("--hostname=" + "http://127.0.0.1:" + settings.httpPort(), "--cache=local")) {
            String name = option.substring(0, option.indexOf('=') + 1);
            if (settings.startOptions().stream().noneMatch(given -> given.startsWith(name))) {
                command.add(option);
            }
        }
        command.add("--import-realm");
        command.addAll(settings.startOptions());
        return command;
    }

    private static void run(KeycloakSettings settings, List<String> command, Duration timeout, String what) {
        try {
            ServerProcesses.mustSucceed(launch(settings, command), timeout, what);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; see " + settings.logFile(), e);
        }
    }

    private static Process launch(KeycloakSettings settings, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(settings.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logFile().toFile()));
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m");
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        env.putAll(settings.environment());
        // Quarkus and Vert.x write caches and uploads under java.io.tmpdir: keep them in the distribution, not /tmp.
        env.put("JAVA_OPTS_APPEND", ("-Djava.io.tmpdir=" + temporaryDirectory(settings) + " "
                + settings.environment().getOrDefault("JAVA_OPTS_APPEND", "")).trim());
        try {
            Files.writeString(settings.logFile(), "\n$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return builder.start();
        } catch (IOException e) {
            throw ServerProcesses.couldNotRun(command, e);
        }
    }

    private static Path temporaryDirectory(KeycloakSettings settings) {
        Path tmp = settings.home().resolve("data/tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tmp;
    }

    public static void deleteRecursively(Path path) throws IOException {
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
