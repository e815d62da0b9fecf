package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnertokens.testing.KeycloakServer;

/** What a Keycloak administrator sees of the demo realm through the admin REST API (and the admin console). */
final class RealmAdmin {

    /** The master realm's admin tokens live 60 s; one is reused for 30 s so that tests do not log in per request. */
    private static final Duration TOKEN_REUSE = Duration.ofSeconds(30);
    private static String token;
    private static Instant tokenFetched = Instant.EPOCH;

    private final KeycloakServer keycloak;

    RealmAdmin(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    private String accessToken() {
        synchronized (RealmAdmin.class) {
            if (token == null || Instant.now().isAfter(tokenFetched.plus(TOKEN_REUSE))) {
                tokenFetched = Instant.now();
                token = keycloak.adminAccessToken();
            }
            return token;
        }
    }

    /** The client representation of {@code clientId}, as the admin console's client page loads it. */
    JsonNode client(String clientId) {
        JsonNode clients = get("/clients?clientId=" + PartnerRealm.encoded(clientId));
        assertThat(clients).as("clients named %s", clientId).hasSize(1);
        return clients.get(0);
    }

    /** The admin console's Credentials tab: {@code GET /clients/{id}/client-secret}. */
    JsonNode clientSecret(String clientId) {
        return get("/clients/" + client(clientId).path("id").asText() + "/client-secret");
    }

    /** Every client of the realm. */
    JsonNode clients() {
        return get("/clients?first=0&max=100000");
    }

    /** Turns a key's client off or on the way an administrator would: load, change, save the representation. */
    void setEnabled(String clientId, boolean enabled) {
        ObjectNode client = (ObjectNode) client(clientId);
        client.put("enabled", enabled);
        HttpResponse<String> response = Http.send(admin("/clients/" + client.path("id").asText())
                .header("Content-Type", "application/json")
                .PUT(Http.body(client.toString())));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    /** Deletes a key's client the way an administrator would in the admin console. */
    void deleteClient(String clientId) {
        HttpResponse<String> response = Http.send(admin("/clients/" + client(clientId).path("id").asText()).DELETE());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    /** Turns the service-account user of a key's client off, the way an administrator would on the user's page. */
    void disableServiceAccount(String clientId) {
        JsonNode user = get("/clients/" + client(clientId).path("id").asText() + "/service-account-user");
        ObjectNode disabled = ((ObjectNode) user).put("enabled", false);
        HttpResponse<String> response = Http.send(admin("/users/" + user.path("id").asText())
                .header("Content-Type", "application/json")
                .PUT(Http.body(disabled.toString())));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    /** The id of the Organization with this alias. */
    String organizationId(String alias) {
        for (JsonNode organization : get("/organizations?first=0&max=1000")) {
            if (alias.equals(organization.path("alias").asText())) {
                return organization.path("id").asText();
            }
        }
        throw new AssertionError("No organization " + alias);
    }

    /** The admin console's "Partial export" with clients, groups and roles. */
    String partialExport() {
        HttpResponse<String> response = Http.send(admin("/partial-export?exportClients=true&exportGroupsAndRoles=true")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = Http.send(admin(path).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private HttpRequest.Builder admin(String path) {
        return Http.request(URI.create(keycloak.baseUri() + "/admin/realms/" + PartnerRealm.REALM + path))
                .header("Authorization", Http.bearer(accessToken()));
    }
}
