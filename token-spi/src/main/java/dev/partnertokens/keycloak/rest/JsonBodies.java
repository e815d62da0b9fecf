package dev.partnertokens.keycloak.rest;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.partnertokens.keycloak.domain.InvalidInputException;

/**
 * Reads a small JSON object from a request and binds it to a record of {@link RequestBodies}, strictly: JSON content
 * type, at most {@value #MAX_BYTES} bytes, one object, no duplicate members, no member the record does not have, and
 * no coercion (a number is no string, a string no number, one value no array). Every failure is an
 * {@link InvalidInputException} naming what was wrong; this is the one place where Jackson's exceptions become them,
 * with the answer each member declares ({@link WrongType}).
 */
final class JsonBodies {

    static final int MAX_BYTES = 16 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
            .withCoercionConfigDefaults(config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail))
            // exactly its own shape for each type: text for strings, numbers for numbers, true/false for booleans
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.TryConvert))
            .withCoercionConfig(LogicalType.Integer, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert))
            .withCoercionConfig(LogicalType.Boolean, config -> config
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert))
            .build();

    private JsonBodies() {
    }

    /**
     * A body bound to {@code type}, with the members that were sent (a member sent as {@code null} and one left out
     * are both {@code null} in the record; an edit tells them apart here).
     */
    record Sent<T>(T body, Set<String> members) {

        boolean has(String member) {
            return members.contains(member);
        }
    }

    static <T extends Record> Sent<T> read(HttpHeaders headers, InputStream body, Class<T> type) {
        return read(headers.getMediaType(), body, type);
    }

    static <T extends Record> Sent<T> read(MediaType mediaType, InputStream body, Class<T> type) {
        requireJson(mediaType);
        return bind(parseObject(readAtMost(body)), type);
    }

    /**
     * A body that a request may leave out: no body at all (whatever the Content-Type) binds as an empty object; a body
     * is read as strictly as by {@link #read}.
     */
    static <T extends Record> Sent<T> readOptional(HttpHeaders headers, InputStream body, Class<T> type) {
        byte[] bytes = readAtMost(body);
        if (bytes.length == 0) {
            return bind(MAPPER.createObjectNode(), type);
        }
        requireJson(headers.getMediaType());
        return bind(parseObject(bytes), type);
    }

    private static void requireJson(MediaType mediaType) {
        if (mediaType == null || !mediaType.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new InvalidInputException("Content-Type", "Content-Type must be application/json");
        }
    }

    private static ObjectNode parseObject(byte[] bytes) {
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

    private static <T extends Record> Sent<T> bind(ObjectNode object, Class<T> type) {
        Set<String> members = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(members::add);
        try {
            return new Sent<>(MAPPER.treeToValue(object, type), Set.copyOf(members));
        } catch (UnrecognizedPropertyException e) { // in the body, or in a record nested in it
            Class<?> holder = e.getReferringClass() != null && e.getReferringClass().isRecord() ? e.getReferringClass() : type;
            throw unknown(e.getPropertyName(), expectedMembers(holder));
        } catch (JsonMappingException e) {
            List<JsonMappingException.Reference> path = e.getPath();
            String member = path.isEmpty() ? null : path.get(0).getFieldName();
            throw wrongType(type, member, path.size() > 1);
        } catch (InputCoercionException e) { // a number too large for its type
            throw wrongType(type, e.getProcessor() == null ? null : e.getProcessor().getParsingContext().getCurrentName(), false);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "The body is not valid JSON");
        }
    }

    private static String expectedMembers(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.joining(", "));
    }

    private static InvalidInputException unknown(String member, String expected) {
        return new InvalidInputException(member, "Unknown field " + TokensResource.quoted(member) + "; expected " + expected);
    }

    private static InvalidInputException wrongType(Class<? extends Record> type, String member, boolean element) {
        for (RecordComponent component : type.getRecordComponents()) {
            WrongType answer = component.getAnnotation(WrongType.class);
            if (component.getName().equals(member) && answer != null) {
                return new InvalidInputException(member, element && !answer.element().isEmpty() ? answer.element() : answer.value());
            }
        }
        return new InvalidInputException(member == null ? "body" : member, "The body does not have the expected form");
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
