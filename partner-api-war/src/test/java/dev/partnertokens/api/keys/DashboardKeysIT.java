package dev.partnertokens.api.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import dev.partnertokens.api.testing.KeycloakTokens;
import dev.partnertokens.api.testing.PartnerApiDeployment;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard's key management and audit trail with real people of real partners (password grant of the
 * dashboard client): each role allowed and refused for each action, the audit entries every action leaves, and who
 * may read them. (Flat, not @Nested: Arquillian injects its resources into the outer test instance only.)
 */
@ExtendWith(KeycloakExtension.class)
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardKeysIT {

    @ArquillianResource
    URL baseUrl;

    private final HttpClient http = HttpClient.newHttpClient();
    private KeycloakTokens tokens;
    private String owner;
    private String admin;
    private String developer;
    private String globexOwner;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PartnerApiDeployment.builtByMaven();
    }

    /** Arquillian's parameter resolver claims @BeforeAll parameters, so the tokens are fetched before the first test. */
    @BeforeEach
    void people(KeycloakServer keycloak) {
        if (tokens != null) {
            return;
        }
        tokens = new KeycloakTokens(keycloak);
        owner = userToken("owner@acme.example", "owner");
        admin = userToken("admin@acme.example", "admin");
        developer = userToken("developer@acme.example", "developer");
        globexOwner = userToken("owner@globex.example", "owner");
    }

    // --- create -------------------------------------------------------------------------------------------------

    @Test
    void everyRoleCreatesAKeyAndSeesItsSecretExactlyOnce() throws Exception {
        Map<String, String> roles = Map.of(owner, "OWNER", admin, "ADMIN", developer, "DEVELOPER");
        for (String person : List.of(owner, admin, developer)) {
            String requestId = "create-" + UUID.randomUUID();
            HttpResponse<String> created = send("POST", "api/v1/keys", person, "{\"name\":\"ci\",\"permissions\":[\"VIEW\"]}", requestId);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.headers().firstValue("X-Request-Id")).hasValue(requestId);
            JsonObject key = json(created);
            assertThat(key.getString("clientSecret")).startsWith("ptk_");
            assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("v1/keys/" + key.getString("id")));

            HttpResponse<String> view = send("GET", "api/v1/keys/" + key.getString("id"), person, null, null);
            assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
            assertThat(view.body()).doesNotContain(key.getString("clientSecret")).doesNotContain("clientSecret");
            HttpResponse<String> list = send("GET", "api/v1/keys?limit=100", person, null, null);
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            assertThat(list.body()).contains(key.getString("id")).doesNotContain("clientSecret");

            JsonObject entry = providerEntry(owner, "CREATE", e -> key.getString("id").equals(e.getString("keyId", null)));
            assertThat(entry.getString("outcome")).isEqualTo("SUCCEEDED");
            assertThat(entry.getString("partner")).isEqualTo("acme");
            assertThat(entry.getString("actorKind")).isEqualTo("PERSON");
            assertThat(entry.getString("actorRole")).isEqualTo(roles.get(person));
            assertThat(entry.getString("keyClientId")).isEqualTo(key.getString("clientId"));
            assertThat(entry.getString("clientIp")).isNotBlank();
            assertThat(entry.toString()).doesNotContain(key.getString("clientSecret"));
            assertThat(ownEntry(requestId)).as("recorded once, by the provider").isEmpty();
        }
    }

    @Test
    void theKeyRecordsThePersonWhoCreatedIt() throws Exception {
        HttpResponse<String> created = send("POST", "api/v1/keys", developer, "{\"name\":\"mine\",\"permissions\":[\"VIEW\"]}", null);
        assertThat(json(created).getString("createdBy")).isEqualTo("developer@acme.example");
        String id = json(created).getString("id");
        JsonObject entry = providerEntry(owner, "CREATE", e -> id.equals(e.getString("keyId", null)));
        assertThat(entry.getString("username")).isEqualTo("developer@acme.example");
        assertThat(entry.getString("actorRole")).isEqualTo("DEVELOPER");
    }

    @Test
    void badInputToCreateIsAProblemNamingTheField() throws Exception {
        String since = Instant.now().minusSeconds(1).toString();
        HttpResponse<String> refused = send("POST", "api/v1/keys", owner, "{\"name\":\"x\",\"permissions\":[\"ROOT\"]}", null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(refused).getString("detail")).contains("ROOT");
        JsonObject entry = providerEntry(owner, "CREATE", e -> e.getInt("status") == 400 && e.getString("at").compareTo(since) >= 0
                && "owner@acme.example".equals(e.getString("username", null)));
        assertThat(entry.getString("outcome")).isEqualTo("FAILED");
    }

    @Test
    void nobodyGivesAKeyARightTheirPartnerMayNotHold() throws Exception {
        HttpResponse<String> refused = send("POST", "api/v1/keys", globexOwner, "{\"name\":\"x\",\"permissions\":[\"MANAGE\"]}", null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> allowed = send("POST", "api/v1/keys", globexOwner, "{\"name\":\"x\",\"permissions\":[\"VIEW\",\"TRANSACT\"]}", null);
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(201);
    }

    // --- edit and revoke ----------------------------------------------------------------------------------------

    @Test
    void onlyTheOwnerEditsAKey() throws Exception {
        String id = createKey(developer, "VIEW");
        for (String person : List.of(admin, developer)) {
            String requestId = "edit-" + UUID.randomUUID();
            HttpResponse<String> refused = send("PATCH", "api/v1/keys/" + id, person, "{\"name\":\"renamed\"}", requestId);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonObject entry = auditEntry(requestId);
            assertThat(entry.getString("outcome")).isEqualTo("DENIED");
            assertThat(entry.getString("action")).isEqualTo("EDIT");
            assertThat(entry.getString("keyId")).isEqualTo(id);
            assertThat(entry.getString("source")).as("refused by the partner API, so recorded by it").isEqualTo("PARTNER_API");
            assertThat(entry.getString("actorKind")).isEqualTo("PERSON");
            assertThat(entry.getString("detail")).as("the reason, as the person was told").contains("may not do this");
        }
        String requestId = "edit-" + UUID.randomUUID();
        HttpResponse<String> edited = send("PATCH", "api/v1/keys/" + id, owner,
                "{\"name\":\"renamed\",\"permissions\":[\"VIEW\",\"TRANSACT\"],\"expiresAt\":null}", requestId);
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(json(edited).getString("name")).isEqualTo("renamed");
        assertThat(json(edited).getJsonArray("permissions")).hasSize(2);
        assertThat(edited.body()).doesNotContain("clientSecret");
        JsonObject entry = providerEntry(owner, "EDIT", e -> id.equals(e.getString("keyId", null)) && e.getInt("status") == 200);
        assertThat(entry.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(entry.getString("username")).isEqualTo("owner@acme.example");
    }

    @Test
    void onlyTheOwnerRevokesAKey() throws Exception {
        String id = createKey(admin, "VIEW");
        for (String person : List.of(admin, developer)) {
            String requestId = "revoke-" + UUID.randomUUID();
            HttpResponse<String> refused = send("DELETE", "api/v1/keys/" + id, person, null, requestId);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(auditEntry(requestId).getString("outcome")).isEqualTo("DENIED");
        }
        String requestId = "revoke-" + UUID.randomUUID();
        assertThat(send("DELETE", "api/v1/keys/" + id, owner, null, requestId).statusCode()).isEqualTo(204);
        JsonObject entry = providerEntry(owner, "REVOKE", e -> id.equals(e.getString("keyId", null)) && e.getInt("status") == 204);
        assertThat(entry.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(entry.getString("actorRole")).isEqualTo("OWNER");
        assertThat(ownEntry(requestId)).isEmpty();
        assertThat(send("GET", "api/v1/keys/" + id, owner, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anotherPartnersKeyIsNotFoundForAnyAction() throws Exception {
        String globexKey = createKey(globexOwner, "VIEW");
        assertNotFound(send("GET", "api/v1/keys/" + globexKey, owner, null, null));
        assertNotFound(send("PATCH", "api/v1/keys/" + globexKey, owner, "{\"name\":\"stolen\"}", null));
        assertNotFound(send("DELETE", "api/v1/keys/" + globexKey, owner, null, null));
        assertThat(send("GET", "api/v1/keys?limit=100", owner, null, null).body()).doesNotContain(globexKey);
        assertThat(send("GET", "api/v1/keys/" + globexKey, globexOwner, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void listFiltersArePassedToTheTokensApi() throws Exception {
        String name = "filter-" + UUID.randomUUID().toString().substring(0, 8);
        createNamedKey(owner, name, "VIEW");
        HttpResponse<String> list = send("GET", "api/v1/keys?name=" + name + "&limit=5", developer, null, null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(json(list).getJsonArray("data")).hasSize(1);
        HttpResponse<String> bad = send("GET", "api/v1/keys?limit=1000", developer, null, null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).getString("detail")).contains("limit");
    }

    // --- who is let in ------------------------------------------------------------------------------------------

    @Test
    void aPartnerKeysTokenIsNotADashboardUser() throws Exception {
        JsonObject key = tokens.createKey("acme", "machine", "VIEW", "MANAGE");
        String keyToken = tokens.clientCredentials("partners", key.getString("clientId"), key.getString("clientSecret"));
        HttpResponse<String> refused = send("GET", "api/v1/keys", keyToken, null, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void withoutATokenTheAnswerIs401AndCarriesTheRequestId() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "api/v1/keys")).header("X-Request-Id", "anonymous-1").build();
        HttpResponse<String> refused = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("X-Request-Id")).hasValue("anonymous-1");
    }

    @Test
    void anInsaneRequestIdIsReplaced() throws Exception {
        HttpResponse<String> list = send("GET", "api/v1/keys", owner, null, "bad id with spaces and more than sixty-four characters ......................");
        assertThat(list.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(UUID.fromString(id)).isNotNull());
    }

    // --- audit trail --------------------------------------------------------------------------------------------

    @Test
    void aDeveloperOrAdminCannotMintAManageKeyButAnOwnerCan() throws Exception {
        String body = "{\"name\":\"too strong\",\"permissions\":[\"VIEW\",\"MANAGE\"]}";
        for (String person : List.of(developer, admin)) {
            HttpResponse<String> refused = send("POST", "api/v1/keys", person, body, null);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(refused).getString("detail")).contains("may not grant [MANAGE]");
        }
        assertThat(send("POST", "api/v1/keys", owner, body, null).statusCode()).isEqualTo(201);
        JsonObject refusal = providerEntry(owner, "CREATE", e -> "developer@acme.example".equals(e.getString("username", null))
                && "DENIED".equals(e.getString("outcome")));
        assertThat(refusal.getString("actorRole")).isEqualTo("DEVELOPER");
        assertThat(refusal.getString("detail")).contains("may not grant [MANAGE]");
    }

    @Test
    void aKeyRevokingAnotherKeyThroughTheTokensApiIsInTheOwnersTrailNamingBoth() throws Exception {
        JsonObject manager = tokens.createKey("acme", "managing key", "VIEW", "MANAGE");
        JsonObject victim = tokens.createKey("acme", "revoked by a key", "VIEW");
        String basic = "Basic " + Base64.getEncoder().encodeToString((manager.getString("clientId") + ":"
                + manager.getString("clientSecret")).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(URI.create(tokens.realmUri() + "/tokens/" + victim.getString("id")))
                .header("Authorization", basic).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
        JsonObject entry = providerEntry(owner, "REVOKE", e -> victim.getString("id").equals(e.getString("keyId", null)));
        assertThat(entry.getString("actorKind")).isEqualTo("KEY");
        assertThat(entry.getString("username")).isEqualTo(manager.getString("clientId"));
        assertThat(entry.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(entry.toString()).doesNotContain(manager.getString("clientSecret"));
        assertThat(providerEntry(admin, "REVOKE", e -> victim.getString("id").equals(e.getString("keyId", null)))).isNotNull();
    }

    @Test
    void listAndViewAreAudited() throws Exception {
        String id = createKey(owner, "VIEW");
        String listId = "list-" + UUID.randomUUID();
        String viewId = "view-" + UUID.randomUUID();
        send("GET", "api/v1/keys", developer, null, listId);
        send("GET", "api/v1/keys/" + id, developer, null, viewId);
        assertThat(auditEntry(listId).getString("action")).isEqualTo("LIST");
        assertThat(auditEntry(viewId).getString("action")).isEqualTo("VIEW");
        assertThat(auditEntry(viewId).getString("keyId")).isEqualTo(id);
        assertThat(auditEntry(viewId).getString("username")).isEqualTo("developer@acme.example");
    }

    @Test
    void failedAuthenticationsOfAKeyReachItsPartnersAuditTrailCounted() throws Exception {
        JsonObject key = tokens.createKey("acme", "guessed", "VIEW");
        String clientId = key.getString("clientId");
        List<String> guesses = List.of("ptk_wrong_" + UUID.randomUUID(), "ptk_wrong_" + UUID.randomUUID(), "ptk_wrong_" + UUID.randomUUID());
        // three guesses, and the first once more: the partner API remembers a refused pair briefly, so a repeated
        // guess costs Keycloak no second check (docs/brute-force-guard.md) and is not counted twice
        for (String guess : List.of(guesses.get(0), guesses.get(1), guesses.get(2), guesses.get(0))) {
            String basic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + guess).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "api/v1/transactions"))
                    .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<JsonObject> failures = List.of();
        while (failures.stream().mapToInt(e -> e.getInt("count")).sum() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            failures = allAuditEntries(owner, "&action=AUTH_FAILED").stream()
                    .filter(e -> clientId.equals(e.getString("keyClientId", null))).toList();
        }
        Thread.sleep(3000); // one more flush of the provider's counts (2 s in the tests): nothing further arrives
        failures = allAuditEntries(owner, "&action=AUTH_FAILED").stream()
                .filter(e -> clientId.equals(e.getString("keyClientId", null))).toList();
        assertThat(failures.stream().mapToInt(e -> e.getInt("count")).sum()).as("failed authentications counted").isEqualTo(3);
        assertThat(failures).allSatisfy(entry -> {
            assertThat(entry.getString("outcome")).isEqualTo("DENIED");
            assertThat(entry.getString("source")).isEqualTo("KEYCLOAK");
            assertThat(entry.getString("actorKind")).isEqualTo("SYSTEM");
            assertThat(entry.getString("partner")).isEqualTo("acme");
            guesses.forEach(guess -> assertThat(entry.toString()).doesNotContain(guess));
        });
    }

    @Test
    void ownerAndAdminReadTheAuditTrailButNotTheDeveloper() throws Exception {
        assertThat(send("GET", "api/v1/audit", owner, null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "api/v1/audit", admin, null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = send("GET", "api/v1/audit", developer, null, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void eachPartnerSeesOnlyItsOwnAuditTrail() throws Exception {
        String requestId = "globex-" + UUID.randomUUID();
        send("GET", "api/v1/keys", globexOwner, null, requestId);
        assertThat(allAuditEntries(owner, "")).noneMatch(e -> requestId.equals(e.getString("requestId")));
        assertThat(allAuditEntries(globexOwner, "")).anyMatch(e -> requestId.equals(e.getString("requestId")))
                .allMatch(e -> "globex".equals(e.getString("partner")));
    }

    @Test
    void theAuditTrailFiltersByActionAndTime() throws Exception {
        String id = createKey(owner, "VIEW");
        send("GET", "api/v1/keys/" + id, owner, null, null);
        List<JsonObject> views = allAuditEntries(owner, "&action=VIEW");
        assertThat(views).isNotEmpty().allMatch(e -> "VIEW".equals(e.getString("action")));
        assertThat(allAuditEntries(owner, "&to=2000-01-01T00:00:00Z")).isEmpty();
        providerEntry(owner, "CREATE", e -> id.equals(e.getString("keyId", null)));
        assertThat(allAuditEntries(owner, "&from=2000-01-01T00:00:00Z&action=CREATE")).isNotEmpty()
                .allMatch(e -> "CREATE".equals(e.getString("action")));
    }

    @Test
    void theAuditTrailPagesWithoutSkippingOrRepeating() throws Exception {
        for (int i = 0; i < 5; i++) {
            send("GET", "api/v1/keys?limit=1", admin, null, null);
        }
        List<JsonObject> all = allAuditEntries(admin, "");
        Set<String> ids = new HashSet<>();
        all.forEach(e -> assertThat(ids.add(e.getString("id"))).as("repeated " + e).isTrue());
        HttpResponse<String> firstPage = send("GET", "api/v1/audit?limit=2", admin, null, null);
        assertThat(json(firstPage).getJsonArray("data")).hasSize(2);
        assertThat(json(firstPage).getBoolean("hasMore")).isTrue();
        for (int i = 1; i < all.size(); i++) {
            // as instants: "…:20Z" and "…:20.019Z" are the same second, and '.' sorts before 'Z' as text
            assertThat(java.time.Instant.parse(all.get(i - 1).getString("at")))
                    .as("newest first").isAfterOrEqualTo(java.time.Instant.parse(all.get(i).getString("at")));
        }
    }

    @Test
    void badAuditParametersAreProblemsNamingTheParameter() throws Exception {
        for (String parameter : List.of("from=yesterday", "to=2026-13-01", "action=DELETE", "limit=0", "limit=101", "limit=x",
                "cursor=%21%21", "colour=red")) {
            HttpResponse<String> refused = send("GET", "api/v1/audit?" + parameter, owner, null, null);
            assertThat(refused.statusCode()).as(parameter).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            String name = parameter.substring(0, parameter.indexOf('='));
            assertThat(json(refused).getString("detail")).as(parameter).contains("colour".equals(name) ? "parameter" : name);
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    // --- API scopes, rotation, last use (issue 9) ----------------------------------------------------------------

    @Test
    void aPersonPutsApiScopesOnAKeyAndSeesThemWithItsLastUse() throws Exception {
        HttpResponse<String> created = send("POST", "api/v1/keys", developer,
                "{\"name\":\"scoped\",\"permissions\":[\"VIEW\"],\"scopes\":[\"fx\",\"gateway\"]}", null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject key = json(created);
        assertThat(key.getJsonArray("scopes").getValuesAs(jakarta.json.JsonString::getString)).containsExactly("fx", "gateway");
        tokens.clientCredentials("partners", key.getString("clientId"), key.getString("clientSecret"));

        JsonObject view = json(send("GET", "api/v1/keys/" + key.getString("id"), developer, null, null));
        assertThat(view.getString("lastUsedVia")).isEqualTo("TOKEN_ENDPOINT");
        assertThat(view.getString("lastUsedAt")).isNotBlank();
        assertThat(view.getJsonNumber("useCount").longValue()).isEqualTo(1);
        HttpResponse<String> filtered = send("GET", "api/v1/keys?limit=100&scope=gateway", developer, null, null);
        assertThat(filtered.body()).contains(key.getString("id"));
        HttpResponse<String> refused = send("POST", "api/v1/keys", globexOwner,
                "{\"name\":\"globex gateway\",\"permissions\":[\"VIEW\"],\"scopes\":[\"gateway\"]}", null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(json(refused).getString("detail")).contains("gateway");
    }

    @Test
    void onlyAnOwnerRotatesAKeyAndEndsItsOverlap() throws Exception {
        String id = createNamedKey(owner, "to roll", "VIEW");

        for (String person : List.of(admin, developer)) {
            HttpResponse<String> refused = send("POST", "api/v1/keys/" + id + "/rotate", person, null, null);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        }
        assertNotFound(send("POST", "api/v1/keys/" + id + "/rotate", globexOwner, null, null));
        HttpResponse<String> rotated = send("POST", "api/v1/keys/" + id + "/rotate", owner, "{\"overlapSeconds\":3600}", null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        assertThat(json(rotated).getString("clientSecret")).startsWith("ptk_");
        assertThat(json(rotated).getString("oldSecretValidUntil")).isNotBlank();
        assertThat(rotated.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        HttpResponse<String> bad = send("POST", "api/v1/keys/" + id + "/rotate", owner, "{\"overlapSeconds\":999999}", null);
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(json(bad).getString("detail")).contains("overlapSeconds");

        assertThat(send("POST", "api/v1/keys/" + id + "/end-overlap", developer, null, null).statusCode()).isEqualTo(403);
        HttpResponse<String> ended = send("POST", "api/v1/keys/" + id + "/end-overlap", owner, null, null);
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        assertThat(json(ended).containsKey("oldSecretValidUntil")).isFalse();
        assertThat(send("POST", "api/v1/keys/" + id + "/end-overlap", owner, null, null).statusCode()).isEqualTo(409);

        JsonObject entry = providerEntry(owner, "ROTATE", e -> id.equals(e.getString("keyId", null))
                && "SUCCEEDED".equals(e.getString("outcome")));
        assertThat(entry.getString("actorRole")).isEqualTo("OWNER");
        assertThat(entry.toString()).doesNotContain(json(rotated).getString("clientSecret"));
    }

    private String userToken(String username, String password) {
        return tokens.passwordGrant(username, password, null).getString("access_token");
    }

    private String createKey(String person, String permission) throws Exception {
        return createNamedKey(person, "key", permission);
    }

    private String createNamedKey(String person, String name, String... permissions) throws Exception {
        String body = Json.createObjectBuilder().add("name", name).add("permissions", Json.createArrayBuilder(List.of(permissions))).build().toString();
        HttpResponse<String> created = send("POST", "api/v1/keys", person, body, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).getString("id");
    }

    /** The owner's view of the entry the partner API wrote for the request with this id. */
    private JsonObject auditEntry(String requestId) throws Exception {
        return ownEntry(requestId).orElseThrow(() -> new AssertionError("No audit entry for request " + requestId));
    }

    private Optional<JsonObject> ownEntry(String requestId) throws Exception {
        return allAuditEntries(owner, "").stream().filter(e -> requestId.equals(e.getString("requestId"))).findFirst();
    }

    /**
     * The provider's entry of this action that matches, as {@code reader} sees it once the partner API has copied it
     * from the provider's audit feed (waits up to 5 s for the copy).
     */
    private JsonObject providerEntry(String reader, String action, Predicate<JsonObject> matching) throws Exception {
        // what the entry says is the point here, not how fast it is copied (about a second; 5 s was once too short under load)
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            Optional<JsonObject> copy = allAuditEntries(reader, "&action=" + action).stream()
                    .filter(e -> "KEYCLOAK".equals(e.getString("source"))).filter(matching).findFirst();
            if (copy.isPresent()) {
                return copy.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No " + action + " entry of the provider was copied within 15 s");
            }
            Thread.sleep(100);
        }
    }

    private List<JsonObject> allAuditEntries(String person, String filters) throws Exception {
        List<JsonObject> entries = new ArrayList<>();
        String cursor = null;
        do {
            String path = "api/v1/audit?limit=100" + filters + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpResponse<String> page = send("GET", path, person, null, null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonObject body = json(page);
            body.getJsonArray("data").forEach(e -> entries.add(e.asJsonObject()));
            cursor = body.getBoolean("hasMore") ? body.getString("nextCursor") : null;
        } while (cursor != null);
        return entries;
    }

    private static void assertNotFound(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private HttpResponse<String> send(String method, String path, String bearer, String json, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + bearer);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
