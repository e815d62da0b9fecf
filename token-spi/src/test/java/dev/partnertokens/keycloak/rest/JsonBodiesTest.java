package dev.partnertokens.keycloak.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.ws.rs.core.MediaType;

import dev.partnertokens.keycloak.domain.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Request bodies bound to records: what binds, and the one answer each kind of wrong body gets. */
class JsonBodiesTest {

    private static <T extends Record> JsonBodies.Sent<T> read(String json, Class<T> type) {
        return JsonBodies.read(MediaType.APPLICATION_JSON_TYPE, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), type);
    }

    private static void assertRefused(String json, Class<? extends Record> type, String field, String message) {
        assertThatThrownBy(() -> read(json, type))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Nested
    class AKey {

        @Test
        void bindsEveryMemberAndKnowsWhichWereSent() {
            JsonBodies.Sent<RequestBodies.KeyFields> sent = read("""
                    {"name":"checkout","permissions":["VIEW","TRANSACT"],"scopes":["gateway"],
                     "expiresAt":"2027-01-31T00:00:00Z","allowedNetworks":["203.0.113.0/24"]}""", RequestBodies.KeyFields.class);

            assertThat(sent.body()).isEqualTo(new RequestBodies.KeyFields("checkout", List.of("VIEW", "TRANSACT"), List.of("gateway"),
                    "2027-01-31T00:00:00Z", List.of("203.0.113.0/24")));
            assertThat(sent.members()).isEqualTo(Set.of("name", "permissions", "scopes", "expiresAt", "allowedNetworks"));
        }

        @Test
        void leavesWhatWasNotSentNull() {
            JsonBodies.Sent<RequestBodies.KeyFields> sent = read("{\"name\":\"x\",\"permissions\":[\"VIEW\"]}", RequestBodies.KeyFields.class);

            assertThat(sent.body().scopes()).isNull();
            assertThat(sent.has("expiresAt")).isFalse();
        }

        @ParameterizedTest
        @MethodSource("dev.partnertokens.keycloak.rest.JsonBodiesTest#wrongNewKeys")
        void refusesAMemberOfTheWrongTypeWithItsOwnAnswer(String json, String field, String message) {
            assertRefused(json, RequestBodies.KeyFields.class, field, message);
        }
    }

    static Stream<Arguments> wrongNewKeys() {
        String name = "name must be a string";
        String permissions = "permissions must be an array of VIEW, TRANSACT, MANAGE";
        String permissionStrings = "permissions must be an array of strings";
        String expires = "expiresAt must be an ISO-8601 instant such as 2027-01-31T00:00:00Z, or null";
        return Stream.of(
                argumentSet("a number as name", "{\"name\":12}", "name", name),
                argumentSet("a fraction as name", "{\"name\":1.5}", "name", name),
                argumentSet("a boolean as name", "{\"name\":true}", "name", name),
                argumentSet("an object as name", "{\"name\":{\"x\":1}}", "name", name),
                argumentSet("an array as name", "{\"name\":[\"x\"]}", "name", name),
                argumentSet("a string as permissions", "{\"permissions\":\"VIEW\"}", "permissions", permissions),
                argumentSet("a number as permissions", "{\"permissions\":5}", "permissions", permissions),
                argumentSet("an object as permissions", "{\"permissions\":{\"VIEW\":true}}", "permissions", permissions),
                argumentSet("a number among permissions", "{\"permissions\":[1]}", "permissions", permissionStrings),
                argumentSet("a boolean among permissions", "{\"permissions\":[\"VIEW\",true]}", "permissions", permissionStrings),
                argumentSet("a null among permissions", "{\"permissions\":[null]}", "permissions", permissionStrings),
                argumentSet("a nested array among permissions", "{\"permissions\":[[\"VIEW\"]]}", "permissions", permissionStrings),
                argumentSet("a number as expiresAt", "{\"expiresAt\":1893456000}", "expiresAt", expires),
                argumentSet("a boolean as expiresAt", "{\"expiresAt\":true}", "expiresAt", expires),
                argumentSet("a string as scopes", "{\"scopes\":\"gateway\"}", "scopes", "scopes must be an array of API scope names such as [\"gateway\"]"),
                argumentSet("a number among scopes", "{\"scopes\":[7]}", "scopes", "scopes must be an array of strings"),
                argumentSet("a string as allowedNetworks", "{\"allowedNetworks\":\"10.0.0.0/8\"}", "allowedNetworks",
                        "allowedNetworks must be an array of networks such as [\"203.0.113.0/24\", \"2001:db8::/32\"]"),
                argumentSet("an object among allowedNetworks", "{\"allowedNetworks\":[{}]}", "allowedNetworks",
                        "allowedNetworks must be an array of strings"),
                argumentSet("an unknown member", "{\"name\":\"x\",\"roles\":[\"fx\"]}", "roles",
                        "Unknown field 'roles'; expected name, permissions, scopes, expiresAt, allowedNetworks"),
                argumentSet("an unknown member in another case", "{\"Name\":\"x\"}", "Name",
                        "Unknown field 'Name'; expected name, permissions, scopes, expiresAt, allowedNetworks"),
                argumentSet("a duplicate member", "{\"name\":\"x\",\"name\":\"y\"}", "body", "The body is not valid JSON"),
                argumentSet("trailing tokens", "{\"name\":\"x\"} {}", "body", "The body is not valid JSON"),
                argumentSet("an array", "[{\"name\":\"x\"}]", "body", "The body must be a JSON object"),
                argumentSet("JSON null", "null", "body", "The body must be a JSON object"),
                argumentSet("a string", "\"x\"", "body", "The body must be a JSON object"),
                argumentSet("nothing", "", "body", "The request needs a JSON object as its body"),
                argumentSet("broken JSON", "{\"name\":", "body", "The body is not valid JSON"));
    }

    @Nested
    class ARotation {

        @Test
        void bindsAWholeNumberAndABoolean() {
            assertThat(read("{\"overlapSeconds\":3600,\"revokeOldTokens\":true}", RequestBodies.Rotation.class).body())
                    .isEqualTo(new RequestBodies.Rotation(3600L, true));
        }

        @Test
        void anEmptyBodyIsAnEmptyRotation() {
            assertThat(JsonBodies.readOptional(null, new ByteArrayInputStream(new byte[0]), RequestBodies.Rotation.class).body())
                    .isEqualTo(new RequestBodies.Rotation(null, null));
        }

        @ParameterizedTest
        @MethodSource("dev.partnertokens.keycloak.rest.JsonBodiesTest#wrongRotations")
        void refusesWhatIsNotAWholeNumberOrABoolean(String json, String field) {
            assertRefused(json, RequestBodies.Rotation.class, field, field.equals("overlapSeconds")
                    ? "overlapSeconds must be a whole number of seconds from 0 to 604800"
                    : "revokeOldTokens must be true or false");
        }
    }

    static Stream<Arguments> wrongRotations() {
        return Stream.of(
                argumentSet("a string as overlapSeconds", "{\"overlapSeconds\":\"60\"}", "overlapSeconds"),
                argumentSet("a fraction as overlapSeconds", "{\"overlapSeconds\":1.5}", "overlapSeconds"),
                argumentSet("an exponent as overlapSeconds", "{\"overlapSeconds\":1e30}", "overlapSeconds"),
                argumentSet("a number too large for any clock", "{\"overlapSeconds\":99999999999999999999999}", "overlapSeconds"),
                argumentSet("a boolean as overlapSeconds", "{\"overlapSeconds\":true}", "overlapSeconds"),
                argumentSet("an array as overlapSeconds", "{\"overlapSeconds\":[60]}", "overlapSeconds"),
                argumentSet("a string as revokeOldTokens", "{\"revokeOldTokens\":\"yes\"}", "revokeOldTokens"),
                argumentSet("the string true as revokeOldTokens", "{\"revokeOldTokens\":\"true\"}", "revokeOldTokens"),
                argumentSet("a number as revokeOldTokens", "{\"revokeOldTokens\":1}", "revokeOldTokens"));
    }

    @Nested
    class AnEditOfAKey {

        @Test
        void tellsANullMemberFromAMissingOne() {
            JsonBodies.Sent<RequestBodies.KeyFields> sent = read("{\"expiresAt\":null}", RequestBodies.KeyFields.class);

            assertThat(sent.body().expiresAt()).isNull();
            assertThat(sent.has("expiresAt")).isTrue();
            assertThat(sent.has("allowedNetworks")).isFalse();
        }

    }

    @Test
    void refusesABodyThatIsNotJson() {
        assertThatThrownBy(() -> JsonBodies.read(MediaType.TEXT_PLAIN_TYPE,
                new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), RequestBodies.KeyFields.class))
                .hasMessage("Content-Type must be application/json");
    }
}
