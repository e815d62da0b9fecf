package dev.partnertokens.keycloak.it;

import static dev.partnertokens.keycloak.it.Answers.assertInvalidInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.keycloak.it.PartnerRealm.Key;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to the tokens API: each case is a 400 {@code INVALID_INPUT} naming the field at fault, never a 500, and
 * leaves every stored thing as it was (the partner's keys and the realm's clients).
 */
@ExtendWith(KeycloakExtension.class)
class PartnerKeyBadInputIT {

    private static final String JSON = PartnerRealm.JSON;
    private static final String VALID_PERMISSIONS = "\"permissions\":[\"VIEW\"]";
    /** A MANAGE key holding every permission, made once per server. */
    private static Key manager;

    private PartnerRealm realm;
    private RealmAdmin admin;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
        if (manager == null) {
            manager = realm.createKey("acme", "bad input manager", "MANAGE", "VIEW", "TRANSACT");
        }
    }

    /** Sends the request, checks it is a 400 INVALID_INPUT for {@code field}, and that nothing stored changed. */
    private JsonNode assertRejectedWithoutChange(String field, Supplier<HttpResponse<String>> request) {
        long keys = realm.totalCount("acme");
        int clients = admin.clients().size();

        JsonNode error = assertInvalidInput(request.get(), field);

        assertThat(realm.totalCount("acme")).as("the partner's keys").isEqualTo(keys);
        assertThat(admin.clients().size()).as("the realm's clients").isEqualTo(clients);
        return error;
    }

    @Nested
    class CreatingAKeyIsRefused {

        @ParameterizedTest
        @MethodSource("dev.partnertokens.keycloak.it.PartnerKeyBadInputIT#badBodies")
        void forABadBody(String contentType, String body, String field) {
            assertRejectedWithoutChange(field, () -> realm.postTokens(manager.basic(), null, contentType, body));
        }

        @ParameterizedTest
        @MethodSource("dev.partnertokens.keycloak.it.PartnerKeyBadInputIT#badBodies")
        void forABadBodyFromAnAdministratorToo(String contentType, String body, String field) {
            assertRejectedWithoutChange(field, () -> realm.postTokens(Http.bearer(realm.platformAdminToken()), "acme", contentType, body));
        }

        @Test
        void forABodyLargerThan16KiB() {
            String body = "{\"name\":\"big\"," + VALID_PERMISSIONS + "}" + " ".repeat(16 * 1024);

            assertRejectedWithoutChange("body", () -> realm.postTokens(manager.basic(), null, JSON, body));
        }

        @Test
        void forANameWhoseMessageQuotesItSafely() {
            JsonNode error = assertRejectedWithoutChange("name",
                    () -> realm.postTokens(manager.basic(), null, JSON, "{\"name\":\"evil\\nname\\u0000\"," + VALID_PERMISSIONS + "}"));

            assertThat(error.path("message").asText()).doesNotContain("\n", "\u0000");
        }
    }

    @Nested
    class ListingKeysIsRefused {

        @ParameterizedTest
        @MethodSource("dev.partnertokens.keycloak.it.PartnerKeyBadInputIT#badQueries")
        void forABadQuery(String query, String field) {
            assertRejectedWithoutChange(field, () -> realm.listTokens(manager.basic(), null, query));
        }

        @Test
        void forACursorThatWasTamperedWith() {
            realm.createKey("acme", "bad input cursor 1", "VIEW");
            realm.createKey("acme", "bad input cursor 2", "VIEW");
            JsonNode page = Http.json(realm.listTokens(manager.basic(), null, "limit=1"));
            String cursor = page.path("nextCursor").asText();
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String tampered = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(decoded.replace("v1|", "v1| ").getBytes(StandardCharsets.US_ASCII));

            assertRejectedWithoutChange("cursor", () -> realm.listTokens(manager.basic(), null, "cursor=" + cursor + "x"));
            assertRejectedWithoutChange("cursor", () -> realm.listTokens(manager.basic(), null, "cursor=" + tampered));
        }
    }

    /** Keycloak itself refuses ASCII control characters other than tab, CR and LF in any query, before the provider runs. */
    @Test
    void aControlCharacterInTheQueryIsRefusedByKeycloakItselfWithoutChange() {
        long keys = realm.totalCount("acme");

        for (String query : java.util.List.of("name=a%00b", "name=a%1Bb", "cursor=%07")) {
            HttpResponse<String> response = realm.listTokens(manager.basic(), null, query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(Http.header(response, "Content-Type")).startsWith("application/json");
            assertThat(Http.json(response).path("error").asText()).isNotBlank();
        }

        assertThat(realm.totalCount("acme")).isEqualTo(keys);
    }

    @Nested
    class ReadingOrDeletingIsRefused {

        @ParameterizedTest
        @MethodSource("dev.partnertokens.keycloak.it.PartnerKeyBadInputIT#badIds")
        void forAMalformedTokenIdInThePath(String id) {
            assertRejectedWithoutChange("id", () -> realm.readToken(manager.basic(), null, id));
            assertRejectedWithoutChange("id", () -> realm.deleteToken(manager.basic(), null, id));
        }
    }

    static Stream<Arguments> badBodies() {
        String uuid = UUID.randomUUID().toString();
        return Stream.of(
                argumentSet("invalid JSON", JSON, "{\"name\":\"x\",", "body"),
                argumentSet("not JSON at all", JSON, "name=x&permissions=VIEW", "body"),
                argumentSet("an empty body", JSON, "", "body"),
                argumentSet("no body", JSON, null, "body"),
                argumentSet("an array", JSON, "[{\"name\":\"x\"," + VALID_PERMISSIONS + "}]", "body"),
                argumentSet("a string", JSON, "\"x\"", "body"),
                argumentSet("JSON null", JSON, "null", "body"),
                argumentSet("trailing tokens", JSON, "{\"name\":\"x\"," + VALID_PERMISSIONS + "} {}", "body"),
                argumentSet("a duplicate member", JSON, "{\"name\":\"x\",\"name\":\"y\"," + VALID_PERMISSIONS + "}", "body"),
                argumentSet("a text/plain content type", "text/plain", "{\"name\":\"x\"," + VALID_PERMISSIONS + "}", "Content-Type"),
                argumentSet("a form content type", "application/x-www-form-urlencoded", "name=x&permissions=VIEW", "Content-Type"),
                argumentSet("no content type", null, "{\"name\":\"x\"," + VALID_PERMISSIONS + "}", "Content-Type"),
                argumentSet("no name", JSON, "{" + VALID_PERMISSIONS + "}", "name"),
                argumentSet("a null name", JSON, "{\"name\":null," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("a number as name", JSON, "{\"name\":5," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("a boolean as name", JSON, "{\"name\":true," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("an object as name", JSON, "{\"name\":{\"x\":1}," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("an array as name", JSON, "{\"name\":[\"x\"]," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("an empty name", JSON, "{\"name\":\"\"," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("a blank name", JSON, "{\"name\":\"   \"," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("a name of 201 characters", JSON, "{\"name\":\"" + "n".repeat(201) + "\"," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("a name of 201 emoji", JSON, "{\"name\":\"" + "\uD83D\uDE00".repeat(201) + "\"," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("a NUL in the name", JSON, "{\"name\":\"a\\u0000b\"," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("a line feed in the name", JSON, "{\"name\":\"a\\nb\"," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("a tab in the name", JSON, "{\"name\":\"a\\tb\"," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("a bell in the name", JSON, "{\"name\":\"\\u0007\"," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("a DEL in the name", JSON, "{\"name\":\"a\\u007fb\"," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("a C1 control in the name", JSON, "{\"name\":\"a\\u0085b\"," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("a line separator in the name", JSON, "{\"name\":\"a\\u2028b\"," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("a right-to-left override in the name", JSON, "{\"name\":\"a\\u202eb\"," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("a lone surrogate in the name", JSON, "{\"name\":\"a\\ud800b\"," + VALID_PERMISSIONS + "}", "name"),
                argumentSet("no permissions", JSON, "{\"name\":\"x\"}", "permissions"),
                argumentSet("null permissions", JSON, "{\"name\":\"x\",\"permissions\":null}", "permissions"),
                argumentSet("a string as permissions", JSON, "{\"name\":\"x\",\"permissions\":\"VIEW\"}", "permissions"),
                argumentSet("an object as permissions", JSON, "{\"name\":\"x\",\"permissions\":{\"VIEW\":true}}", "permissions"),
                argumentSet("empty permissions", JSON, "{\"name\":\"x\",\"permissions\":[]}", "permissions"),
                argumentSet("a number among permissions", JSON, "{\"name\":\"x\",\"permissions\":[1]}", "permissions"),
                argumentSet("a null among permissions", JSON, "{\"name\":\"x\",\"permissions\":[null]}", "permissions"),
                argumentSet("a nested array among permissions", JSON, "{\"name\":\"x\",\"permissions\":[[\"VIEW\"]]}", "permissions"),
                argumentSet("an unknown permission", JSON, "{\"name\":\"x\",\"permissions\":[\"ADMIN\"]}", "permissions"),
                argumentSet("a lower-case permission", JSON, "{\"name\":\"x\",\"permissions\":[\"view\"]}", "permissions"),
                argumentSet("an unknown permission beside a known one", JSON, "{\"name\":\"x\",\"permissions\":[\"VIEW\",\"ROOT\"]}", "permissions"),
                argumentSet("a realm scope as permission", JSON, "{\"name\":\"x\",\"permissions\":[\"profile\"]}", "permissions"),
                argumentSet("a number as expiresAt", JSON, "{\"name\":\"x\"," + VALID_PERMISSIONS + ",\"expiresAt\":1893456000}", "expiresAt"),
                argumentSet("a boolean as expiresAt", JSON, "{\"name\":\"x\"," + VALID_PERMISSIONS + ",\"expiresAt\":true}", "expiresAt"),
                argumentSet("words as expiresAt", JSON, "{\"name\":\"x\"," + VALID_PERMISSIONS + ",\"expiresAt\":\"tomorrow\"}", "expiresAt"),
                argumentSet("an empty expiresAt", JSON, "{\"name\":\"x\"," + VALID_PERMISSIONS + ",\"expiresAt\":\"\"}", "expiresAt"),
                argumentSet("a date without time as expiresAt", JSON, "{\"name\":\"x\"," + VALID_PERMISSIONS + ",\"expiresAt\":\"2027-01-01\"}", "expiresAt"),
                argumentSet("an impossible date as expiresAt", JSON, "{\"name\":\"x\"," + VALID_PERMISSIONS + ",\"expiresAt\":\"2027-02-30T00:00:00Z\"}", "expiresAt"),
                argumentSet("a past expiresAt", JSON, "{\"name\":\"x\"," + VALID_PERMISSIONS + ",\"expiresAt\":\"2020-01-01T00:00:00Z\"}", "expiresAt"),
                argumentSet("an expiresAt too far ahead", JSON, "{\"name\":\"x\"," + VALID_PERMISSIONS + ",\"expiresAt\":\"2999-01-01T00:00:00Z\"}", "expiresAt"),
                argumentSet("an unknown field roles", JSON, "{\"name\":\"x\"," + VALID_PERMISSIONS + ",\"roles\":[\"fx\"]}", "roles"),
                argumentSet("a clientSecret chosen by the caller", JSON, "{\"name\":\"x\"," + VALID_PERMISSIONS + ",\"clientSecret\":\"ptk_mine\"}", "clientSecret"),
                argumentSet("a clientId chosen by the caller", JSON, "{\"name\":\"x\"," + VALID_PERMISSIONS + ",\"clientId\":\"mine\"}", "clientId"),
                argumentSet("an id chosen by the caller", JSON, "{\"name\":\"x\"," + VALID_PERMISSIONS + ",\"id\":\"Token:" + uuid + "\"}", "id"),
                argumentSet("another partner", JSON, "{\"name\":\"x\"," + VALID_PERMISSIONS + ",\"partnerId\":\"globex\"}", "partnerId"));
    }

    static Stream<Arguments> badQueries() {
        String notADate = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1|yesterday|" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII));
        return Stream.of(
                argumentSet("limit 0", "limit=0", "limit"),
                argumentSet("limit 101", "limit=101", "limit"),
                argumentSet("a negative limit", "limit=-1", "limit"),
                argumentSet("limit abc", "limit=abc", "limit"),
                argumentSet("a fractional limit", "limit=1.5", "limit"),
                argumentSet("an empty limit", "limit=", "limit"),
                argumentSet("a huge limit", "limit=99999999999999999999", "limit"),
                argumentSet("limit given twice", "limit=5&limit=6", "limit"),
                argumentSet("a cursor that is not base64url", "cursor=abc!", "cursor"),
                argumentSet("a cursor of random letters", "cursor=zzzzzzzz", "cursor"),
                argumentSet("an empty cursor", "cursor=", "cursor"),
                argumentSet("a cursor with a bad date", "cursor=" + notADate, "cursor"),
                argumentSet("a cursor of 300 characters", "cursor=" + "A".repeat(300), "cursor"),
                argumentSet("createdAfter yesterday", "createdAfter=yesterday", "createdAfter"),
                argumentSet("createdBefore in month 13", "createdBefore=2026-13-01T00:00:00Z", "createdBefore"),
                argumentSet("updatedAfter in epoch seconds", "updatedAfter=1700000000", "updatedAfter"),
                argumentSet("updatedBefore without time", "updatedBefore=2026-01-01", "updatedBefore"),
                argumentSet("an empty createdAfter", "createdAfter=", "createdAfter"),
                argumentSet("createdAfter not before createdBefore", "createdAfter=2026-02-01T00:00:00Z&createdBefore=2026-01-01T00:00:00Z",
                        "createdAfter"),
                argumentSet("an empty name", "name=", "name"),
                argumentSet("a line feed in the name", "name=a%0Ab", "name"),
                argumentSet("a tab in the name", "name=a%09b", "name"),
                argumentSet("a right-to-left override in the name", "name=a%E2%80%AEb", "name"),
                argumentSet("a name of 201 characters", "name=" + "n".repeat(201), "name"),
                argumentSet("name given twice", "name=a&name=b", "name"),
                argumentSet("an unknown parameter", "foo=1", "foo"),
                argumentSet("a parameter in the wrong case", "Limit=5", "Limit"),
                argumentSet("offset paging", "offset=20", "offset"),
                argumentSet("page paging", "page=2", "page"));
    }

    static Stream<Arguments> badIds() {
        String uuid = UUID.randomUUID().toString();
        return Stream.of(
                argumentSet("a word", "abc"),
                argumentSet("a bare UUID", uuid),
                argumentSet("Token: and a word", "Token:abc"),
                argumentSet("Token: and nothing", "Token:"),
                argumentSet("a lower-case prefix", "token:" + uuid),
                argumentSet("a UUID without dashes", "Token:" + uuid.replace("-", "")),
                argumentSet("a UUID with a tail", "Token:" + uuid + "0"),
                argumentSet("a client id", "pk-" + uuid.substring(0, 8)));
    }
}
