package dev.partnertokens.keycloak.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import jakarta.ws.rs.core.MediaType;

import dev.partnertokens.keycloak.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bodies of the refresh-token endpoint and of the realm administration resources (API scopes, bulk keys, leak
 * reporter keys), bound as strictly as the tokens API's: what binds, and the answer each kind of wrong body gets.
 */
class OtherRequestBodiesTest {

    private static final String NOT_JSON = "The body is not valid JSON";
    private static final String NOT_AN_OBJECT = "The body must be a JSON object";

    private static <T extends Record> T read(String json, Class<T> type) {
        return JsonBodies.read(MediaType.APPLICATION_JSON_TYPE, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), type).body();
    }

    @ParameterizedTest
    @MethodSource("wrongBodies")
    void refusesAWrongBodyNamingTheFieldWithAClearMessage(Class<? extends Record> type, String json, String field, String message) {
        assertThatThrownBy(() -> read(json, type))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    static Stream<Arguments> wrongBodies() {
        Class<RequestBodies.RefreshTokenRequest> refresh = RequestBodies.RefreshTokenRequest.class;
        Class<RequestBodies.ApiScopeDescription> scope = RequestBodies.ApiScopeDescription.class;
        Class<RequestBodies.BulkKeysRequest> bulk = RequestBodies.BulkKeysRequest.class;
        Class<RequestBodies.GitHubKeyList> keys = RequestBodies.GitHubKeyList.class;
        String apiKey = "apiKey must be the key's client id, a non-empty string";
        String description = "description is required: a text saying what the scope gives access to";
        String count = "count must be a whole number from 1 to 10000";
        String secrets = "secrets must be a whole number from 0 to 100";
        String keyList = "The body must be a key list as GitHub publishes it: {\"public_keys\":[{\"key_identifier\":…,\"key\":…}]}";
        String bulkMembers = "partner, count, namePrefix, permissions, scopes, expiresAt, secrets";
        return Stream.of(
                argumentSet("refresh: a misspelt apiKey", refresh, "{\"api_key\":\"pk-1\"}", "api_key",
                        "Unknown field 'api_key'; expected apiKey"),
                argumentSet("refresh: apiKey twice", refresh, "{\"apiKey\":\"pk-1\",\"apiKey\":\"pk-2\"}", "body", NOT_JSON),
                argumentSet("refresh: a number as apiKey", refresh, "{\"apiKey\":42}", "apiKey", apiKey),
                argumentSet("refresh: an array as apiKey", refresh, "{\"apiKey\":[\"pk-1\"]}", "apiKey", apiKey),
                argumentSet("refresh: an object as apiKey", refresh, "{\"apiKey\":{\"id\":\"pk-1\"}}", "apiKey", apiKey),
                argumentSet("refresh: trailing tokens", refresh, "{\"apiKey\":\"pk-1\"} trailing", "body", NOT_JSON),
                argumentSet("refresh: a string body", refresh, "\"pk-1\"", "body", NOT_AN_OBJECT),
                argumentSet("scope: another member", scope, "{\"description\":\"x\",\"admin\":true}", "admin",
                        "Unknown field 'admin'; expected description"),
                argumentSet("scope: description twice", scope, "{\"description\":\"x\",\"description\":\"y\"}", "body", NOT_JSON),
                argumentSet("scope: a number as description", scope, "{\"description\":7}", "description", description),
                argumentSet("scope: a list as description", scope, "{\"description\":[\"x\"]}", "description", description),
                argumentSet("scope: trailing tokens", scope, "{\"description\":\"x\"}]", "body", NOT_JSON),
                argumentSet("scope: an array body", scope, "[{\"description\":\"x\"}]", "body", NOT_AN_OBJECT),
                argumentSet("bulk: another member", bulk, "{\"count\":5,\"admin\":true}", "admin",
                        "Unknown field 'admin'; expected " + bulkMembers),
                argumentSet("bulk: count twice", bulk, "{\"count\":5,\"count\":6}", "body", NOT_JSON),
                argumentSet("bulk: a string as count", bulk, "{\"count\":\"10\"}", "count", count),
                argumentSet("bulk: a fraction as count", bulk, "{\"count\":2.5}", "count", count),
                argumentSet("bulk: an exponent as count", bulk, "{\"count\":1e9}", "count", count),
                argumentSet("bulk: a count beyond any int", bulk, "{\"count\":2147483648}", "count", count),
                argumentSet("bulk: a boolean as count", bulk, "{\"count\":true}", "count", count),
                argumentSet("bulk: an array as count", bulk, "{\"count\":[5]}", "count", count),
                argumentSet("bulk: a string as secrets", bulk, "{\"secrets\":\"3\"}", "secrets", secrets),
                argumentSet("bulk: a number as partner", bulk, "{\"partner\":1}", "partner",
                        "partner is required: the alias or id of one of the realm's partners"),
                argumentSet("bulk: a number among permissions", bulk, "{\"permissions\":[1]}", "permissions",
                        "permissions must be an array of strings"),
                argumentSet("bulk: trailing tokens", bulk, "{\"count\":5} {}", "body", NOT_JSON),
                argumentSet("bulk: JSON null", bulk, "null", "body", NOT_AN_OBJECT),
                argumentSet("keys: another member", keys, "{\"public_keys\":[],\"private_keys\":[]}", "private_keys",
                        "Unknown field 'private_keys'; expected public_keys"),
                argumentSet("keys: another member of a key", keys, "{\"public_keys\":[{\"key_identifier\":\"k\",\"key\":\"p\",\"owner\":\"me\"}]}",
                        "owner", "Unknown field 'owner'; expected key_identifier, key, is_current"),
                argumentSet("keys: public_keys twice", keys, "{\"public_keys\":[],\"public_keys\":[]}", "body", NOT_JSON),
                argumentSet("keys: an object as public_keys", keys, "{\"public_keys\":{}}", "public_keys", keyList),
                argumentSet("keys: a number as a key", keys, "{\"public_keys\":[{\"key_identifier\":\"k\",\"key\":42}]}", "public_keys", keyList),
                argumentSet("keys: a string among the keys", keys, "{\"public_keys\":[\"k\"]}", "public_keys", keyList),
                argumentSet("keys: trailing tokens", keys, "{\"public_keys\":[]}{}", "body", NOT_JSON),
                argumentSet("keys: an array body", keys, "[]", "body", NOT_AN_OBJECT));
    }

    @Test
    void bindsARefreshTokenRequest() {
        assertThat(read("{\"apiKey\":\"pk-1\"}", RequestBodies.RefreshTokenRequest.class))
                .isEqualTo(new RequestBodies.RefreshTokenRequest("pk-1"));
    }

    @Test
    void bindsAnApiScopeDescription() {
        assertThat(read("{\"description\":\"Payments gateway\"}", RequestBodies.ApiScopeDescription.class))
                .isEqualTo(new RequestBodies.ApiScopeDescription("Payments gateway"));
    }

    @Test
    void bindsABulkOrderLeavingWhatWasNotSentNull() {
        assertThat(read("{\"partner\":\"acme\",\"count\":3,\"namePrefix\":\"load\",\"permissions\":[\"VIEW\"]}",
                RequestBodies.BulkKeysRequest.class))
                .isEqualTo(new RequestBodies.BulkKeysRequest("acme", 3, "load", List.of("VIEW"), null, null, null));
    }

    @Test
    void bindsAKeyListAsGitHubPublishesIt() {
        assertThat(read("{\"public_keys\":[{\"key_identifier\":\"k1\",\"key\":\"PEM\",\"is_current\":true}]}",
                RequestBodies.GitHubKeyList.class))
                .isEqualTo(new RequestBodies.GitHubKeyList(List.of(new RequestBodies.GitHubKey("k1", "PEM", true))));
    }
}
