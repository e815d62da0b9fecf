package dev.partnertokens.keycloak.it;

import static dev.partnertokens.keycloak.it.Answers.assertForbidden;
import static dev.partnertokens.keycloak.it.Answers.assertInvalidInput;
import static dev.partnertokens.keycloak.it.Answers.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bulk path ({@code POST /admin/realms/{realm}/partner-tokens/bulk-keys}, docs/operations.md): the integration
 * tests' Keycloak turns it on ({@code --spi-admin-realm-restapi-extension--partner-tokens--bulk-keys=true});
 * a Keycloak started with the production settings does not serve it ({@code ProductionSettingsIT}).
 */
@ExtendWith(KeycloakExtension.class)
class BulkKeysIT {

    private PartnerRealm realm;
    private RealmAdmin admin;
    private KeycloakServer keycloak;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        this.keycloak = keycloak;
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
    }

    /** A partner of its own, with no keys yet. */
    private String newPartner() {
        String alias = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createOrganization(alias);
        return alias;
    }

    private HttpResponse<String> bulk(String body) {
        return admin.call("POST", "/partner-tokens/bulk-keys", body);
    }

    /** A call of more than one batch (10 keys) may take longer than the 30 s the other calls get on a busy machine. */
    private HttpResponse<String> slowBulk(String body) {
        URI uri = URI.create(keycloak.baseUri() + "/admin/realms/" + PartnerRealm.REALM + "/partner-tokens/bulk-keys");
        try {
            return java.net.http.HttpClient.newHttpClient().send(Http.request(uri).timeout(java.time.Duration.ofMinutes(5))
                    .header("Authorization", Http.bearer(keycloak.adminAccessToken())).header("Content-Type", "application/json")
                    .POST(Http.body(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String order(String partner, int count, int secrets, String... permissions) {
        return "{\"partner\":\"" + partner + "\",\"count\":" + count + ",\"secrets\":" + secrets
                + ",\"namePrefix\":\"load\",\"permissions\":[\"" + String.join("\",\"", permissions) + "\"]}";
    }

    @Test
    void createsTheKeysAskedForAndShowsOnlyTheSecretsAskedFor() {
        String partner = newPartner();

        HttpResponse<String> answer = slowBulk(order(partner, 25, 3, "VIEW"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(Http.header(answer, "Cache-Control")).contains("no-store");
        JsonNode body = Http.json(answer);
        assertThat(body.path("created").asInt()).isEqualTo(25);
        assertThat(body.path("partnerId").asText()).isEqualTo(admin.organizationId(partner));
        List<String> secrets = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        body.path("keys").forEach(key -> {
            ids.add(key.path("id").asText());
            if (key.hasNonNull("clientSecret")) {
                secrets.add(key.path("clientSecret").asText());
            }
        });
        assertThat(ids).hasSize(25);
        assertThat(secrets).hasSize(3).allMatch(secret -> secret.startsWith("ptk_"));
        assertThat(body.path("keys").get(3).has("clientSecret") && !body.path("keys").get(3).get("clientSecret").isNull()).isFalse();
        assertThat(realm.totalCount(partner)).isEqualTo(25);
        JsonNode first = realm.listAsAdmin(partner, "name=load-1&limit=5");
        assertThat(first.toString()).contains("\"load-1\"");
    }

    @Test
    void itsKeysAuthenticateAndHoldExactlyTheirRights() {
        String partner = newPartner();
        JsonNode key = Http.json(bulk(order(partner, 2, 1, "VIEW"))).path("keys").get(0);
        String basic = Http.basic(key.path("clientId").asText(), key.path("clientSecret").asText());

        HttpResponse<String> token = realm.clientCredentials(basic);
        HttpResponse<String> more = realm.clientCredentials(basic, "scope", "MANAGE");
        HttpResponse<String> wrongSecret = realm.clientCredentials(Http.basic(key.path("clientId").asText(), "ptk_wrong"));
        HttpResponse<String> creates = realm.postTokens(basic, null, PartnerRealm.JSON,
                PartnerRealm.keyRequest("child", "VIEW").toString());
        HttpResponse<String> lists = realm.listTokens(basic, null, "limit=1");

        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(Http.json(token).path("scope").asText()).contains("VIEW").doesNotContain("MANAGE").doesNotContain("TRANSACT");
        assertThat(Http.claims(Http.json(token).path("access_token").asText()).path("partner_id").asText())
                .isEqualTo(admin.organizationId(partner));
        assertOAuthError(more, 400, "invalid_scope");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertForbidden(creates);
        assertThat(lists.statusCode()).as(lists.body()).isEqualTo(200);
    }

    @Test
    void leavesOneAuditEntryNamingWhoThePartnerAndHowMany() {
        String feedToken = realm.partnerApiToken();
        long before = realm.feedHead("audit", feedToken);
        String partner = newPartner();

        HttpResponse<String> answer = bulk(order(partner, 12, 2, "VIEW", "TRANSACT"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        HttpResponse<String> feed = realm.feed("audit", "after=" + before + "&limit=500", feedToken);
        assertThat(feed.body()).doesNotContain("ptk_");
        List<JsonNode> entries = new ArrayList<>();
        Http.json(feed).path("entries").forEach(entry -> {
            if (partner.equals(entry.path("partner").asText())) {
                entries.add(entry);
            }
        });
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.path("action").asText()).isEqualTo("CREATE");
        assertThat(entry.path("status").asInt()).isEqualTo(201);
        assertThat(entry.path("actor").asText()).isEqualTo(KeycloakServer.ADMIN_USER);
        assertThat(entry.path("count").asInt()).isEqualTo(12);
        assertThat(entry.path("detail").asText()).contains("bulk-created 12 of 12 keys").contains("VIEW").contains("TRANSACT");
    }

    @Test
    void isRefusedToAnyoneWhoMayNotManageTheRealm() {
        String partner = newPartner();
        URI uri = URI.create(keycloak.baseUri() + "/admin/realms/" + PartnerRealm.REALM + "/partner-tokens/bulk-keys");
        String platformAdmin = realm.platformAdminToken(); // manage-partner-keys, but no realm-management role

        HttpResponse<String> asPlatformAdmin = Http.send(Http.request(uri).header("Authorization", Http.bearer(platformAdmin))
                .header("Content-Type", "application/json").POST(Http.body(order(partner, 5, 1, "VIEW"))));
        HttpResponse<String> anonymous = Http.send(Http.request(uri).header("Content-Type", "application/json")
                .POST(Http.body(order(partner, 5, 1, "VIEW"))));
        HttpResponse<String> forgedBearer = Http.send(Http.request(uri).header("Authorization", "Bearer " + platformAdmin + "x")
                .header("Content-Type", "application/json").POST(Http.body(order(partner, 5, 1, "VIEW"))));

        assertThat(asPlatformAdmin.statusCode()).as(asPlatformAdmin.body()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(forgedBearer.statusCode()).isEqualTo(401);
        assertThat(asPlatformAdmin.body() + anonymous.body()).doesNotContain("ptk_");
        assertThat(realm.totalCount(partner)).isZero();
    }

    @Test
    void refusesBadCountsAndBodiesWithA400ThatCreatesNothing() {
        String partner = newPartner();
        String p = "\"partner\":\"" + partner + "\",\"namePrefix\":\"load\",\"permissions\":[\"VIEW\"]";
        for (String count : List.of("0", "-1", "10001", "2147483648", "1e9", "2.5", "\"10\"", "null", "true", "[5]")) {
            assertInvalidInput(bulk("{" + p + ",\"count\":" + count + "}"), "count");
        }
        assertInvalidInput(bulk("{" + p + "}"), "count");
        for (String secrets : List.of("-1", "101", "6", "\"3\"", "1.5")) {
            assertInvalidInput(bulk("{" + p + ",\"count\":5,\"secrets\":" + secrets + "}"), "secrets");
        }
        assertInvalidInput(bulk("{" + p + ",\"count\":5,\"admin\":true}"), "admin");
        assertInvalidInput(bulk("{" + p + ",\"count\":5,\"namePrefix\":\"\"}"), "body"); // duplicate member
        assertInvalidInput(bulk("{\"partner\":\"" + partner + "\",\"count\":5,\"namePrefix\":\"  \",\"permissions\":[\"VIEW\"]}"), "namePrefix");
        assertInvalidInput(bulk("{\"partner\":\"" + partner + "\",\"count\":5,\"namePrefix\":\"" + "n".repeat(199)
                + "\",\"permissions\":[\"VIEW\"]}"), "namePrefix");
        assertInvalidInput(bulk("{\"partner\":\"" + partner + "\",\"count\":5,\"namePrefix\":\"load\",\"permissions\":[\"ROOT\"]}"), "permissions");
        assertInvalidInput(bulk("{\"partner\":\"" + partner + "\",\"count\":5,\"namePrefix\":\"load\"}"), "permissions");
        assertInvalidInput(bulk("{\"partner\":\"" + partner + "\",\"count\":5,\"namePrefix\":\"load\",\"permissions\":[\"VIEW\"],"
                + "\"scopes\":[\"no-such-api\"]}"), "scopes");
        assertInvalidInput(bulk("{\"partner\":\"" + partner + "\",\"count\":5,\"namePrefix\":\"load\",\"permissions\":[\"VIEW\"],"
                + "\"expiresAt\":\"yesterday\"}"), "expiresAt");
        assertInvalidInput(bulk("[" + order(partner, 5, 0, "VIEW") + "]"), "body");
        assertInvalidInput(bulk("{not json"), "body");

        assertThat(realm.totalCount(partner)).isZero();
    }

    @Test
    void staysWithinThePartnersBounds() {
        // Globex may hold only the fx API scope (demo realm's partner.scopes)
        HttpResponse<String> answer = bulk("{\"partner\":\"globex\",\"count\":3,\"namePrefix\":\"bounded\","
                + "\"permissions\":[\"VIEW\"],\"scopes\":[\"vault\"]}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(realm.listAsAdmin("globex", "name=bounded-1").path("totalCount").asLong()).isZero();
    }

    @Test
    void knowsOnlyThePartnersOfItsOwnRealm() {
        String otherRealm = "bulk-other-" + UUID.randomUUID().toString().substring(0, 8);
        String token = keycloak.adminAccessToken();
        HttpResponse<String> created = Http.send(Http.request(URI.create(keycloak.baseUri() + "/admin/realms"))
                .header("Authorization", Http.bearer(token)).header("Content-Type", "application/json")
                .POST(Http.body("{\"realm\":\"" + otherRealm + "\",\"enabled\":true,\"organizationsEnabled\":true}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> organization = Http.send(Http.request(URI.create(keycloak.baseUri() + "/admin/realms/" + otherRealm + "/organizations"))
                .header("Authorization", Http.bearer(token)).header("Content-Type", "application/json")
                .POST(Http.body("{\"name\":\"elsewhere\",\"alias\":\"elsewhere\",\"enabled\":true,\"domains\":[{\"name\":\"elsewhere.example\"}]}")));
        assertThat(organization.statusCode()).as(organization.body()).isEqualTo(201);
        String location = Http.header(organization, "Location");
        String otherPartnerId = location.substring(location.lastIndexOf('/') + 1);

        assertInvalidInput(bulk(order(otherPartnerId, 5, 1, "VIEW")), "partner");
        assertInvalidInput(bulk(order("elsewhere", 5, 1, "VIEW")), "partner");

        Http.send(Http.request(URI.create(keycloak.baseUri() + "/admin/realms/" + otherRealm))
                .header("Authorization", Http.bearer(keycloak.adminAccessToken())).DELETE());
    }
}
