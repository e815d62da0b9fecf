package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnertokens.testing.KeycloakServer;

/** The demo realm {@code partners} of a running Keycloak, seen from outside: its endpoints and demo accounts. */
public final class PartnerRealm {

    public static final String REALM = "partners";

    private final KeycloakServer keycloak;

    public PartnerRealm(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    public URI tokenEndpoint() {
        return URI.create(keycloak.realmUri(REALM) + "/protocol/openid-connect/token");
    }

    public URI connectTokenEndpoint() {
        return URI.create(keycloak.realmUri(REALM) + "/connect/token");
    }

    public URI refreshTokenEndpoint() {
        return URI.create(keycloak.realmUri(REALM) + "/partners/api/v2/refresh-token");
    }

    public URI tokens() {
        return URI.create(keycloak.realmUri(REALM) + "/tokens");
    }

    public URI token(String id) {
        return URI.create(tokens() + "/" + id);
    }

    public String issuer() {
        return keycloak.realmUri(REALM).toString();
    }

    /** A bearer token of the demo platform administrator (realm role manage-partner-keys). */
    public String platformAdminToken() {
        return userToken("platform-admin", "platform-admin");
    }

    public String userToken(String username, String password) {
        HttpResponse<String> response = Http.send(Http.request(tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(Http.form("grant_type", "password", "client_id", "partner-dashboard",
                        "username", username, "password", password)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).path("access_token").asText();
    }

    /** Creates a key for {@code partner} as the platform administrator and returns the 201 body. */
    public JsonNode createKeyAsAdmin(String partner, String name, String... permissions) {
        HttpResponse<String> response = Http.send(Http.request(tokens())
                .header("Authorization", "Bearer " + platformAdminToken())
                .header("X-Partner", partner)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(keyRequest(name, permissions).toString())));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response);
    }

    public static ObjectNode keyRequest(String name, String... permissions) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", name);
        List.of(permissions).forEach(body.putArray("permissions")::add);
        return body;
    }

    public HttpResponse<String> clientCredentials(String authorization, String... form) {
        String[] fields = new String[form.length + 2];
        fields[0] = "grant_type";
        fields[1] = "client_credentials";
        System.arraycopy(form, 0, fields, 2, form.length);
        HttpRequest.Builder request = Http.request(tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(Http.form(fields));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request);
    }
}
