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

    /** Saves a client representation as it is, the way the admin console's Save does with what it loaded. */
    void saveClient(JsonNode client) {
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

    /** Turns a partner's Organization off or on the way an administrator would: load, change, save. */
    void setOrganizationEnabled(String alias, boolean enabled) {
        updateOrganization(alias, organization -> organization.put("enabled", enabled));
    }

    /** Sets (or, with no values, removes) an attribute of a partner's Organization. */
    void setOrganizationAttribute(String alias, String name, String... values) {
        updateOrganization(alias, organization -> {
            ObjectNode attributes = organization.has("attributes") && organization.get("attributes").isObject()
                    ? (ObjectNode) organization.get("attributes") : organization.putObject("attributes");
            if (values.length == 0) {
                attributes.remove(name);
            } else {
                java.util.List.of(values).forEach(attributes.putArray(name)::add);
            }
        });
    }

    /** Deletes a partner's Organization. */
    void deleteOrganization(String alias) {
        HttpResponse<String> response = Http.send(admin("/organizations/" + organizationId(alias)).DELETE());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    /** Creates an Organization with this alias and returns its id. */
    String createOrganization(String alias) {
        String body = "{\"name\":\"" + alias + "\",\"alias\":\"" + alias + "\",\"enabled\":true,"
                + "\"domains\":[{\"name\":\"" + alias + ".example\"}]}";
        HttpResponse<String> response = Http.send(admin("/organizations").header("Content-Type", "application/json")
                .POST(Http.body(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return organizationId(alias);
    }

    /** Sets (or, with {@code null}, removes) an attribute of the realm. */
    void setRealmAttribute(String name, String value) {
        HttpResponse<String> loaded = Http.send(Http.request(URI.create(keycloak.baseUri() + "/admin/realms/" + PartnerRealm.REALM))
                .header("Authorization", Http.bearer(accessToken())).GET());
        ObjectNode realm = (ObjectNode) Http.json(loaded);
        ObjectNode attributes = realm.has("attributes") ? (ObjectNode) realm.get("attributes") : realm.putObject("attributes");
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        HttpResponse<String> response = Http.send(Http.request(URI.create(keycloak.baseUri() + "/admin/realms/" + PartnerRealm.REALM))
                .header("Authorization", Http.bearer(accessToken())).header("Content-Type", "application/json")
                .PUT(Http.body(realm.toString())));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    private void updateOrganization(String alias, java.util.function.Consumer<ObjectNode> change) {
        String id = organizationId(alias);
        ObjectNode organization = (ObjectNode) get("/organizations/" + id);
        change.accept(organization);
        HttpResponse<String> response = Http.send(admin("/organizations/" + id).header("Content-Type", "application/json")
                .PUT(Http.body(organization.toString())));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    /** Lets the realm store user events of these types, as on the admin console's Events page. */
    void storeEvents(String... types) {
        StringBuilder body = new StringBuilder("{\"eventsEnabled\":true,\"eventsListeners\":[\"jboss-logging\"],\"enabledEventTypes\":[");
        for (int i = 0; i < types.length; i++) {
            body.append(i == 0 ? "" : ",").append('"').append(types[i]).append('"');
        }
        HttpResponse<String> response = Http.send(admin("/events/config").header("Content-Type", "application/json")
                .PUT(Http.body(body.append("]}").toString())));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    /** The stored user events of one type, newest first. */
    JsonNode events(String type) {
        return get("/events?type=" + type + "&max=100");
    }

    /** The admin console's "Partial export" with clients, groups and roles. */
    String partialExport() {
        HttpResponse<String> response = Http.send(admin("/partial-export?exportClients=true&exportGroupsAndRoles=true")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** An admin REST call under {@code /admin/realms/partners}, as the admin console makes it. */
    HttpResponse<String> call(String method, String path, String json) {
        HttpRequest.Builder request = admin(path);
        if (json == null) {
            return Http.send(request.method(method, HttpRequest.BodyPublishers.noBody()));
        }
        return Http.send(request.header("Content-Type", "application/json").method(method, Http.body(json)));
    }

    /** {@code GET /admin/realms/partners<path>}, expecting 200. */
    JsonNode read(String path) {
        return get(path);
    }

    /** The client authenticators of the realm's client authentication flow ({@code clients}), in the order Keycloak runs them. */
    java.util.List<String> clientAuthenticators() {
        java.util.List<String> providers = new java.util.ArrayList<>();
        read("/authentication/flows/clients/executions").forEach(execution -> providers.add(execution.path("providerId").asText()));
        return providers;
    }

    /** Gives the execution of this client authenticator another priority, as the admin console's flow editor does. */
    void setClientAuthenticatorPriority(String providerId, int priority) {
        for (JsonNode execution : read("/authentication/flows/clients/executions")) {
            if (execution.path("providerId").asText().equals(providerId)) {
                ((ObjectNode) execution).put("priority", priority);
                HttpResponse<String> response = call("PUT", "/authentication/flows/clients/executions", execution.toString());
                assertThat(response.statusCode()).as(response.body()).isIn(202, 204);
                return;
            }
        }
        throw new AssertionError("no execution " + providerId + " in the clients flow");
    }

    /** The realm's id (the parent of its components). */
    String realmId() {
        HttpResponse<String> response = Http.send(Http.request(URI.create(keycloak.baseUri() + "/admin/realms/" + PartnerRealm.REALM))
                .header("Authorization", Http.bearer(accessToken())).GET());
        return Http.json(response).path("id").asText();
    }

    /** {@code GET /admin/serverinfo}: what the admin console knows about providers. */
    JsonNode serverInfo() {
        HttpResponse<String> response = Http.send(Http.request(URI.create(keycloak.baseUri() + "/admin/serverinfo"))
                .header("Authorization", Http.bearer(accessToken())).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    /** Changes the realm representation the way the admin console's Realm settings save it. */
    void updateRealm(java.util.function.Consumer<ObjectNode> change) {
        HttpResponse<String> loaded = Http.send(Http.request(URI.create(keycloak.baseUri() + "/admin/realms/" + PartnerRealm.REALM))
                .header("Authorization", Http.bearer(accessToken())).GET());
        ObjectNode realm = (ObjectNode) Http.json(loaded);
        change.accept(realm);
        HttpResponse<String> response = Http.send(Http.request(URI.create(keycloak.baseUri() + "/admin/realms/" + PartnerRealm.REALM))
                .header("Authorization", Http.bearer(accessToken())).header("Content-Type", "application/json")
                .PUT(Http.body(realm.toString())));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
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
