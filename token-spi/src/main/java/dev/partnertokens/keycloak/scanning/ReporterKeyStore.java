package dev.partnertokens.keycloak.scanning;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.domain.ReporterKey;
import org.keycloak.models.RealmModel;

/**
 * The public keys a realm checks leak reports with, kept in the realm attribute {@value #ATTRIBUTE} in the format of
 * GitHub's key list ({@code https://api.github.com/meta/public_keys/secret_scanning}):
 * {@code {"public_keys":[{"key_identifier":"…","key":"-----BEGIN PUBLIC KEY-----…","is_current":true}]}}. Changed
 * through the admin REST API ({@code rest.ReporterKeysAdminResource}), which checks every key before storing it.
 */
public final class ReporterKeyStore {

    public static final String ATTRIBUTE = "partner-tokens.leak-reporter-keys";
    /** More keys than any reporter publishes; GitHub lists a handful. */
    public static final int MAX_KEYS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RealmModel realm;

    public ReporterKeyStore(RealmModel realm) {
        this.realm = realm;
    }

    /** The configured keys; none when nothing (or something unreadable) is stored, so every report is refused. */
    public List<ReporterKey> all() {
        String stored = realm.getAttribute(ATTRIBUTE);
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        try {
            return parse(JSON.readTree(stored));
        } catch (JsonProcessingException | InvalidInputException unreadable) {
            return List.of();
        }
    }

    /** Replaces every key with {@code keys} (an empty list removes them all: every report is then refused). */
    public void replace(List<ReporterKey> keys) {
        if (keys.isEmpty()) {
            realm.removeAttribute(ATTRIBUTE);
            return;
        }
        realm.setAttribute(ATTRIBUTE, toJson(keys).toString());
    }

    /**
     * Reads a key list in GitHub's format; {@code is_current} and unknown members of a key are ignored (a report
     * signed with a key that is no longer current is still checked with it while it is listed).
     *
     * @throws InvalidInputException naming what is wrong: not an object with a {@code public_keys} array, too many
     *                               keys, a key that is not ECDSA P-256 PEM, an identifier listed twice
     */
    public static List<ReporterKey> parse(JsonNode list) {
        if (list == null || !list.isObject() || !list.path("public_keys").isArray()) {
            throw new InvalidInputException("public_keys",
                    "The body must be a key list as GitHub publishes it: {\"public_keys\":[{\"key_identifier\":…,\"key\":…}]}");
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (JsonNode entry : list.path("public_keys")) {
            JsonNode identifier = entry.get("key_identifier");
            JsonNode pem = entry.get("key");
            entries.add(new AbstractMap.SimpleImmutableEntry<>(identifier != null && identifier.isTextual() ? identifier.asText() : null,
                    pem != null && pem.isTextual() ? pem.asText() : null));
        }
        return of(entries);
    }

    /**
     * The keys of a list of (key identifier, PEM) pairs, in their order.
     *
     * @throws InvalidInputException naming what is wrong: too many keys, a key that is not a P-256 public key, an
     *                               identifier listed twice
     */
    public static List<ReporterKey> of(List<Map.Entry<String, String>> entries) {
        if (entries.size() > MAX_KEYS) {
            throw new InvalidInputException("public_keys", "At most " + MAX_KEYS + " keys");
        }
        List<ReporterKey> keys = new ArrayList<>();
        for (Map.Entry<String, String> entry : entries) {
            ReporterKey key = ReporterKey.of(entry.getKey(), entry.getValue());
            if (keys.stream().anyMatch(k -> k.identifier().equals(key.identifier()))) {
                throw new InvalidInputException("key_identifier", "key_identifier " + key.identifier() + " is listed twice");
            }
            keys.add(key);
        }
        return List.copyOf(keys);
    }

    /** The keys in GitHub's format (without {@code is_current}). */
    public static ObjectNode toJson(List<ReporterKey> keys) {
        ObjectNode list = JSON.createObjectNode();
        ArrayNode entries = list.putArray("public_keys");
        keys.forEach(key -> entries.addObject().put("key_identifier", key.identifier()).put("key", key.pem()));
        return list;
    }
}
