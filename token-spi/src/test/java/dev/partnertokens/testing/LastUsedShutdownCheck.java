package dev.partnertokens.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks that a key's uses are written when Keycloak stops cleanly, although nothing was written before: Keycloak on a
 * PostgreSQL of its own, last uses written behind only every hour, a key used three times, {@code USE_COUNT} read
 * through JDBC before the stop (0: no write per grant) and after it (3). Not a test of the IT suite (it starts its own
 * Keycloak and PostgreSQL, which the suite's shared distribution cannot run beside): a main program that fails when the
 * uses are lost. {@code ./mvnw -pl token-spi -Pshutdown-check verify -DskipTests}
 */
public final class LastUsedShutdownCheck {

    private LastUsedShutdownCheck() {
    }

    public static void main(String[] args) throws Exception {
        KeycloakSettings settings = KeycloakSettings.fromSystemProperties();
        PostgresDatabase postgres = PostgresDatabase.start(java.nio.file.Path.of(System.getProperty("keycloak.log.dir", "target"), "shutdown-check-postgres"));
        List<String> options = new ArrayList<>(List.of("--db-url=" + postgres.jdbcUrl(), "--db-username=" + postgres.user(),
                "--db-password=" + postgres.password()));
        options.add("--spi-events-listener--partner-tokens--last-used-flush-seconds=3600");
        KeycloakServer keycloak = KeycloakServer.start(settings.withDatabase("postgres", options));
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        String realm = keycloak.realmUri("partners").toString();
        JsonNode admin = json.readTree(http.send(HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=partner-admin-cli&username=platform-admin&password=platform-admin"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        JsonNode key = json.readTree(http.send(HttpRequest.newBuilder(URI.create(realm + "/tokens"))
                .header("Authorization", "Bearer " + admin.path("access_token").asText()).header("X-Partner", "acme")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"shutdown\",\"permissions\":[\"VIEW\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        String basic = java.util.Base64.getEncoder().encodeToString((key.path("clientId").asText() + ":" + key.path("clientSecret").asText()).getBytes());
        for (int i = 0; i < 3; i++) {
            int status = http.send(HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/token"))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
            System.out.println("grant " + i + ": " + status);
        }
        String keyId = key.path("id").asText().substring("Token:".length());
        KeycloakDatabase db = KeycloakDatabase.postgres(settings.home(), postgres);
        String before = count(db, keyId);
        keycloak.close();
        String after = count(db, keyId);
        postgres.close();
        System.out.println("[shutdown-check] USE_COUNT before the stop: " + before + "; after a clean stop: " + after);
        if (!before.startsWith("0 ") || !after.equals("3 via TOKEN_ENDPOINT")) {
            throw new IllegalStateException("[shutdown-check] FAILED: expected 0 before the stop (written behind) and 3 after it");
        }
        System.out.println("[shutdown-check] passed");
    }

    private static String count(KeycloakDatabase db, String keyId) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("select use_count, last_used_via from partner_key_usage where key_id = ?")) {
            s.setString(1, keyId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) + " via " + r.getString(2) : "no row";
            }
        }
    }
}
