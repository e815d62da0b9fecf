package dev.partnertokens.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.partnertokens.api.schema.SchemaMigrations;
import dev.partnertokens.api.testing.Eventually;
import dev.partnertokens.api.testing.KeycloakTokens;
import dev.partnertokens.api.testing.OwnDatabase;
import dev.partnertokens.api.testing.OwnWildFly;
import dev.partnertokens.api.testing.RunDirectory;
import dev.partnertokens.deployment.ComposeFile;
import dev.partnertokens.deployment.ComposeVariables;
import dev.partnertokens.deployment.DeploymentFiles;
import dev.partnertokens.testing.KeycloakCluster;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import dev.partnertokens.testing.ServerProcesses;
import dev.partnertokens.testing.WildFlyServer;

/**
 * WildFly as {@code docker/wildfly/Dockerfile} builds it and {@code docker/compose.yaml} starts it: the image's two CLI
 * scripts run on a pristine WildFly 39.0.1 (a copy of the distribution's zip, as the base image holds it) with the
 * driver the Dockerfile adds, the WAR deployed, and the {@code partner-api} service's environment as compose
 * interpolates it, on a PostgreSQL of its own with the {@code partner_api} user (not a superuser). Only what cannot be
 * the same outside containers is replaced: the database's and Keycloak's host and port (the run's Keycloak, whose demo
 * realm holds the service account's secret), the listening address and a port offset, the driver's path. Runs in the
 * PostgreSQL execution.
 */
@ExtendWith(KeycloakExtension.class)
class ProductionWildFlyIT {

    private static final String IMAGE_DRIVER = "/opt/jboss/postgresql.jar";
    private static final int PORT_OFFSET = OwnWildFly.portOffset() + 50;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path base;
    private static Path home;
    private static OwnDatabase.OwnPostgres postgres;
    private static ComposeFile.Service service;
    private static Map<String, String> environment;
    private static WildFlyServer wildFly;

    @BeforeAll
    static void buildTheImageAndStartItAsComposeWould(KeycloakServer keycloak) throws Exception {
        base = RunDirectory.fresh("production-wildfly");
        home = base.resolve("wildfly");
        KeycloakCluster.copyDistribution(Path.of(System.getProperty("production.wildfly.home")), home);
        runTheDockerfilesCliScripts(Path.of(System.getProperty("production.postgresql.jar")));

        Map<String, String> variables = Map.of(
                "KEYCLOAK_PUBLIC_URL", keycloak.baseUri().toString(),
                // the run's Keycloak imports the demo realm, whose service account has this secret
                "PARTNER_API_WAR_CLIENT_SECRET", "partner-api-war-secret",
                "PARTNER_API_DB_PASSWORD", random());
        postgres = OwnDatabase.OwnPostgres.start(base.resolve("db"), "partner_api");
        postgres.asSuperuser(
                "create role partner_api login password '" + variables.get("PARTNER_API_DB_PASSWORD") + "'",
                "alter database partner_api owner to partner_api");

        service = ComposeFile.read(DeploymentFiles.compose()).service("partner-api");
        environment = new LinkedHashMap<>();
        service.environment().forEach((name, value) -> environment.put(name, local(ComposeVariables.interpolate(value, variables), keycloak)));
        wildFly = WildFlyServer.start(home, base.resolve("server"), Path.of(System.getProperty("partner-api.war")), PORT_OFFSET,
                Map.of(), environment, "/partner-api/api/v1/me", base.resolve("wildfly.log"));
    }

    @AfterAll
    static void stop() {
        try {
            if (wildFly != null) {
                wildFly.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void isReadyWhereTheComposeHealthCheckLooks() throws Exception {
        List<String> check = service.healthcheck();
        assertThat(String.join(" ", check)).contains("/dev/tcp/127.0.0.1/9990").contains("GET /health/ready");
        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (9990 + PORT_OFFSET) + "/health/ready"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    }

    @Test
    void acceptsTheKeycloakServicesTokensAndRefusesARevokedKeysTokenThroughItsFeed(KeycloakServer keycloak) throws Exception {
        KeycloakTokens tokens = new KeycloakTokens(keycloak);
        JsonObject key = tokens.createKey("acme", "production wildfly", "VIEW");
        String token = tokens.clientCredentials("partners", key.getString("clientId"), key.getString("clientSecret"));
        assertThat(transactions(token).statusCode()).isEqualTo(200);
        assertThat(transactions("not-a-token").statusCode()).isEqualTo(401);

        tokens.revokeKey("acme", key.getString("id"));
        Eventually.within(Duration.ofSeconds(5), "the revoked key's token is refused", () -> statusOfTransactions(token) == 401);
    }

    @Test
    void anOwnerManagesKeysThroughTheTokensApiAndTheProvidersAuditIsCopiedWithTheEnvironmentsSecret(KeycloakServer keycloak) throws Exception {
        String owner = new KeycloakTokens(keycloak).passwordGrant("owner@acme.example", "owner", null).getString("access_token");
        HttpResponse<String> created = send("POST", "/partner-api/api/v1/keys", owner, "{\"name\":\"made in production\",\"permissions\":[\"VIEW\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).getString("id");
        assertThat(send("GET", "/partner-api/api/v1/keys", owner, null).body()).contains(id);
        Eventually.within(Duration.ofSeconds(10), "the provider's CREATE entry is copied into the audit trail", () -> {
            HttpResponse<String> audit = sendQuietly("GET", "/partner-api/api/v1/audit?action=CREATE&limit=100", owner);
            return audit.statusCode() == 200 && json(audit).getJsonArray("data").stream().map(e -> e.asJsonObject())
                    .anyMatch(e -> id.equals(e.getString("keyId", null)) && "KEYCLOAK".equals(e.getString("source")));
        });
    }

    @Test
    void keepsItsTablesInItsOwnDatabaseOwnedByThePartnerApiUser() throws SQLException {
        try (Connection connection = DriverManager.getConnection(environment.get("PARTNER_API_DB_URL"),
                environment.get("PARTNER_API_DB_USER"), environment.get("PARTNER_API_DB_PASSWORD"));
             Statement statement = connection.createStatement()) {
            assertThat(column(statement, "select current_user")).containsExactly("partner_api");
            assertThat(column(statement, "select version from " + SchemaMigrations.HISTORY_TABLE + " where success order by installed_rank"))
                    .startsWith("1", "2");
            assertThat(column(statement, "select tableowner from pg_tables where tablename = 'partner_api_audit_entry'"))
                    .containsExactly("partner_api");
        }
    }

    @Test
    void refusesToStartWithoutTheDatabaseUrlAndNamesIt() throws Exception {
        Map<String, String> withoutUrl = new LinkedHashMap<>(environment);
        withoutUrl.remove("PARTNER_API_DB_URL");
        int offset = PORT_OFFSET + 20;
        Path log = base.resolve("wildfly-without-database-url.log");
        Process refusing = WildFlyServer.launch(home, base.resolve("server-without-database-url"),
                Path.of(System.getProperty("partner-api.war")), offset, Map.of(), withoutUrl, log);
        try {
            Eventually.within(Duration.ofMinutes(2), "WildFly stops", () -> !refusing.isAlive());
            assertThat(logOf(log)).contains("Cannot resolve expression '${env.PARTNER_API_DB_URL}'")
                    .contains("Server boot has failed in an unrecoverable manner");
        } finally {
            ServerProcesses.stop(refusing, Duration.ofSeconds(30));
        }
    }

    /**
     * The Dockerfile's {@code RUN}: its two CLI scripts, with its placeholder database settings, the driver at its
     * path in the image replaced by the same file here (the version the Dockerfile names, checked).
     */
    private static void runTheDockerfilesCliScripts(Path driver) throws IOException, InterruptedException {
        String dockerfile = Files.readString(DeploymentFiles.docker().resolve("wildfly/Dockerfile"));
        assertThat(dockerfile).as("the driver the Dockerfile adds is the one this test installs")
                .contains("/" + driver.getFileName() + " " + IMAGE_DRIVER);
        assertThat(dockerfile).containsSubsequence("COPY docker/wildfly/configure-partner-api.cli /opt/jboss/configure-partner-api.cli",
                "COPY partner-api-war/src/main/wildfly/partner-api.cli /opt/jboss/partner-api.cli",
                "RUN PARTNER_API_DB_URL=build PARTNER_API_DB_USER=build PARTNER_API_DB_PASSWORD=build",
                "--file=/opt/jboss/configure-partner-api.cli", "--file=/opt/jboss/partner-api.cli");
        Path configure = base.resolve("configure-partner-api.cli");
        String script = Files.readString(DeploymentFiles.docker().resolve("wildfly/configure-partner-api.cli"));
        assertThat(script).contains(IMAGE_DRIVER);
        Files.writeString(configure, script.replace(IMAGE_DRIVER, driver.toAbsolutePath().toString()));
        cli(configure);
        cli(DeploymentFiles.root().resolve("partner-api-war/src/main/wildfly/partner-api.cli"));
    }

    private static void cli(Path script) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "bin/jboss-cli.sh", "--file=" + script));
        Path log = base.resolve("cli-" + script.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-Djava.io.tmpdir=" + base);
        builder.environment().putAll(Map.of("PARTNER_API_DB_URL", "build", "PARTNER_API_DB_USER", "build", "PARTNER_API_DB_PASSWORD", "build"));
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("jboss-cli.sh --file=" + script + " did not end within 3 minutes; see " + log);
        }
        assertThat(process.exitValue()).as("jboss-cli.sh --file=" + script + ": " + Files.readString(log)).isZero();
    }

    /** The service's value with the compose network's host names replaced by where those servers run here. */
    private static String local(String value, KeycloakServer keycloak) {
        return value.replace("http://keycloak:8080", keycloak.baseUri().toString())
                .replace("//partner-api-db:5432/", "//127.0.0.1:" + postgres.port() + "/");
    }

    private static List<String> column(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static String logOf(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int statusOfTransactions(String token) {
        try {
            return transactions(token).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> transactions(String token) throws Exception {
        return send("GET", "/partner-api/api/v1/transactions", token, null);
    }

    private static HttpResponse<String> sendQuietly(String method, String path, String bearer) {
        try {
            return send(method, path, bearer, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(String method, String path, String bearer, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(wildFly.baseUri() + path)).header("Authorization", "Bearer " + bearer)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static String random() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
