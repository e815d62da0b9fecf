package dev.partnertokens.keycloak.rest;

import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnertokens.keycloak.domain.InvalidInputException;

/**
 * Reads a small JSON object from a request, strictly: JSON content type, at most {@value #MAX_BYTES} bytes, one
 * object, no duplicate members. Every failure is an {@link InvalidInputException} that names what was wrong.
 */
final class JsonBodies {

    static final int MAX_BYTES = 16 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonBodies() {
    }

    static ObjectNode readObject(HttpHeaders headers, InputStream body) {
        MediaType type = headers.getMediaType();
        if (type == null || !(type.isCompatible(MediaType.APPLICATION_JSON_TYPE))) {
            throw new InvalidInputException("Content-Type", "Content-Type must be application/json");
        }
        byte[] bytes = readAtMost(body);
        if (bytes.length == 0) {
            throw new InvalidInputException("body", "The request needs a JSON object as its body");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "The body is not valid JSON");
        } catch (IOException e) {
            throw new InvalidInputException("body", "The body could not be read");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("body", "The body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * A JSON object that a request may leave out: no body at all (whatever the Content-Type) is an empty object; a
     * body is read as strictly as by {@link #readObject}.
     */
    static ObjectNode readOptionalObject(HttpHeaders headers, InputStream body) {
        byte[] bytes = readAtMost(body);
        if (bytes.length == 0) {
            return MAPPER.createObjectNode();
        }
        return readObject(headers, new java.io.ByteArrayInputStream(bytes));
    }

    private static byte[] readAtMost(InputStream body) {
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new InvalidInputException("body", "The body is larger than " + MAX_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new InvalidInputException("body", "The body could not be read");
        }
    }
}
