package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The OpenAPI document the running provider serves, held against the endpoints it describes. */
@ExtendWith(KeycloakExtension.class)
class OpenApiDocumentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Map<String, String> PATH_VALUES = Map.of(
            "realm", PartnerRealm.REALM,
            "id", "Token:00000000-0000-4000-8000-000000000000",
            "name", "no-such-scope");

    private static PartnerRealm realm;
    private static JsonNode document;

    @BeforeAll
    static void fetchTheDocument(KeycloakServer keycloak) throws Exception {
        realm = new PartnerRealm(keycloak);
        HttpResponse<String> yaml = Http.send(Http.request(URI.create(keycloak.realmUri(PartnerRealm.REALM) + "/partners/api/v2/openapi.yaml")));
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        document = YAML.readTree(yaml.body());
    }

    @Test
    void theServedDocumentNamesThisKeycloakAndRealm(KeycloakServer keycloak) {
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.at("/servers/0/variables/keycloak/default").asText()).isEqualTo(keycloak.baseUri().toString().replaceAll("/+$", ""));
        assertThat(document.at("/components/parameters/Realm/schema/default").asText()).isEqualTo(PartnerRealm.REALM);
    }

    @Test
    void theJsonFormIsTheSameDocument(KeycloakServer keycloak) throws Exception {
        HttpResponse<String> json = Http.send(Http.request(URI.create(keycloak.realmUri(PartnerRealm.REALM) + "/partners/api/v2/openapi.json")));

        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(json.body())).isEqualTo(document);
    }

    @Test
    void everyOperationAnswersACallerWithoutCredentialsWithAStatusItDocuments(KeycloakServer keycloak) {
        List<String> undocumented = new ArrayList<>();
        int called = 0;
        for (var path : iterable(document.path("paths").fields())) {
            for (var operation : iterable(path.getValue().fields())) {
                if (!HTTP_METHODS.contains(operation.getKey())) {
                    continue;
                }
                HttpResponse<String> answer = call(keycloak, operation.getKey(), path.getKey(), operation.getValue());
                called++;
                Set<String> documented = new TreeSet<>();
                operation.getValue().path("responses").fieldNames().forEachRemaining(documented::add);
                if (!documented.contains(String.valueOf(answer.statusCode()))) {
                    undocumented.add(operation.getKey().toUpperCase() + " " + path.getKey() + " answered " + answer.statusCode()
                            + ", documented " + documented);
                }
            }
        }
        assertThat(called).isGreaterThan(15);
        assertThat(undocumented).isEmpty();
    }

    @Test
    void aCreatedKeyHasOnlyFieldsTheTokenSchemaNames() {
        PartnerRealm.Key key = realm.createKey("acme", "OpenAPI check", "VIEW");

        Set<String> documented = new TreeSet<>();
        document.at("/components/schemas/Token/properties").fieldNames().forEachRemaining(documented::add);
        Set<String> returned = new TreeSet<>();
        key.created().fieldNames().forEachRemaining(returned::add);
        assertThat(documented).containsAll(returned);
        Set<String> required = new TreeSet<>();
        document.at("/components/schemas/Token/required").forEach(name -> required.add(name.asText()));
        assertThat(returned).containsAll(required);
    }

    private static HttpResponse<String> call(KeycloakServer keycloak, String method, String template, JsonNode operation) {
        String path = template;
        for (var value : PATH_VALUES.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        URI uri = URI.create(keycloak.baseUri().toString().replaceAll("/+$", "") + path);
        HttpRequest.Builder request = Http.request(uri);
        JsonNode content = operation.path("requestBody").path("content");
        if (content.isObject() && content.size() > 0) {
            String type = content.fieldNames().next();
            request.header("Content-Type", type).method(method.toUpperCase(),
                    Http.body(type.equals("application/json") ? "{}" : "grant_type=client_credentials"));
        } else {
            request.method(method.toUpperCase(), HttpRequest.BodyPublishers.noBody());
        }
        return Http.send(request);
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
