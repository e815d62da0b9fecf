package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnertokens.testing.FromAddress;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A key's IP allowlist (docs/ip-allowlists.md), on two addresses of the loopback range: Keycloak listens on 127.0.0.1,
 * and requests leave from 127.0.0.1 or 127.0.0.2 ({@link FromAddress}). From an allowed address a key gets tokens in
 * every way; from elsewhere every way answers exactly as for a wrong secret, and the audit trail says where from.
 * Keycloak runs here without {@code proxy-headers}: a forwarded address must not count.
 */
@ExtendWith(KeycloakExtension.class)
class IpAllowlistIT {

    private static final FromAddress ALLOWED = FromAddress.of("127.0.0.1");
    private static final FromAddress ELSEWHERE = FromAddress.of("127.0.0.2");
    private static final String FORM = "application/x-www-form-urlencoded";

    private PartnerRealm realm;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
    }

    private PartnerRealm.Key keyAllowedFrom(String name, String... networks) {
        ObjectNode request = PartnerRealm.keyRequest(name, "VIEW", "MANAGE");
        ArrayNode allowed = request.putArray("allowedNetworks");
        List.of(networks).forEach(allowed::add);
        return realm.createKey("acme", request);
    }

    /** The four ways a key authenticates, each with the key's id and a secret, from one address. */
    private enum Way {
        TOKEN_ENDPOINT, CONNECT_TOKEN, REFRESH_TOKEN, TOKENS_API;

        FromAddress.Answer use(PartnerRealm realm, FromAddress from, String clientId, String secret, String... headers) {
            return switch (this) {
                case TOKEN_ENDPOINT -> from.post(realm.tokenEndpoint(), FORM, "grant_type=client_credentials",
                        with(headers, "Authorization", Http.basic(clientId, secret)));
                case CONNECT_TOKEN -> from.post(realm.connectTokenEndpoint(), FORM, "grant_type=client_credentials",
                        with(headers, "Authorization", Http.basic(clientId, secret)));
                case REFRESH_TOKEN -> from.post(realm.refreshTokenEndpoint(), PartnerRealm.JSON,
                        JsonNodeFactory.instance.objectNode().put("apiKey", clientId).toString(),
                        with(headers, "api-secret", secret));
                case TOKENS_API -> from.get(realm.tokens("limit=1"), with(headers, "Authorization", Http.basic(clientId, secret)));
            };
        }

        private static String[] with(String[] headers, String name, String value) {
            List<String> all = new ArrayList<>(List.of(name, value));
            all.addAll(List.of(headers));
            return all.toArray(String[]::new);
        }
    }

    @Nested
    class FromAnAllowedAddress {

        @Test
        void aKeyGetsTokensInEveryWay() {
            PartnerRealm.Key key = keyAllowedFrom("office only", "127.0.0.1");
            for (Way way : Way.values()) {
                FromAddress.Answer answer = way.use(realm, ALLOWED, key.clientId(), key.secret());
                assertThat(answer.status()).as(way + ": " + answer.body()).isEqualTo(200);
            }
        }

        @Test
        void theAddressTheServerSeesIsTheOneTheRequestLeftFrom() {
            PartnerRealm.Key key = keyAllowedFrom("second address only", "127.0.0.2/32");
            assertThat(Way.TOKEN_ENDPOINT.use(realm, ELSEWHERE, key.clientId(), key.secret()).status()).isEqualTo(200);
            JsonNode view = Http.json(realm.readToken(Http.bearer(realm.platformAdminToken()), "acme", key.id()));
            assertThat(view.path("lastUsedIp").asText()).isEqualTo("127.0.0.2");
            assertThat(Way.TOKEN_ENDPOINT.use(realm, ALLOWED, key.clientId(), key.secret()).status()).isEqualTo(401);
        }

        @Test
        void aKeyWithoutAllowlistIsUsableFromAnywhereAsBefore() {
            PartnerRealm.Key key = realm.createKey("acme", "no allowlist", "VIEW");
            assertThat(key.created().path("allowedNetworks").isArray()).isTrue();
            assertThat(key.created().path("allowedNetworks")).isEmpty();
            assertThat(Way.TOKEN_ENDPOINT.use(realm, ALLOWED, key.clientId(), key.secret()).status()).isEqualTo(200);
            assertThat(Way.TOKEN_ENDPOINT.use(realm, ELSEWHERE, key.clientId(), key.secret()).status()).isEqualTo(200);
        }
    }

    @Nested
    class FromElsewhere {

        @Test
        void everyWayAnswersExactlyAsForAWrongSecret() {
            PartnerRealm.Key key = keyAllowedFrom("office only", "127.0.0.1/32", "2001:db8::/32");
            for (Way way : Way.values()) {
                FromAddress.Answer rightSecret = way.use(realm, ELSEWHERE, key.clientId(), key.secret());
                FromAddress.Answer wrongSecret = way.use(realm, ELSEWHERE, key.clientId(), key.secret() + "x");
                assertThat(rightSecret.status()).as(way + ": " + rightSecret.body()).isEqualTo(401);
                assertThat(rightSecret.body()).as(way.name()).isEqualTo(wrongSecret.body());
                assertThat(rightSecret.header("WWW-Authenticate")).as(way.name()).isNotNull()
                        .isEqualTo(wrongSecret.header("WWW-Authenticate"));
                assertThat(rightSecret.stableHeaders()).as(way.name()).isEqualTo(wrongSecret.stableHeaders());
            }
        }

        @Test
        void aForgedForwardedAddressDoesNotHelp() {
            PartnerRealm.Key key = keyAllowedFrom("office only", "127.0.0.1");
            for (Way way : Way.values()) {
                FromAddress.Answer forged = way.use(realm, ELSEWHERE, key.clientId(), key.secret(),
                        "X-Forwarded-For", "127.0.0.1", "Forwarded", "for=127.0.0.1", "X-Real-IP", "127.0.0.1");
                FromAddress.Answer wrongSecret = way.use(realm, ELSEWHERE, key.clientId(), key.secret() + "x");
                assertThat(forged.status()).as(way + ": " + forged.body()).isEqualTo(401);
                assertThat(forged.body()).isEqualTo(wrongSecret.body());
                assertThat(forged.stableHeaders()).isEqualTo(wrongSecret.stableHeaders());
            }
        }

        @Test
        void theAuditTrailSaysTheSecretWasUsedFromADisallowedAddressAndNeverHoldsIt() throws InterruptedException {
            PartnerRealm.Key key = keyAllowedFrom("leaked", "127.0.0.1");
            String feedToken = realm.partnerApiToken();
            long before = realm.feedHead("audit", feedToken);
            for (int i = 0; i < 3; i++) {
                assertThat(Way.TOKEN_ENDPOINT.use(realm, ELSEWHERE, key.clientId(), key.secret()).status()).isEqualTo(401);
            }
            assertThat(Way.REFRESH_TOKEN.use(realm, ELSEWHERE, key.clientId(), key.secret()).status()).isEqualTo(401);
            List<JsonNode> entries = List.of();
            for (int attempt = 0; attempt < 75 && entries.stream().mapToInt(e -> e.path("count").asInt()).sum() < 4; attempt++) {
                Thread.sleep(200);
                HttpResponse<String> feed = realm.feed("audit", "after=" + before + "&limit=500", feedToken);
                assertThat(feed.body()).doesNotContain(key.secret()).doesNotContain("ptk_");
                List<JsonNode> found = new ArrayList<>();
                Http.json(feed).path("entries").forEach(entry -> {
                    if ("AUTH_FAILED".equals(entry.path("action").asText()) && key.clientId().equals(entry.path("keyClientId").asText())) {
                        found.add(entry);
                    }
                });
                entries = found;
            }
            assertThat(entries.stream().mapToInt(e -> e.path("count").asInt()).sum()).as(entries.toString()).isEqualTo(4);
            JsonNode entry = entries.get(0);
            assertThat(entry.path("sourceIp").asText()).isEqualTo("127.0.0.2");
            assertThat(entry.path("partner").asText()).isEqualTo("acme");
            assertThat(entry.path("detail").asText()).contains("127.0.0.2").contains("allowed networks do not include");
        }
    }

    @Nested
    class Changes {

        @Test
        void aChangedListReachesTheVeryNextGrant() {
            PartnerRealm.Key key = realm.createKey("acme", "narrowed later", "VIEW");
            assertThat(Way.TOKEN_ENDPOINT.use(realm, ELSEWHERE, key.clientId(), key.secret()).status()).isEqualTo(200);
            HttpResponse<String> narrowed = realm.patchAsAdmin("acme", key.id(), "{\"allowedNetworks\":[\"127.0.0.1\"]}");
            assertThat(narrowed.statusCode()).as(narrowed.body()).isEqualTo(200);
            assertThat(Http.json(narrowed).path("allowedNetworks").toString()).isEqualTo("[\"127.0.0.1/32\"]");
            assertThat(Way.TOKEN_ENDPOINT.use(realm, ELSEWHERE, key.clientId(), key.secret()).status()).isEqualTo(401);
            assertThat(Way.TOKEN_ENDPOINT.use(realm, ALLOWED, key.clientId(), key.secret()).status()).isEqualTo(200);
            HttpResponse<String> cleared = realm.patchAsAdmin("acme", key.id(), "{\"allowedNetworks\":[]}");
            assertThat(Http.json(cleared).path("allowedNetworks")).isEmpty();
            assertThat(Way.TOKEN_ENDPOINT.use(realm, ELSEWHERE, key.clientId(), key.secret()).status()).isEqualTo(200);
        }

        @Test
        void theListIsStoredNormalisedAndShownOnReadAndList() {
            PartnerRealm.Key key = keyAllowedFrom("normalised", "2001:DB8:0:0:0::/32", " 127.0.0.1 ", "::1", "127.0.0.1/32",
                    "10.0.0.0/8");
            String expected = "[\"10.0.0.0/8\",\"127.0.0.1/32\",\"::1/128\",\"2001:db8::/32\"]";
            assertThat(key.created().path("allowedNetworks").toString()).isEqualTo(expected);
            JsonNode view = Http.json(realm.readToken(Http.bearer(realm.platformAdminToken()), "acme", key.id()));
            assertThat(view.path("allowedNetworks").toString()).isEqualTo(expected);
            JsonNode listed = realm.listAsAdmin("acme", "name=normalised&limit=100");
            List<String> shown = new ArrayList<>();
            listed.path("data").forEach(k -> {
                if (key.id().equals(k.path("id").asText())) {
                    shown.add(k.path("allowedNetworks").toString());
                }
            });
            assertThat(shown).containsExactly(expected);
        }

        @Test
        void anOwnerMayChangeItADeveloperMayNotAndTheTrailShowsOldAndNew() {
            PartnerRealm.Key key = keyAllowedFrom("owners decide", "127.0.0.1");
            String partnerApi = Http.bearer(realm.partnerApiToken());
            HttpResponse<String> developer = realm.tokensCall("PATCH", "/" + key.id(), partnerApi,
                    "{\"allowedNetworks\":[\"0.0.0.0/0\"]}", "X-Partner", "acme", "X-Acting-User", "developer@acme.example");
            Answers.assertForbidden(developer);
            assertThat(Way.TOKEN_ENDPOINT.use(realm, ELSEWHERE, key.clientId(), key.secret()).status()).isEqualTo(401);
            long before = realm.feedHead("audit", realm.partnerApiToken());
            HttpResponse<String> owner = realm.tokensCall("PATCH", "/" + key.id(), partnerApi,
                    "{\"allowedNetworks\":[\"127.0.0.0/8\"]}", "X-Partner", "acme", "X-Acting-User", "owner@acme.example");
            assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
            assertThat(Way.TOKEN_ENDPOINT.use(realm, ELSEWHERE, key.clientId(), key.secret()).status()).isEqualTo(200);
            List<String> edits = new ArrayList<>();
            Http.json(realm.feed("audit", "after=" + before, realm.partnerApiToken())).path("entries").forEach(entry -> {
                if ("EDIT".equals(entry.path("action").asText()) && key.id().equals(entry.path("keyId").asText())) {
                    edits.add(entry.path("detail").asText());
                }
            });
            assertThat(edits).containsExactly("edited key 'owners decide': allowed networks [127.0.0.1/32] → [127.0.0.0/8]");
        }

        @Test
        void aKeyNeitherChangesItsOwnListNorMakesAKeyThatReachesFurther() {
            PartnerRealm.Key manager = keyAllowedFrom("restricted manager", "127.0.0.0/8");
            FromAddress.Answer own = ALLOWED.send("PATCH", realm.token(manager.id()), PartnerRealm.JSON,
                    "{\"allowedNetworks\":[]}", "Authorization", manager.basic());
            assertThat(own.status()).as(own.body()).isEqualTo(403);
            HttpResponse<String> unrestricted = realm.postTokens(manager.basic(), null, PartnerRealm.JSON,
                    PartnerRealm.keyRequest("anywhere", "VIEW").toString());
            Answers.assertForbidden(unrestricted);
            HttpResponse<String> narrower = realm.postTokens(manager.basic(), null, PartnerRealm.JSON,
                    PartnerRealm.keyRequest("narrower", "VIEW").set("allowedNetworks",
                            JsonNodeFactory.instance.arrayNode().add("127.0.0.1")).toString());
            assertThat(narrower.statusCode()).as(narrower.body()).isEqualTo(201);
        }
    }

    @Nested
    class BadInput {

        @Test
        void fiftyOneNetworksAreRefusedAndNothingIsCreated() {
            long keys = realm.totalCount("acme");
            ObjectNode request = PartnerRealm.keyRequest("too many", "VIEW");
            ArrayNode networks = request.putArray("allowedNetworks");
            for (int i = 0; i < 51; i++) {
                networks.add("198.51.100." + i);
            }
            JsonNode error = Answers.assertInvalidInput(create(request), "allowedNetworks");
            assertThat(error.toString()).contains("at most 50");
            networks.remove(50);
            assertThat(create(request).statusCode()).isEqualTo(201);
            assertThat(realm.totalCount("acme")).isEqualTo(keys + 1);
        }

        @Test
        void garbageIsRefusedNamingTheEntry() {
            long keys = realm.totalCount("acme");
            assertThat(refusal("not-an-address")).contains("'not-an-address'");
            assertThat(refusal("10.1.2.3/24")).contains("'10.1.2.3/24'").contains("10.1.2.0/24").contains("10.1.2.3/32");
            assertThat(refusal("2001:db8::/129")).contains("'2001:db8::/129'").contains("0 to 128");
            assertThat(refusal("example.com")).contains("'example.com'");
            ObjectNode notAnArray = PartnerRealm.keyRequest("bad", "VIEW").put("allowedNetworks", "127.0.0.1");
            assertThat(Answers.assertInvalidInput(create(notAnArray), "allowedNetworks").toString()).contains("array");
            ObjectNode notStrings = PartnerRealm.keyRequest("bad", "VIEW");
            notStrings.putArray("allowedNetworks").add(127);
            Answers.assertInvalidInput(create(notStrings), "allowedNetworks");
            assertThat(realm.totalCount("acme")).isEqualTo(keys);
        }

        @Test
        void aBadPatchChangesNothing() {
            PartnerRealm.Key key = keyAllowedFrom("kept", "127.0.0.1");
            Answers.assertInvalidInput(realm.patchAsAdmin("acme", key.id(), "{\"allowedNetworks\":[\"127.0.0.1\",\"bogus\"]}"),
                    "allowedNetworks");
            Answers.assertInvalidInput(realm.patchAsAdmin("acme", key.id(), "{\"allowedNetworks\":{}}"), "allowedNetworks");
            JsonNode view = Http.json(realm.readToken(Http.bearer(realm.platformAdminToken()), "acme", key.id()));
            assertThat(view.path("allowedNetworks").toString()).isEqualTo("[\"127.0.0.1/32\"]");
        }

        private String refusal(String network) {
            ObjectNode request = PartnerRealm.keyRequest("bad", "VIEW");
            request.putArray("allowedNetworks").add("127.0.0.1").add(network);
            return Answers.assertInvalidInput(create(request), "allowedNetworks").toString();
        }

        private HttpResponse<String> create(ObjectNode request) {
            return realm.postTokens(Http.bearer(realm.platformAdminToken()), "acme", PartnerRealm.JSON, request.toString());
        }
    }

}
