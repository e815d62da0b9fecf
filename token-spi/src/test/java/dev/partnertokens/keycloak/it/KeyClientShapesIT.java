package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.keycloak.it.PartnerRealm.Key;
import dev.partnertokens.testing.KeycloakDatabase;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A key made by an earlier version keeps its client as that version made it (Keycloak's {@code roles} scope linked,
 * no {@code partner-key} role) until housekeeping brings it to the current shape; nothing about the key's use changes.
 */
@ExtendWith(KeycloakExtension.class)
class KeyClientShapesIT {

    private PartnerRealm realm;
    private RealmAdmin admin;
    private StoredValues database;

    @BeforeEach
    void realm(KeycloakServer keycloak, KeycloakDatabase database) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
        this.database = new StoredValues(database);
    }

    @Test
    void aNewKeysClientHasTheCurrentShape() throws Exception {
        Key key = realm.createKey("acme", "shape new", "VIEW");

        assertThat(shape(key)).hasValue("1");
        assertThat(defaultScopes(key)).doesNotContain("roles");
        assertThat(roles(key)).containsExactly("partner-key");
    }

    @Test
    void housekeepingBringsAKeyMadeByAnEarlierVersionToTheCurrentShape() throws Exception {
        Key key = realm.createKey("acme", "shape earlier", "VIEW");
        String clientUuid = admin.client(key.clientId()).path("id").asText();
        asAnEarlierVersionMadeIt(key, clientUuid);
        assertThat(defaultScopes(key)).contains("roles");
        assertThat(roles(key)).isEmpty();
        JsonNode before = claims(key);

        Optional<String> shape = shape(key);
        for (int i = 0; i < 60 && !shape.equals(Optional.of("1")); i++) {
            Thread.sleep(250); // the tests' housekeeping runs every 2 s
            shape = shape(key);
        }

        assertThat(shape).as("reshaped by housekeeping").hasValue("1");
        assertThat(defaultScopes(key)).doesNotContain("roles").contains("basic");
        assertThat(roles(key)).containsExactly("partner-key");
        JsonNode after = claims(key);
        assertThat(names(after)).containsExactlyInAnyOrderElementsOf(names(before));
        assertThat(after.path("scope").asText()).isEqualTo(before.path("scope").asText());
    }

    private void asAnEarlierVersionMadeIt(Key key, String clientUuid) throws Exception {
        String rolesScope = null;
        for (JsonNode scope : admin.read("/client-scopes")) {
            if (scope.path("name").asText().equals("roles")) {
                rolesScope = scope.path("id").asText();
            }
        }
        HttpResponse<String> linked = admin.call("PUT", "/clients/" + clientUuid + "/default-client-scopes/" + rolesScope, null);
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(204);
        HttpResponse<String> removed = admin.call("DELETE", "/clients/" + clientUuid + "/roles/partner-key", null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        assertThat(database.update("update partner_key set client_shape = 0 where client_id = ?", key.clientId())).isEqualTo(1);
    }

    private Optional<String> shape(Key key) throws Exception {
        return database.single("select client_shape from partner_key where client_id = ?", key.clientId());
    }

    private List<String> defaultScopes(Key key) {
        List<String> names = new ArrayList<>();
        admin.read("/clients/" + admin.client(key.clientId()).path("id").asText() + "/default-client-scopes")
                .forEach(scope -> names.add(scope.path("name").asText()));
        return names;
    }

    private List<String> roles(Key key) {
        List<String> names = new ArrayList<>();
        admin.read("/clients/" + admin.client(key.clientId()).path("id").asText() + "/roles")
                .forEach(role -> names.add(role.path("name").asText()));
        return names;
    }

    private JsonNode claims(Key key) {
        HttpResponse<String> response = realm.clientCredentials(key.basic());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.claims(Http.json(response).path("access_token").asText());
    }

    private static List<String> names(JsonNode claims) {
        List<String> names = new ArrayList<>();
        claims.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
