package dev.partnertokens.keycloak.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * The provider's OpenAPI 3.1 document ({@value #RESOURCE}), written by hand next to the code and checked against the
 * JAX-RS resources by {@code OpenApiDocumentTest} and against the running endpoints by {@code OpenApiDocumentIT}.
 * Served with its server and realm set to the Keycloak and realm that answer.
 */
final class OpenApiDocument {

    static final String RESOURCE = "/openapi/partner-tokens.yaml";
    static final String YAML_MEDIA_TYPE = "application/yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode DOCUMENT = load();

    private OpenApiDocument() {
    }

    /** The document as written, read once. */
    static ObjectNode asWritten() {
        return DOCUMENT.deepCopy();
    }

    /** The document for this Keycloak ({@code baseUri}, e.g. {@code http://127.0.0.1:8080/}) and realm. */
    static ObjectNode forServer(URI baseUri, String realm) {
        ObjectNode document = asWritten();
        String base = baseUri.toString().replaceAll("/+$", "");
        ((ObjectNode) document.at("/servers/0/variables/keycloak")).put("default", base);
        ((ObjectNode) document.at("/components/parameters/Realm/schema")).put("default", realm);
        return document;
    }

    static String yaml(ObjectNode document) {
        try {
            return YAML.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(ObjectNode document) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the provider's jar");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
