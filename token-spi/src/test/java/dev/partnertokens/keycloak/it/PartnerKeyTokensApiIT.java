package dev.partnertokens.keycloak.it;

import static dev.partnertokens.keycloak.it.Answers.assertApiError;
import static dev.partnertokens.keycloak.it.Answers.assertForbidden;
import static dev.partnertokens.keycloak.it.Answers.assertInvalidClient;
import static dev.partnertokens.keycloak.it.Answers.assertInvalidInput;
import static dev.partnertokens.keycloak.it.Answers.assertTokenNotFound;
import static dev.partnertokens.keycloak.it.Answers.assertUnauthorized;
import static dev.partnertokens.keycloak.it.PartnerKeyClientCredentialsIT.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.keycloak.domain.PartnerSecret;
import dev.partnertokens.keycloak.it.PartnerRealm.Key;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The permissioned tokens API {@code /realms/partners/tokens}, as partners' keys and administrators use it. */
@ExtendWith(KeycloakExtension.class)
class PartnerKeyTokensApiIT {

    private static final String JSON = PartnerRealm.JSON;

    private PartnerRealm realm;
    private RealmAdmin admin;
    /** Makes the names of this test's keys unique, so name filters find only them. */
    private String prefix;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String adminBearer() {
        return Http.bearer(realm.platformAdminToken());
    }

    private HttpResponse<String> create(Key caller, String name, String... permissions) {
        return realm.postTokens(caller.basic(), null, JSON, PartnerRealm.keyRequest(name, permissions).toString());
    }

    /** The ids, in order, of the caller's keys whose name contains this test's prefix. */
    private List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("data").forEach(key -> ids.add(key.path("id").asText()));
        return ids;
    }

    private JsonNode list(String authorization, String partner, String query) {
        HttpResponse<String> response = realm.listTokens(authorization, partner, query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    @Nested
    class CreatingAKey {

        @Test
        void answers201WithItsLocationAndItsSecretThisOnce() {
            Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

            HttpResponse<String> response = realm.postTokens(adminBearer(), "acme", JSON,
                    PartnerRealm.keyRequest(prefix + " created", "VIEW", "TRANSACT").toString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(Http.header(response, "Content-Type")).startsWith("application/json");
            assertThat(Http.header(response, "Cache-Control")).contains("no-store");
            JsonNode key = Http.json(response);
            assertThat(fieldNames(key)).containsExactlyInAnyOrder("id", "clientId", "clientSecret", "name", "permissions",
                    "scopes", "createdAt", "updatedAt", "createdBy", "expiringSoon", "useCount", "allowedNetworks");
            assertThat(key.path("id").asText()).matches("Token:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(key.path("clientId").asText()).isNotBlank();
            assertThat(key.path("clientSecret").asText()).matches(PartnerSecret.SCANNER_REGEX);
            assertThat(key.path("name").asText()).isEqualTo(prefix + " created");
            assertThat(texts(key.path("permissions"))).containsExactlyInAnyOrder("VIEW", "TRANSACT");
            Instant createdAt = Instant.parse(key.path("createdAt").asText());
            assertThat(createdAt).isBetween(before, Instant.now());
            assertThat(key.path("updatedAt").asText()).isEqualTo(key.path("createdAt").asText());
            assertThat(Http.header(response, "Location")).isEqualTo(realm.token(key.path("id").asText()).toString());

            HttpResponse<String> located = Http.send(Http.request(URI.create(Http.header(response, "Location")))
                    .header("Authorization", adminBearer()).header("X-Partner", "acme"));
            assertThat(located.statusCode()).as(located.body()).isEqualTo(200);
            JsonNode shown = Http.json(located);
            assertThat(shown.has("clientSecret")).isFalse();
            assertThat(located.body()).doesNotContain(key.path("clientSecret").asText());
            key.fieldNames().forEachRemaining(field -> {
                if (!field.equals("clientSecret")) {
                    assertThat(shown.path(field)).as(field).isEqualTo(key.path(field));
                }
            });
        }

        @Test
        void withAnExpiryShowsItEverywhere() {
            Instant expiry = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);

            Key key = realm.createKeyExpiringAt("acme", prefix + " expiring", expiry, "VIEW");

            assertThat(key.created().path("expiresAt").asText()).isEqualTo(expiry.toString());
            JsonNode read = Http.json(realm.readToken(adminBearer(), "acme", key.id()));
            assertThat(read.path("expiresAt").asText()).isEqualTo(expiry.toString());
            JsonNode listed = list(adminBearer(), "acme", "name=" + prefix).path("data").get(0);
            assertThat(listed.path("expiresAt").asText()).isEqualTo(expiry.toString());
        }

        @Test
        void acceptsANameOfExactly200CharactersEvenOutsideTheBasicPlane() {
            for (String character : List.of("n", "é", "\uD83D\uDE00")) {
                String name = character.repeat(200);

                HttpResponse<String> response = realm.postTokens(adminBearer(), "acme", JSON,
                        PartnerRealm.keyRequest(name, "VIEW").toString());

                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                Key key = Key.of(Http.json(response));
                assertThat(key.created().path("name").asText()).isEqualTo(name);
                assertThat(Http.json(realm.readToken(adminBearer(), "acme", key.id())).path("name").asText()).isEqualTo(name);
                assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
            }
        }

        @Test
        void stripsSpacesAroundTheNameAndCountsARepeatedPermissionOnce() {
            HttpResponse<String> response = realm.postTokens(adminBearer(), "acme", JSON,
                    "{\"name\":\"  " + prefix + " spaced \\u00a0\",\"permissions\":[\"VIEW\",\"VIEW\"]}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(Http.json(response).path("name").asText()).isEqualTo(prefix + " spaced");
            assertThat(texts(Http.json(response).path("permissions"))).containsExactly("VIEW");
        }

        @Test
        void byAPartnersKeyMakesAKeyOfThatPartner() {
            // Globex may not hold MANAGE (its partner.permissions), so Acme's key is the one that makes keys here.
            Key acmeManager = realm.createKey("acme", prefix + " acme manager", "MANAGE", "VIEW");

            HttpResponse<String> response = create(acmeManager, prefix + " made by acme", "VIEW");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            Key made = Key.of(Http.json(response));
            assertThat(ids(list(adminBearer(), "acme", "name=" + prefix))).contains(made.id());
            assertThat(ids(list(adminBearer(), "globex", "name=" + prefix))).doesNotContain(made.id());
            JsonNode claims = Http.claims(Http.json(realm.clientCredentials(made.basic())).path("access_token").asText());
            assertThat(claims.path("partner_id").asText()).isEqualTo(admin.organizationId("acme"));
        }

        @Test
        void givesAKeyThatGetsTokensWithExactlyItsPermissions() {
            Key key = realm.createKey("acme", prefix + " works", "TRANSACT", "MANAGE");

            HttpResponse<String> cc = realm.clientCredentials(key.basic());

            assertThat(cc.statusCode()).as(cc.body()).isEqualTo(200);
            assertThat(scopes(Http.json(cc).path("scope").asText())).containsExactlyInAnyOrder("TRANSACT", "MANAGE");
        }
    }

    @Nested
    class ListingKeys {

        @Test
        void showsOnlyTheCallersPartnersKeys() {
            Key acme = realm.createKey("acme", prefix + " acme", "VIEW");
            Key globex = realm.createKey("globex", prefix + " globex", "VIEW");

            assertThat(ids(list(acme.basic(), null, "name=" + prefix))).containsExactly(acme.id());
            assertThat(ids(list(globex.basic(), null, "name=" + prefix))).containsExactly(globex.id());
            assertThat(ids(list(adminBearer(), "acme", "name=" + prefix))).containsExactly(acme.id());
            assertThat(ids(list(adminBearer(), "globex", "name=" + prefix))).containsExactly(globex.id());
            JsonNode everythingAcmeSees = list(acme.basic(), null, "limit=100");
            for (JsonNode key : everythingAcmeSees.path("data")) {
                assertThat(key.path("id").asText()).isNotEqualTo(globex.id());
                assertThat(key.path("clientId").asText()).isNotEqualTo(globex.clientId());
            }
        }

        @Test
        void neverShowsASecretOrAHash() {
            Key one = realm.createKey("acme", prefix + " one", "VIEW", "MANAGE");
            Key two = realm.createKey("acme", prefix + " two", "VIEW");

            for (HttpResponse<String> response : List.of(
                    realm.listTokens(one.basic(), null, "limit=100"),
                    realm.listTokens(adminBearer(), "acme", "name=" + prefix),
                    realm.readToken(one.basic(), null, two.id()),
                    realm.readToken(adminBearer(), "acme", one.id()))) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.body()).doesNotContain(one.secret(), two.secret(), "ptk_", "sha256:", "clientSecret",
                        "secretHash", "hash");
            }
        }

        @Test
        void givesTwentyKeysAPageByDefaultAndAtMostAHundred() {
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                created.add(realm.createKey("acme", prefix + " many " + i, "VIEW").id());
            }

            JsonNode first = list(adminBearer(), "acme", "name=" + prefix);
            assertThat(ids(first)).hasSize(20).isEqualTo(created.subList(0, 20));
            assertThat(first.path("hasMore").asBoolean()).isTrue();
            assertThat(first.path("totalCount").asLong()).isEqualTo(21);
            assertThat(first.path("nextCursor").asText()).isNotBlank();

            JsonNode second = list(adminBearer(), "acme", "name=" + prefix + "&cursor=" + first.path("nextCursor").asText());
            assertThat(ids(second)).containsExactly(created.get(20));
            assertThat(second.path("hasMore").asBoolean()).isFalse();
            assertThat(second.has("nextCursor")).isFalse();
            assertThat(second.path("totalCount").asLong()).isEqualTo(21);

            JsonNode hundred = list(adminBearer(), "acme", "name=" + prefix + "&limit=100");
            assertThat(ids(hundred)).isEqualTo(created);
            assertThat(hundred.path("hasMore").asBoolean()).isFalse();
            JsonNode largest = list(adminBearer(), "acme", "limit=100");
            assertThat(largest.path("totalCount").asLong()).isGreaterThanOrEqualTo(21);
            assertThat(largest.path("data").size()).isEqualTo((int) Math.min(100, largest.path("totalCount").asLong()));
            assertThat(largest.path("hasMore").asBoolean()).isEqualTo(largest.path("totalCount").asLong() > 100);
        }

        @Test
        void filtersByPartOfTheNameIgnoringCaseAndTakingWildcardsLiterally() {
            Key alpha = realm.createKey("acme", prefix + " Alpha", "VIEW");
            Key beta = realm.createKey("acme", prefix + " beta", "VIEW");
            Key percent = realm.createKey("acme", prefix + " 100% sure", "VIEW");
            Key underscore = realm.createKey("acme", prefix + " a_b", "VIEW");

            assertThat(ids(list(adminBearer(), "acme", "name=" + prefix))).containsExactly(alpha.id(), beta.id(), percent.id(),
                    underscore.id());
            assertThat(ids(list(adminBearer(), "acme", "name=" + PartnerRealm.encoded(prefix + " ALPHA")))).containsExactly(alpha.id());
            assertThat(ids(list(adminBearer(), "acme", "name=" + PartnerRealm.encoded(prefix + " 100%")))).containsExactly(percent.id());
            assertThat(ids(list(adminBearer(), "acme", "name=" + PartnerRealm.encoded(prefix + " a_")))).containsExactly(underscore.id());
            assertThat(ids(list(adminBearer(), "acme", "name=" + PartnerRealm.encoded(prefix + " _")))).isEmpty();
            assertThat(ids(list(adminBearer(), "acme", "name=" + PartnerRealm.encoded(prefix + "%")))).isEmpty();
        }

        @Test
        void filtersByNameIgnoringCaseBeyondAscii() {
            Key umlaut = realm.createKey("acme", prefix + " Ärger Über", "VIEW");
            realm.createKey("acme", prefix + " other", "VIEW");

            assertThat(ids(list(adminBearer(), "acme", "name=" + PartnerRealm.encoded("ärger über")))).containsExactly(umlaut.id());
            assertThat(ids(list(adminBearer(), "acme", "name=" + PartnerRealm.encoded(prefix + " ÄRGER")))).containsExactly(umlaut.id());
        }

        @Test
        void aKeyCannotListAnotherPartnerByNamingIt() {
            Key acme = realm.createKey("acme", prefix + " acme lister", "VIEW");
            realm.createKey("globex", prefix + " globex hidden", "VIEW");

            assertThat(ids(list(acme.basic(), "globex", "name=" + prefix))).containsExactly(acme.id());
        }

        @Test
        void filtersByCreationAndUpdateTimeWithHalfOpenWindows() throws InterruptedException {
            Key first = realm.createKey("acme", prefix + " first", "VIEW");
            Thread.sleep(20);
            Key second = realm.createKey("acme", prefix + " second", "VIEW");
            String firstCreated = first.created().path("createdAt").asText();
            String secondCreated = second.created().path("createdAt").asText();
            String secondUpdated = second.created().path("updatedAt").asText();
            assertThat(Instant.parse(firstCreated)).isBefore(Instant.parse(secondCreated));

            String name = "name=" + prefix;
            assertThat(ids(list(adminBearer(), "acme", name + "&createdAfter=" + secondCreated))).containsExactly(second.id());
            assertThat(ids(list(adminBearer(), "acme", name + "&createdBefore=" + secondCreated))).containsExactly(first.id());
            assertThat(ids(list(adminBearer(), "acme", name + "&createdAfter=" + firstCreated + "&createdBefore=" + secondCreated)))
                    .containsExactly(first.id());
            assertThat(ids(list(adminBearer(), "acme", name + "&updatedAfter=" + secondUpdated))).containsExactly(second.id());
            assertThat(ids(list(adminBearer(), "acme", name + "&updatedBefore=" + secondUpdated))).containsExactly(first.id());
            assertThat(ids(list(adminBearer(), "acme", name + "&createdAfter=" + Instant.now().plusSeconds(60)))).isEmpty();
            JsonNode filtered = list(adminBearer(), "acme", name + "&createdBefore=" + secondCreated);
            assertThat(filtered.path("totalCount").asLong()).isEqualTo(1);
        }

        @Test
        void countsEveryMatchWhateverThePage() {
            for (int i = 0; i < 3; i++) {
                realm.createKey("acme", prefix + " counted " + i, "VIEW");
            }

            JsonNode first = list(adminBearer(), "acme", "name=" + prefix + "&limit=1");
            JsonNode second = list(adminBearer(), "acme", "name=" + prefix + "&limit=1&cursor=" + first.path("nextCursor").asText());

            assertThat(first.path("totalCount").asLong()).isEqualTo(3);
            assertThat(second.path("totalCount").asLong()).isEqualTo(3);
            assertThat(realm.totalCount("acme")).isGreaterThanOrEqualTo(3);
        }
    }

    @Nested
    class PagingThroughKeys {

        @Test
        void neitherSkipsNorRepeatsAKeyWhenKeysAreCreatedAndDeletedBetweenPages() {
            List<String> before = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                before.add(realm.createKey("acme", prefix + " page " + i, "VIEW").id());
            }
            List<String> createdMeanwhile = new ArrayList<>();
            Set<String> deletedMeanwhile = new HashSet<>();

            List<String> seen = new ArrayList<>();
            String cursor = null;
            for (int page = 0; page < 50; page++) {
                JsonNode result = list(adminBearer(), "acme", "name=" + prefix + "&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
                List<String> ids = ids(result);
                seen.addAll(ids);
                if (!result.path("hasMore").asBoolean()) {
                    assertThat(result.has("nextCursor")).isFalse();
                    break;
                }
                cursor = result.path("nextCursor").asText();
                if (page < 3) {
                    createdMeanwhile.add(realm.createKey("acme", prefix + " meanwhile " + page + "a", "VIEW").id());
                    createdMeanwhile.add(realm.createKey("acme", prefix + " meanwhile " + page + "b", "VIEW").id());
                    String last = ids.get(ids.size() - 1);
                    assertThat(realm.deleteToken(adminBearer(), "acme", last).statusCode()).isEqualTo(204);
                    deletedMeanwhile.add(last);
                }
            }

            assertThat(seen).doesNotHaveDuplicates();
            assertThat(seen).containsAll(before).containsAll(createdMeanwhile);
            List<String> stillThere = seen.stream().filter(id -> !deletedMeanwhile.contains(id)).toList();
            assertThat(ids(list(adminBearer(), "acme", "name=" + prefix + "&limit=100"))).isEqualTo(stillThere);
        }

        @Test
        void neitherSkipsNorRepeatsAKeyWhileAnotherClientKeepsCreatingKeys() {
            List<String> before = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                before.add(realm.createKey("acme", prefix + " busy " + i, "VIEW").id());
            }
            AtomicBoolean paging = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> createdMeanwhile = new ConcurrentLinkedQueue<>();
            PartnerRealm otherClient = new PartnerRealm(realm.keycloak());
            CompletableFuture<Void> creator = CompletableFuture.runAsync(() -> {
                for (int i = 0; paging.get() && i < 12; i++) {
                    createdMeanwhile.add(otherClient.createKey("acme", prefix + " concurrent " + i, "VIEW").id());
                }
            });

            List<String> seen = new ArrayList<>();
            String cursor = null;
            try {
                for (int page = 0; page < 100; page++) {
                    JsonNode result = list(adminBearer(), "acme", "name=" + prefix + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
                    seen.addAll(ids(result));
                    if (!result.path("hasMore").asBoolean()) {
                        break;
                    }
                    cursor = result.path("nextCursor").asText();
                }
            } finally {
                paging.set(false);
                creator.join();
            }

            assertThat(seen).doesNotHaveDuplicates().containsAll(before);
            assertThat(ids(list(adminBearer(), "acme", "name=" + prefix + "&limit=100"))).containsAll(seen).containsAll(createdMeanwhile);
        }
    }

    @Nested
    class ReadingAndDeletingAKey {

        @Test
        void readingShowsItWithoutItsSecret() {
            Key reader = realm.createKey("acme", prefix + " reader", "VIEW");
            Key key = realm.createKeyExpiringAt("acme", prefix + " read", Instant.now().plus(Duration.ofDays(1)), "TRANSACT");

            HttpResponse<String> response = realm.readToken(reader.basic(), null, key.id());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Http.header(response, "Cache-Control")).contains("no-store");
            JsonNode shown = Http.json(response);
            assertThat(fieldNames(shown)).containsExactlyInAnyOrder("id", "clientId", "name", "permissions", "scopes", "createdAt",
                    "updatedAt", "expiresAt", "createdBy", "expiringSoon", "useCount", "allowedNetworks");
            for (String field : fieldNames(shown)) {
                assertThat(shown.path(field)).as(field).isEqualTo(key.created().path(field));
            }
        }

        @Test
        void readingAcceptsTheUuidInUpperCase() {
            Key key = realm.createKey("acme", prefix + " upper", "VIEW");
            String upper = "Token:" + key.id().substring("Token:".length()).toUpperCase();

            HttpResponse<String> response = realm.readToken(adminBearer(), "acme", upper);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Http.json(response).path("id").asText()).isEqualTo(key.id());
        }

        @Test
        void deletingAnswers204AndTheKeyGetsNoTokenInAnyWayAfterwards() {
            Key manager = realm.createKey("acme", prefix + " manager", "MANAGE", "VIEW");
            Key key = realm.createKey("acme", prefix + " doomed", "MANAGE", "VIEW");
            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);

            HttpResponse<String> delete = realm.deleteToken(manager.basic(), null, key.id());

            assertThat(delete.statusCode()).as(delete.body()).isEqualTo(204);
            assertThat(delete.body()).isEmpty();
            assertTokenNotFound(realm.readToken(manager.basic(), null, key.id()));
            assertThat(ids(list(manager.basic(), null, "name=" + prefix))).containsExactly(manager.id());
            assertInvalidClient(realm.clientCredentials(key.basic()));
            assertInvalidClient(realm.clientCredentialsAt(realm.connectTokenEndpoint(), key.basic()));
            assertApiError(realm.refreshToken(key.clientId(), key.secret()), 401, "UNAUTHORIZED");
            assertUnauthorized(realm.listTokens(key.basic(), null, ""));
            assertTokenNotFound(realm.deleteToken(manager.basic(), null, key.id()));
        }

        @Test
        void aKeyMayDeleteItself() {
            Key key = realm.createKey("acme", prefix + " self", "MANAGE");

            assertThat(realm.deleteToken(key.basic(), null, key.id()).statusCode()).isEqualTo(204);

            assertUnauthorized(realm.listTokens(key.basic(), null, ""));
            assertInvalidClient(realm.clientCredentials(key.basic()));
        }
    }

    @Nested
    class AnotherPartnersKey {

        @Test
        void isNotFoundForReadingOrDeletingJustLikeAKeyThatNeverExisted() {
            Key acme = realm.createKey("acme", prefix + " acme manager", "MANAGE", "VIEW");
            Key globex = realm.createKey("globex", prefix + " globex key", "VIEW");
            String neverExisted = "Token:" + UUID.randomUUID();

            JsonNode read = assertTokenNotFound(realm.readToken(acme.basic(), null, globex.id()));
            JsonNode delete = assertTokenNotFound(realm.deleteToken(acme.basic(), null, globex.id()));
            JsonNode readAsAdmin = assertTokenNotFound(realm.readToken(adminBearer(), "acme", globex.id()));
            JsonNode deleteAsAdmin = assertTokenNotFound(realm.deleteToken(adminBearer(), "acme", globex.id()));

            JsonNode missing = assertTokenNotFound(realm.readToken(acme.basic(), null, neverExisted));
            assertThat(read).isEqualTo(missing);
            assertThat(delete).isEqualTo(assertTokenNotFound(realm.deleteToken(acme.basic(), null, neverExisted)));
            assertThat(readAsAdmin).isEqualTo(missing);
            assertThat(deleteAsAdmin).isEqualTo(delete);
            assertThat(realm.clientCredentials(globex.basic()).statusCode()).as("globex's key still works").isEqualTo(200);
            assertThat(realm.readToken(globex.basic(), null, globex.id()).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Permissions {

        @Test
        void aViewKeyMayListAndReadButNotCreateOrDelete() {
            Key viewer = realm.createKey("acme", prefix + " viewer", "VIEW");
            Key other = realm.createKey("acme", prefix + " other", "VIEW");
            long count = realm.totalCount("acme");

            assertThat(realm.listTokens(viewer.basic(), null, "name=" + prefix).statusCode()).isEqualTo(200);
            assertThat(realm.readToken(viewer.basic(), null, other.id()).statusCode()).isEqualTo(200);
            assertForbidden(create(viewer, prefix + " by viewer", "VIEW"));
            assertForbidden(realm.deleteToken(viewer.basic(), null, other.id()));

            assertThat(realm.totalCount("acme")).isEqualTo(count);
            assertThat(realm.clientCredentials(other.basic()).statusCode()).isEqualTo(200);
        }

        @Test
        void aTransactKeyMayNeitherListNorReadNorCreateNorDelete() {
            Key transactor = realm.createKey("acme", prefix + " transactor", "TRANSACT");
            Key other = realm.createKey("acme", prefix + " other", "VIEW");
            long count = realm.totalCount("acme");

            assertForbidden(realm.listTokens(transactor.basic(), null, ""));
            assertForbidden(realm.readToken(transactor.basic(), null, other.id()));
            assertForbidden(realm.readToken(transactor.basic(), null, transactor.id()));
            assertForbidden(create(transactor, prefix + " by transactor", "TRANSACT"));
            assertForbidden(realm.deleteToken(transactor.basic(), null, other.id()));

            assertThat(realm.totalCount("acme")).isEqualTo(count);
            assertThat(realm.clientCredentials(other.basic()).statusCode()).isEqualTo(200);
        }

        @Test
        void aManageKeyMayListAndReadToo() {
            Key manager = realm.createKey("acme", prefix + " manager", "MANAGE");

            assertThat(ids(list(manager.basic(), null, "name=" + prefix))).containsExactly(manager.id());
            assertThat(realm.readToken(manager.basic(), null, manager.id()).statusCode()).isEqualTo(200);
        }

        @Test
        void aKeyCannotGrantAPermissionItLacks() {
            Key manageOnly = realm.createKey("acme", prefix + " manage only", "MANAGE");
            Key manageView = realm.createKey("acme", prefix + " manage view", "MANAGE", "VIEW");
            long count = realm.totalCount("acme");

            assertForbidden(create(manageOnly, prefix + " x", "VIEW"));
            assertForbidden(create(manageOnly, prefix + " x", "MANAGE", "TRANSACT"));
            assertForbidden(create(manageView, prefix + " x", "TRANSACT"));
            assertForbidden(create(manageView, prefix + " x", "VIEW", "TRANSACT"));

            assertThat(realm.totalCount("acme")).isEqualTo(count);
        }

        @Test
        void aManageKeyCreatesKeysWithAnySubsetOfItsPermissions() {
            Key manager = realm.createKey("acme", prefix + " full manager", "MANAGE", "VIEW", "TRANSACT");

            for (List<String> permissions : List.of(List.of("VIEW"), List.of("MANAGE"), List.of("VIEW", "TRANSACT"),
                    List.of("VIEW", "TRANSACT", "MANAGE"))) {
                HttpResponse<String> response = create(manager, prefix + " subset", permissions.toArray(String[]::new));
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                Key made = Key.of(Http.json(response));
                assertThat(texts(made.created().path("permissions"))).containsExactlyInAnyOrderElementsOf(permissions);
                assertThat(scopes(Http.json(realm.clientCredentials(made.basic())).path("scope").asText()))
                        .containsExactlyInAnyOrderElementsOf(permissions);
            }
        }
    }

    @Nested
    class WhoIsCalling {

        @Test
        void nobodyIsUnauthorized() {
            Key key = realm.createKey("acme", prefix + " target", "VIEW");

            assertUnauthorized(realm.listTokens(null, null, ""));
            assertUnauthorized(realm.readToken(null, null, key.id()));
            assertUnauthorized(realm.deleteToken(null, null, key.id()));
            assertUnauthorized(realm.postTokens(null, null, JSON, PartnerRealm.keyRequest(prefix + " x", "VIEW").toString()));
        }

        @Test
        void garbageCredentialsAreUnauthorized() {
            Key key = realm.createKey("acme", prefix + " real", "VIEW", "MANAGE");
            long count = realm.totalCount("acme");

            for (String authorization : List.of("Basic !!!", "Basic", "Basic ", Http.rawBasic("no-colon"),
                    Http.rawBasic(":" + key.secret()), Http.rawBasic(key.clientId() + ":"), Http.basic(key.clientId(), "ptk_wrong"),
                    Http.basic("pk-does-not-exist", key.secret()), Http.basic("demo-cc", "demo-cc-secret"),
                    Http.rawBasic(key.clientId() + "%zz:" + key.secret()), "Bearer", "Bearer not-a-jwt",
                    "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Digest username=\"x\"", key.secret(),
                    Http.bearer(realm.keycloak().adminAccessToken()))) {
                assertUnauthorized(realm.listTokens(authorization, null, ""));
                assertUnauthorized(realm.postTokens(authorization, "acme", JSON, PartnerRealm.keyRequest(prefix + " x", "VIEW").toString()));
            }

            assertThat(realm.totalCount("acme")).isEqualTo(count);
        }

        @Test
        void anExpiredKeyIsUnauthorized() throws InterruptedException {
            Instant expiry = Instant.now().plusSeconds(3);
            Key key = realm.createKeyExpiringAt("acme", prefix + " expiring", expiry, "VIEW");
            assertThat(realm.listTokens(key.basic(), null, "").statusCode()).isEqualTo(200);

            PartnerKeyClientAuthenticationIT.sleepUntil(expiry.plusMillis(500));

            assertUnauthorized(realm.listTokens(key.basic(), null, ""));
        }

        @Test
        void aBearerTokenWithoutTheManagePartnerKeysRoleIsForbidden() {
            String owner = Http.bearer(realm.userToken("owner@acme.example", "owner"));
            long count = realm.totalCount("acme");

            assertForbidden(realm.listTokens(owner, "acme", ""));
            assertForbidden(realm.postTokens(owner, "acme", JSON, PartnerRealm.keyRequest(prefix + " x", "VIEW").toString()));

            assertThat(realm.totalCount("acme")).isEqualTo(count);
        }

        @Test
        void anAdministratorMustNameAnExistingPartner() {
            long count = realm.totalCount("acme");

            assertInvalidInput(realm.listTokens(adminBearer(), null, ""), "X-Partner");
            assertInvalidInput(realm.postTokens(adminBearer(), null, JSON, PartnerRealm.keyRequest(prefix + " x", "VIEW").toString()),
                    "X-Partner");
            assertInvalidInput(realm.listTokens(adminBearer(), "no-such-partner", ""), "X-Partner");

            assertThat(realm.totalCount("acme")).isEqualTo(count);
        }

        @Test
        void anAdministratorMayNameThePartnerByItsOrganizationId() {
            Key key = realm.createKey("acme", prefix + " by id", "VIEW");

            assertThat(ids(list(adminBearer(), admin.organizationId("acme"), "name=" + prefix))).containsExactly(key.id());
        }

        @Test
        void thePartnerApiServiceAccountActsForAPartner() {
            HttpResponse<String> cc = realm.clientCredentials(Http.basic("partner-api-war", "partner-api-war-secret"));
            assertThat(cc.statusCode()).as(cc.body()).isEqualTo(200);
            String war = Http.bearer(Http.json(cc).path("access_token").asText());

            HttpResponse<String> created = realm.postTokens(war, "acme", JSON, PartnerRealm.keyRequest(prefix + " by war", "VIEW").toString());

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(ids(list(war, "acme", "name=" + prefix))).containsExactly(Http.json(created).path("id").asText());
        }
    }

    @Nested
    class OtherMethods {

        /**
         * 405, or 404 where JAX-RS cannot tell a wrong method from a wrong path behind Keycloak's realm-resource
         * locator; JSON either way, never a 5xx, nothing changed.
         */
        @Test
        void areRefusedInJsonAndNeverAServerError() {
            Key key = realm.createKey("acme", prefix + " methods", "MANAGE", "VIEW");
            String body = PartnerRealm.keyRequest(prefix + " x", "VIEW").toString();
            long count = realm.totalCount("acme");

            Map<java.net.http.HttpRequest.Builder, Set<Integer>> requests = new LinkedHashMap<>();
            requests.put(Http.request(realm.tokens()).PUT(Http.body(body)), Set.of(404, 405));
            requests.put(Http.request(realm.tokens()).DELETE(), Set.of(404, 405));
            requests.put(Http.request(realm.token(key.id())).PUT(Http.body(body)), Set.of(404, 405));
            requests.put(Http.request(realm.token(key.id())).POST(Http.body(body)), Set.of(404, 405));
            requests.put(Http.request(realm.refreshTokenEndpoint()).GET(), Set.of(404, 405));
            requests.put(Http.request(realm.refreshTokenEndpoint()).DELETE(), Set.of(404, 405));
            List<String> wrong = new ArrayList<>();
            requests.forEach((request, expected) -> {
                HttpResponse<String> response = Http.send(request.header("Authorization", key.basic()).header("Content-Type", JSON));
                boolean json = Http.header(response, "Content-Type").startsWith("application/json");
                if (!expected.contains(response.statusCode()) || !json) {
                    wrong.add(response.request().method() + " " + response.uri() + " -> " + response.statusCode() + " "
                            + Http.header(response, "Content-Type") + " " + response.body());
                }
            });

            assertThat(wrong).isEmpty();
            assertThat(realm.totalCount("acme")).isEqualTo(count);
            assertThat(realm.readToken(key.basic(), null, key.id()).statusCode()).isEqualTo(200);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
