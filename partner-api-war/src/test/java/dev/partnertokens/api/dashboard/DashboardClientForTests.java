package dev.partnertokens.api.dashboard;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import dev.partnertokens.testing.KeycloakServer;

/**
 * The demo realm lets the dashboard client sign in at the local run's WildFly; the tests' WildFly has another port.
 * As the harness's Keycloak administrator (admin REST API), this adds the tests' page URL to the client's redirect
 * URIs (its post-logout redirect URIs and web origins follow them: {@code +}). Idempotent: one Keycloak serves
 * every test class of the run.
 */
final class DashboardClientForTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DashboardClientForTests() {
    }

    static void allowPageAt(KeycloakServer keycloak, URL pageUrl) {
        String admin = keycloak.adminAccessToken();
        URI clients = URI.create(keycloak.baseUri() + "/admin/realms/partners/clients");
        JsonObject client = Json.createReader(new StringReader(send(HttpRequest.newBuilder(URI.create(clients + "?clientId=partner-dashboard"))
                .header("Authorization", "Bearer " + admin).build()).body())).readArray().getJsonObject(0);
        String pattern = pageUrl.toString() + "*";
        boolean present = client.getJsonArray("redirectUris").stream()
                .anyMatch(uri -> uri instanceof JsonString s && s.getString().equals(pattern));
        if (present) {
            return;
        }
        JsonArrayBuilder redirects = Json.createArrayBuilder(client.getJsonArray("redirectUris")).add(pattern);
        JsonObject changed = Json.createObjectBuilder(client).add("redirectUris", redirects).build();
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(clients + "/" + client.getString("id")))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(changed.toString())).build());
        if (answer.statusCode() != 204) {
            throw new IllegalStateException("Keycloak did not update partner-dashboard: " + answer.statusCode() + " " + answer.body());
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
