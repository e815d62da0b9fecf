package dev.partnertokens.api.testing;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import jakarta.json.Json;
import jakarta.json.JsonArray;

import dev.partnertokens.testing.KeycloakServer;

/**
 * A realm administrator of the partners realm (client role {@code realm-management/realm-admin}), made through the
 * admin REST API by the bootstrap administrator the way an operator would: the person who signs in to the partners
 * realm's own admin console. The demo realm has none on purpose (it ships no administrator password).
 */
public final class RealmAdministrator {

    public static final String USERNAME = "realm-admin@platform.example";
    public static final String PASSWORD = "realm-admin-password";

    private final KeycloakServer keycloak;
    private final HttpClient http = HttpClient.newHttpClient();

    private RealmAdministrator(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    /** Makes sure the partners realm has the administrator (idempotent: test classes share one Keycloak). */
    public static RealmAdministrator of(KeycloakServer keycloak) {
        RealmAdministrator administrator = new RealmAdministrator(keycloak);
        administrator.ensureExists();
        return administrator;
    }

    /** The partners realm's admin console, where this administrator signs in. */
    public String consoleUrl() {
        return keycloak.baseUri() + "/admin/partners/console/";
    }

    private void ensureExists() {
        String admin = keycloak.adminAccessToken();
        String user = Json.createObjectBuilder()
                .add("username", USERNAME)
                .add("email", USERNAME)
                .add("firstName", "Rita")
                .add("lastName", "Realm")
                .add("enabled", true)
                .add("emailVerified", true)
                .add("credentials", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("type", "password").add("value", PASSWORD).add("temporary", false)))
                .build().toString();
        HttpResponse<String> created = send(admin, "POST", "/users", user);
        if (created.statusCode() == 409) {
            return;
        }
        expect(created, 201);
        String userId = array(send(admin, "GET", "/users?exact=true&username=" + URLEncoder.encode(USERNAME, StandardCharsets.UTF_8), null))
                .getJsonObject(0).getString("id");
        String realmManagement = array(send(admin, "GET", "/clients?clientId=realm-management", null)).getJsonObject(0).getString("id");
        HttpResponse<String> role = send(admin, "GET", "/clients/" + realmManagement + "/roles/realm-admin", null);
        expect(role, 200);
        expect(send(admin, "POST", "/users/" + userId + "/role-mappings/clients/" + realmManagement, "[" + role.body() + "]"), 204);
    }

    private HttpResponse<String> send(String token, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.baseUri() + "/admin/realms/partners" + path))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonArray array(HttpResponse<String> response) {
        expect(response, 200);
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("Keycloak answered " + response.statusCode() + " " + response.body());
        }
    }

}
