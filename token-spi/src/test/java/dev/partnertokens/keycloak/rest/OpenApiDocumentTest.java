package dev.partnertokens.keycloak.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.keycloak.adminui.PartnerKeysPageEndpointFactory;
import dev.partnertokens.keycloak.adminui.PartnerKeysPageResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/**
 * The provider's OpenAPI document is written by hand; these tests keep it true to the code: every endpoint the
 * provider serves is documented and nothing else, every wire record's fields are its schema's, and every reference
 * resolves.
 */
class OpenApiDocumentTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** Where Keycloak mounts each of the provider's resource classes. */
    private static final Map<Class<?>, String> MOUNTED_AT = Map.of(
            TokensResource.class, "/realms/{realm}/" + TokensResourceProviderFactory.PROVIDER_ID,
            PartnersResource.class, "/realms/{realm}/" + PartnersResourceProviderFactory.PROVIDER_ID,
            ConnectResource.class, "/realms/{realm}/" + ConnectResourceProviderFactory.PROVIDER_ID,
            SecretScanningResource.class, "/realms/{realm}/" + SecretScanningResourceProviderFactory.PROVIDER_ID,
            PartnerTokensAdminResource.class, "/admin/realms/{realm}/" + PartnerTokensAdminResourceProviderFactory.PROVIDER_ID,
            PartnerKeysPageResource.class, "/admin/realms/{realm}/" + PartnerKeysPageEndpointFactory.PROVIDER_ID);

    private final ObjectNode document = OpenApiDocument.asWritten();

    @Test
    void isAnOpenApi31Document() {
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.path("info").path("title").asText()).isNotBlank();
    }

    @Test
    void documentsExactlyTheEndpointsTheProviderServes() {
        assertThat(documentedOperations()).isEqualTo(servedOperations());
    }

    @Test
    void everyOperationHasAUniqueIdAndAtLeastOneErrorAnswerUnlessItCannotFail() {
        Set<String> ids = new HashSet<>();
        forEachOperation((path, method, operation) -> {
            assertThat(ids.add(operation.path("operationId").asText())).as("operationId of %s %s", method, path).isTrue();
            assertThat(operation.path("summary").asText()).as("summary of %s %s", method, path).isNotBlank();
            boolean public_ = operation.has("security") && operation.get("security").isEmpty();
            if (!public_) {
                assertThat(iterable(operation.path("responses").fieldNames())).as("answers of %s %s", method, path)
                        .anyMatch(status -> status.startsWith("4"));
            }
        });
    }

    @Test
    void everyPathParameterIsDeclared() {
        Pattern template = Pattern.compile("\\{([^}]+)}");
        forEachOperation((path, method, operation) -> {
            Set<String> declared = new TreeSet<>();
            List<JsonNode> parameters = new ArrayList<>();
            document.path("paths").path(path).path("parameters").forEach(parameters::add);
            operation.path("parameters").forEach(parameters::add);
            for (JsonNode parameter : parameters) {
                JsonNode resolved = resolve(parameter);
                if ("path".equals(resolved.path("in").asText())) {
                    declared.add(resolved.path("name").asText());
                }
            }
            Set<String> named = new TreeSet<>();
            Matcher names = template.matcher(path);
            while (names.find()) {
                named.add(names.group(1));
            }
            assertThat(declared).as("path parameters of %s %s", method, path).isEqualTo(named);
        });
    }

    @Test
    void everyReferenceResolves() {
        List<String> references = new ArrayList<>();
        collectReferences(document, references);
        assertThat(references).isNotEmpty();
        for (String reference : references) {
            assertThat(document.at(reference.substring(1)).isMissingNode()).as(reference).isFalse();
        }
    }

    @Test
    void theWireRecordsHaveExactlyTheirSchemasFields() {
        assertFieldsMatch(TokenView.class, "Token");
        assertFieldsMatch(TokenList.class, "TokenList");
        assertFieldsMatch(ApiError.class, "ApiError");
        assertFieldsMatch(RefreshTokenAnswer.class, "RefreshTokenAnswer");
        assertFieldsMatch(RefreshTokenAnswer.Data.class, "RefreshTokenAnswer", "data");
        assertFieldsMatch(ProviderStatus.class, "ProviderStatus");
        assertFieldsMatch(FeedAnswers.RevocationFeed.class, "RevocationFeed");
        assertFieldsMatch(FeedAnswers.Revocation.class, "Revocation");
        assertFieldsMatch(FeedAnswers.AuditFeed.class, "AuditFeed");
        assertFieldsMatch(FeedAnswers.AuditEntry.class, "AuditEntry");
        assertFieldsMatch(ApiScopesAdminResource.ApiScopeView.class, "ApiScope");
        assertFieldsMatch(BulkKeysAnswer.class, "BulkKeysAnswer");
        assertFieldsMatch(BulkKeysAnswer.Key.class, "BulkKey");
        assertFieldsMatch(GrantableApiScopes.class, "GrantableApiScopes");
        assertFieldsMatchAt(GrantableApiScopes.Scope.class, "/components/schemas/GrantableApiScopes/properties/data/items");
    }

    @Test
    void theRequestBodiesHaveExactlyTheirSchemasFields() {
        assertFieldsMatch(RequestBodies.KeyFields.class, "NewToken");
        assertFieldsMatch(RequestBodies.KeyFields.class, "TokenEdit");
        assertFieldsMatch(RequestBodies.Rotation.class, "Rotation");
        assertFieldsMatch(RequestBodies.RefreshTokenRequest.class, "RefreshTokenRequest");
        assertFieldsMatch(RequestBodies.ApiScopeDescription.class, "ApiScopeDescription");
        assertFieldsMatch(RequestBodies.BulkKeysRequest.class, "BulkKeysRequest");
        assertFieldsMatch(RequestBodies.GitHubKeyList.class, "ReporterKeys");
        assertFieldsMatchAt(RequestBodies.GitHubKey.class, "/components/schemas/ReporterKeys/properties/public_keys/items");
    }

    @Test
    void theServedDocumentNamesTheKeycloakAndRealmThatAnswer() {
        ObjectNode served = OpenApiDocument.forServer(URI.create("https://id.example.com/auth/"), "acme");

        assertThat(served.at("/servers/0/variables/keycloak/default").asText()).isEqualTo("https://id.example.com/auth");
        assertThat(served.at("/components/parameters/Realm/schema/default").asText()).isEqualTo("acme");
        assertThat(OpenApiDocument.json(served)).contains("\"openapi\" : \"3.1.0\"");
        assertThat(OpenApiDocument.yaml(served)).startsWith("openapi: \"3.1.0\"");
        assertThat(document.at("/components/parameters/Realm/schema/default").asText())
                .as("the written document is left alone").isEqualTo("partners");
    }

    @Test
    void theServedYamlAndJsonReadBackAsTheSameDocument() throws Exception {
        ObjectNode served = OpenApiDocument.forServer(URI.create("http://127.0.0.1:8080/"), "partners");

        assertThat(new ObjectMapper(new YAMLFactory()).readTree(OpenApiDocument.yaml(served))).isEqualTo(served);
        assertThat(new ObjectMapper().readTree(OpenApiDocument.json(served))).isEqualTo(served);
        assertThat(served.at("/info/version").isTextual()).as("info.version is a string").isTrue();
    }

    private void assertFieldsMatch(Class<?> record, String schema, String... nested) {
        JsonNode properties = document.path("components").path("schemas").path(schema);
        for (String property : nested) {
            properties = properties.path("properties").path(property);
        }
        assertFieldsMatch(record, schema, properties);
    }

    private void assertFieldsMatchAt(Class<?> record, String pointer) {
        assertFieldsMatch(record, pointer, document.at(pointer));
    }

    private static void assertFieldsMatch(Class<?> record, String schema, JsonNode properties) {
        Set<String> documented = new TreeSet<>();
        properties.path("properties").fieldNames().forEachRemaining(documented::add);
        Set<String> fields = new TreeSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            fields.add(component.getName());
        }
        assertThat(documented).as("schema %s vs %s", schema, record.getSimpleName()).isEqualTo(fields);
    }

    private Set<String> servedOperations() {
        Set<String> served = new TreeSet<>();
        MOUNTED_AT.forEach((resource, base) -> collectOperations(resource, base, served));
        return served;
    }

    /** The resource's methods, and those of the sub-resources its locators (a path, no HTTP method) return. */
    private static void collectOperations(Class<?> resource, String base, Set<String> served) {
        for (Method method : resource.getMethods()) {
            Path path = method.getAnnotation(Path.class);
            String sub = path == null || path.value().isEmpty() ? "" : "/" + path.value().replaceAll("^/+", "");
            HttpMethod http = null;
            for (var annotation : method.getAnnotations()) {
                HttpMethod declared = annotation.annotationType().getAnnotation(HttpMethod.class);
                http = declared == null ? http : declared;
            }
            if (http != null) {
                served.add(http.value() + " " + base + sub);
            } else if (path != null) {
                collectOperations(method.getReturnType(), base + sub, served);
            }
        }
    }

    private Set<String> documentedOperations() {
        Set<String> documented = new TreeSet<>();
        forEachOperation((path, method, operation) -> documented.add(method.toUpperCase() + " " + path));
        return documented;
    }

    private interface OperationVisitor {
        void visit(String path, String method, JsonNode operation);
    }

    private void forEachOperation(OperationVisitor visitor) {
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (HTTP_METHODS.contains(method.getKey())) {
                visitor.visit(path.getKey(), method.getKey(), method.getValue());
            }
        }));
    }

    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ("$ref".equals(field.getKey())) {
                    references.add(field.getValue().asText());
                } else {
                    collectReferences(field.getValue(), references);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectReferences(element, references));
        }
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
