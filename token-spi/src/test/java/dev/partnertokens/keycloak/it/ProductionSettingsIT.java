package dev.partnertokens.keycloak.it;

import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;

import dev.partnertokens.deployment.ComposeFile;
import dev.partnertokens.deployment.ComposeVariables;
import dev.partnertokens.deployment.DeploymentFiles;
import dev.partnertokens.deployment.ProductionKeycloak;
import dev.partnertokens.deployment.RawHttp;
import dev.partnertokens.testing.PostgresDatabase;
import dev.partnertokens.testing.ServerProcesses;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keycloak with exactly the production settings of docker/compose.yaml and docker/keycloak/Dockerfile: the service's
 * command and environment as compose interpolates them, the image's build options, entry point and production realm,
 * on a PostgreSQL database of its own with the {@code keycloak} user. Only what cannot be the same outside containers
 * is replaced: the database's host and port, the listening address and ports, the cluster's address and port.
 * Runs once, in the PostgreSQL execution.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionSettingsIT {

    private static final String PUBLIC_URL = "https://auth.partners.test";
    private static final String PARTNER_API_PUBLIC_URL = "https://partners.partners.test";
    private static final String PROXY = "127.0.0.1";
    private static final String NOT_THE_PROXY = "127.0.0.2";
    private static final String SOMEONE_ON_THE_INTERNET = "203.0.113.7";

    private static PostgresDatabase postgres;
    private static ProductionKeycloak keycloak;
    private static Process running;
    private static Map<String, String> variables;
    private static Map<String, String> environment;
    private static int httpPort;

    @BeforeAll
    static void startKeycloakAsComposeWould() throws Exception {
        assumeTrue("postgres".equals(System.getProperty("keycloak.db")),
                "runs once, in the PostgreSQL execution: it starts a PostgreSQL and a Keycloak of its own");
        Path target = Path.of(System.getProperty("keycloak.log.dir", "target"));
        List<String> providers = List.of(System.getProperty("keycloak.providers").split(","));
        keycloak = ProductionKeycloak.build(Path.of(System.getProperty("keycloak.home")), target.resolve("keycloak-production"),
                Path.of(providers.get(0).trim()), Path.of(providers.get(1).trim()), target.resolve("keycloak-production.log"));

        variables = Map.of(
                "KEYCLOAK_DB_PASSWORD", random(),
                "KEYCLOAK_PUBLIC_URL", PUBLIC_URL,
                "KEYCLOAK_PROXY_TRUSTED_ADDRESSES", PROXY,
                "KEYCLOAK_ADMIN_USERNAME", "first-admin",
                "KEYCLOAK_ADMIN_PASSWORD", random(),
                "PARTNER_API_WAR_CLIENT_SECRET", random(),
                "PARTNER_API_PUBLIC_URL", PARTNER_API_PUBLIC_URL,
                "PARTNER_API_DB_PASSWORD", random());
        postgres = PostgresDatabase.start(target.resolve("postgres-production"));
        createKeycloakDatabase(variables.get("KEYCLOAK_DB_PASSWORD"));

        ComposeFile.Service service = ComposeFile.read(DeploymentFiles.compose()).service("keycloak-1");
        environment = new LinkedHashMap<>();
        service.environment().forEach((name, value) -> environment.put(name, ComposeVariables.interpolate(value, variables)));
        String databaseUrl = environment.get("KC_DB_URL");
        assertThat(databaseUrl).startsWith("jdbc:postgresql://keycloak-db:5432/");
        environment.put("KC_DB_URL", databaseUrl.replace("keycloak-db:5432", "127.0.0.1:" + port(postgres.jdbcUrl())));
        httpPort = ProductionKeycloak.freePort();
        environment.putAll(localAddresses(httpPort, ProductionKeycloak.freePort()));

        running = keycloak.start(service.command(), environment);
        try {
            ServerProcesses.awaitHttp(running, URI.create("http://127.0.0.1:" + environment.get("KC_HTTP_MANAGEMENT_PORT") + "/health/ready"),
                    status -> status == 200, Duration.ofMinutes(4), "Keycloak with the production settings");
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; see " + keycloak.log(), e);
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (running != null) {
                ServerProcesses.stop(running, Duration.ofSeconds(45));
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    @Order(1)
    void theImportedRealmHasNoPeopleAndNoPartners() {
        assertThat(admin("/users")).isEmpty();
        assertThat(admin("/organizations")).isEmpty();
        assertThat(admin("/groups")).extracting(group -> group.path("name").asText()).containsExactly("partners");
        assertThat(admin("/clients?clientId=demo-cc")).isEmpty();
    }

    @Test
    @Order(2)
    void thePartnerApiAuthenticatesWithTheSecretOfTheEnvironmentAndNoOther() {
        HttpResponse<String> granted = clientCredentials(variables.get("PARTNER_API_WAR_CLIENT_SECRET"));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        JsonNode claims = Http.claims(Http.json(granted).path("access_token").asText());
        assertThat(claims.path("iss").asText()).isEqualTo(PUBLIC_URL + "/realms/partners");
        assertThat(claims.path("realm_access").path("roles")).extracting(JsonNode::asText)
                .contains("manage-partner-keys", "read-partner-revocations");

        assertThat(clientCredentials("partner-api-war-secret").statusCode()).isEqualTo(401);
        assertThat(clientCredentials("${PARTNER_API_WAR_CLIENT_SECRET}").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void theRealmRequiresHttpsExceptFromPrivateNetworksAndSendsPeopleBackToThePublicUrl() {
        JsonNode realm = Http.json(Http.send(Http.request(URI.create(base() + "/admin/realms/partners"))
                .header("Authorization", Http.bearer(adminToken()))));
        assertThat(realm.path("sslRequired").asText()).isEqualTo("external");
        JsonNode dashboard = admin("/clients?clientId=partner-dashboard").get(0);
        assertThat(dashboard.path("redirectUris")).extracting(JsonNode::asText).containsExactly(PARTNER_API_PUBLIC_URL + "/partner-api/*");
        assertThat(dashboard.path("directAccessGrantsEnabled").asBoolean()).isFalse();
    }

    @Test
    @Order(3)
    void theBulkPathIsOffUnlessTheOperatorTurnsItOn() {
        HttpResponse<String> response = Http.send(Http.request(URI.create(base() + "/admin/realms/partners/partner-tokens/bulk-keys"))
                .header("Authorization", Http.bearer(adminToken())).header("Content-Type", "application/json")
                .POST(Http.body("{\"partner\":\"any\",\"count\":1,\"namePrefix\":\"x\",\"permissions\":[\"VIEW\"]}")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(admin("/clients?search=true&clientId=pk-")).isEmpty();
    }

    @Test
    @Order(4)
    void behindTheDeclaredProxyKeycloakSeesTheClientTheProxyNames() {
        RawHttp.Answer granted = tokenRequestFrom(PROXY, SOMEONE_ON_THE_INTERNET, variables.get("PARTNER_API_WAR_CLIENT_SECRET"));
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);

        long before = keycloak.logSize();
        RawHttp.Answer refused = tokenRequestFrom(PROXY, SOMEONE_ON_THE_INTERNET, "a-wrong-secret");
        assertThat(refused.status()).isEqualTo(401);
        // the failed login is recorded against the client's address, not the proxy's
        assertThat(eventLogSince(before)).contains("ipAddress=\"" + SOMEONE_ON_THE_INTERNET + "\"");
    }

    @Test
    @Order(5)
    void forwardedHeadersFromAnyoneButTheProxyAreIgnored() {
        long before = keycloak.logSize();
        RawHttp.Answer refused = tokenRequestFrom(NOT_THE_PROXY, "198.51.100.23", "a-wrong-secret");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(eventLogSince(before)).contains("ipAddress=\"" + NOT_THE_PROXY + "\"").doesNotContain("198.51.100.23");
    }

    @Test
    @Order(6)
    void aMissingOrEmptySecretStopsStartUpNamingIt() {
        for (String variable : List.of("PARTNER_API_WAR_CLIENT_SECRET", "PARTNER_API_PUBLIC_URL")) {
            for (boolean empty : List.of(false, true)) {
                Map<String, String> without = new HashMap<>(environment);
                if (empty) {
                    without.put(variable, "");
                } else {
                    without.remove(variable);
                }
                without.putAll(localAddresses(ProductionKeycloak.freePort(), ProductionKeycloak.freePort()));
                long before = keycloak.logSize();
                int exit = ProductionKeycloak.waitFor(keycloak.start(List.of("start", "--optimized", "--import-realm"), without), 60);
                assertThat(exit).as(variable + (empty ? " empty" : " unset")).isNotZero();
                assertThat(keycloak.logSince(before)).contains("Keycloak not started", variable).doesNotContain("Listening on");
            }
        }
    }

    @Test
    @Order(7)
    void theDemoLoaderRefusesARealmThatHasPeopleInIt() {
        String token = adminToken();
        HttpResponse<String> created = Http.send(Http.request(URI.create(base() + "/admin/realms/partners/users"))
                .header("Authorization", Http.bearer(token)).header("Content-Type", "application/json")
                .POST(Http.body("{\"username\":\"ops@partners.test\",\"enabled\":true}")));
        assertThat(created.statusCode()).isEqualTo(201);

        long before = keycloak.logSize();
        assertThat(loadDemo()).isEqualTo(1);
        assertThat(keycloak.logSince(before)).contains("already has people in it");
        assertThat(admin("/users")).extracting(user -> user.path("username").asText()).containsExactly("ops@partners.test");

        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(Http.send(Http.request(URI.create(location)).header("Authorization", Http.bearer(token)).DELETE()).statusCode())
                .isEqualTo(204);
    }

    @Test
    @Order(8)
    void theDemoProfileLoadsTheDemoRealmAndKeepsTheSecretOfTheEnvironment() {
        assertThat(loadDemo()).isZero();

        assertThat(admin("/organizations")).extracting(org -> org.path("alias").asText()).containsExactlyInAnyOrder("acme", "globex");
        HttpResponse<String> demoPerson = Http.send(Http.request(URI.create(base() + "/realms/partners/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(Http.form("grant_type", "password", "client_id", "partner-admin-cli",
                        "username", "platform-admin", "password", "platform-admin")));
        assertThat(demoPerson.statusCode()).as(demoPerson.body()).isEqualTo(200);
        assertThat(clientCredentials(variables.get("PARTNER_API_WAR_CLIENT_SECRET")).statusCode()).isEqualTo(200);
        assertThat(clientCredentials("partner-api-war-secret").statusCode()).isEqualTo(401);

        long before = keycloak.logSize();
        assertThat(loadDemo()).isZero();
        assertThat(keycloak.logSince(before)).contains("already loaded");
    }

    /** compose's demo-realm service: its entry point and environment, with the Keycloak URL replaced by the local one. */
    private static int loadDemo() {
        ComposeFile.Service service = ComposeFile.read(DeploymentFiles.compose()).service("demo-realm");
        Map<String, String> demo = new HashMap<>();
        service.environment().forEach((name, value) -> demo.put(name, ComposeVariables.interpolate(value, variables)));
        assertThat(demo.get("KEYCLOAK_URL")).isEqualTo("http://keycloak:8080");
        demo.put("KEYCLOAK_URL", base());
        demo.put("KEYCLOAK_HOME", keycloak.home().toString());
        // the service's two volumes, at the same place relative to each other
        Path script = DeploymentFiles.docker().resolve("keycloak/load-demo-realm.sh");
        Path demoRealm = DeploymentFiles.demoRealmFile();
        assertThat(service.volumes()).contains("./keycloak/realms/partners-realm.json:/opt/keycloak/demo/partners-realm.json:ro",
                "./keycloak/load-demo-realm.sh:/opt/keycloak/demo/load-demo-realm.sh:ro");
        Path mounted = keycloak.home().resolve("demo");
        try {
            java.nio.file.Files.createDirectories(mounted);
            java.nio.file.Files.copy(script, mounted.resolve("load-demo-realm.sh"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            java.nio.file.Files.copy(demoRealm, mounted.resolve("partners-realm.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(service.entrypoint()).containsExactly("/bin/bash", "/opt/keycloak/demo/load-demo-realm.sh");
        return ProductionKeycloak.waitFor(keycloak.launch(List.of("bash", "demo/load-demo-realm.sh"), demo), 180);
    }

    /** A client credentials request as a proxy forwards it: over HTTPS (X-Forwarded-Proto) for {@code client}. */
    private static RawHttp.Answer tokenRequestFrom(String source, String client, String secret) {
        String form = "grant_type=client_credentials&client_id=partner-api-war&client_secret="
                + java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
        return RawHttp.post(source, httpPort, "/realms/partners/protocol/openid-connect/token",
                Map.of("X-Forwarded-For", client, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "auth.partners.test"), form);
    }

    /** Keycloak's event log (the jboss-logging listener logs every failed login) from an offset, once it has the event. */
    private static String eventLogSince(long offset) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String log = keycloak.logSince(offset);
        while (!log.contains("CLIENT_LOGIN_ERROR") && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            log = keycloak.logSince(offset);
        }
        assertThat(log).contains("CLIENT_LOGIN_ERROR");
        return log;
    }

    private static HttpResponse<String> clientCredentials(String secret) {
        return Http.send(Http.request(URI.create(base() + "/realms/partners/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", Http.basic("partner-api-war", secret))
                .POST(Http.form("grant_type", "client_credentials")));
    }

    private static List<JsonNode> admin(String path) {
        HttpResponse<String> response = Http.send(Http.request(URI.create(base() + "/admin/realms/partners" + path))
                .header("Authorization", Http.bearer(adminToken())));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(Http.json(response).spliterator(), false).toList();
    }

    /** A token of the first administrator, whom Keycloak created from the environment at its first start. */
    private static String adminToken() {
        HttpResponse<String> response = Http.send(Http.request(URI.create(base() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(Http.form("grant_type", "password", "client_id", "admin-cli",
                        "username", variables.get("KEYCLOAK_ADMIN_USERNAME"), "password", variables.get("KEYCLOAK_ADMIN_PASSWORD"))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).path("access_token").asText();
    }

    private static String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** What differs outside containers: where Keycloak listens and where its cluster member listens. */
    private static Map<String, String> localAddresses(int http, int management) {
        return Map.of(
                "KC_HTTP_HOST", "127.0.0.1",
                "KC_HTTP_PORT", String.valueOf(http),
                "KC_HTTP_MANAGEMENT_PORT", String.valueOf(management),
                "KC_CACHE_EMBEDDED_NETWORK_BIND_ADDRESS", "127.0.0.1",
                "KC_CACHE_EMBEDDED_NETWORK_BIND_PORT", String.valueOf(ProductionKeycloak.freeClusterPort()));
    }

    /** The keycloak user and database of compose's keycloak-db service, in the test's PostgreSQL. */
    private static void createKeycloakDatabase(String password) throws Exception {
        Path driverJar = keycloak.libraryJar("org.postgresql.postgresql-").orElseThrow();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {driverJar.toUri().toURL()}, ProductionSettingsIT.class.getClassLoader())) {
            Driver driver = (Driver) Class.forName("org.postgresql.Driver", true, loader).getDeclaredConstructor().newInstance();
            Properties credentials = new Properties();
            credentials.setProperty("user", postgres.user());
            credentials.setProperty("password", postgres.password());
            try (Connection connection = driver.connect(postgres.jdbcUrl(), credentials); Statement sql = connection.createStatement()) {
                sql.execute("CREATE ROLE keycloak LOGIN PASSWORD '" + password + "'");
                sql.execute("CREATE DATABASE keycloak OWNER keycloak");
            }
        }
    }

    private static int port(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return uri.getPort();
    }

    private static String random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
