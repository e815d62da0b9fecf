package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.testing.KeycloakDatabase;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The revocation feed (ADR 7): every way a key or a token stops being good lands in it, in order, for the service
 * accounts of resource servers only.
 */
@ExtendWith(KeycloakExtension.class)
class RevocationFeedIT {

    private PartnerRealm realm;
    private RealmAdmin admin;
    private String feedToken;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
        feedToken = realm.partnerApiToken();
    }

    private long last() {
        return realm.feedHead("revocations", feedToken);
    }

    /** The entries after {@code after} that concern {@code subject}. */
    private List<JsonNode> entriesAbout(String subject, long after) {
        HttpResponse<String> feed = realm.feed("revocations", "after=" + after, feedToken);
        assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        Http.json(feed).path("entries").forEach(entry -> {
            if (subject.equals(entry.path("subject").asText())) {
                entries.add(entry);
            }
        });
        return entries;
    }

    @Nested
    class WhoMayRead {

        @Test
        void nobodyWithoutABearerToken() {
            HttpResponse<String> anonymous = Http.send(Http.request(java.net.URI.create(realm.issuer()
                    + "/partners/api/v2/revocations?after=0")).GET());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(Http.header(anonymous, "WWW-Authenticate")).startsWith("Bearer");
        }

        @Test
        void notAServiceAccountWithoutTheRole() {
            String demoToken = Http.json(realm.clientCredentials(Http.basic("demo-cc", "demo-cc-secret"))).path("access_token").asText();
            assertThat(realm.feed("revocations", "after=0", demoToken).statusCode()).isEqualTo(403);
            PartnerRealm.Key key = realm.createKey("acme", "curious key", "VIEW", "MANAGE");
            String keyToken = Http.json(realm.clientCredentials(key.basic())).path("access_token").asText();
            assertThat(realm.feed("revocations", "after=0", keyToken).statusCode()).isEqualTo(403);
        }

        @Test
        void badParametersAreRefusedWithAMessage() {
            for (String query : List.of("after=-1", "after=x", "wait=26", "wait=1.5")) {
                HttpResponse<String> refused = realm.feed("revocations", query, feedToken);
                assertThat(refused.statusCode()).as(query).isEqualTo(400);
                assertThat(Http.json(refused).path("code").asText()).isEqualTo("INVALID_INPUT");
            }
        }
    }

    @Nested
    class WhatItCarries {

        @Test
        void aKeyRevokedThroughTheTokensApi() {
            long before = last();
            PartnerRealm.Key key = realm.createKey("acme", "revoked", "VIEW");
            long issuedAt = Http.claims(Http.json(realm.clientCredentials(key.basic())).path("access_token").asText()).path("iat").asLong();
            assertThat(realm.deleteToken(Http.bearer(realm.platformAdminToken()), "acme", key.id()).statusCode()).isEqualTo(204);
            List<JsonNode> entries = entriesAbout(key.clientId(), before);
            assertThat(entries).hasSize(1);
            JsonNode entry = entries.get(0);
            assertThat(entry.path("kind").asText()).isEqualTo("KEY");
            assertThat(entry.path("reason").asText()).isEqualTo("KEY_REVOKED");
            assertThat(entry.path("issuedBefore").asLong()).isGreaterThanOrEqualTo(issuedAt);
            assertThat(entry.path("scopes").isMissingNode() || entry.path("scopes").isNull()).isTrue();
            assertThat(entry.path("partnerId").asText()).isEqualTo(admin.organizationId("acme"));
        }

        @Test
        void rightsTakenAwayNameTheRightsThatStay() {
            long before = last();
            PartnerRealm.Key key = realm.createKey("acme", "reduced", "VIEW", "TRANSACT");
            HttpResponse<String> reduced = Http.send(Http.request(realm.token(key.id()))
                    .header("Authorization", Http.bearer(realm.platformAdminToken())).header("X-Partner", "acme")
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"permissions\":[\"VIEW\"]}")));
            assertThat(reduced.statusCode()).as(reduced.body()).isEqualTo(200);
            JsonNode entry = entriesAbout(key.clientId(), before).get(0);
            assertThat(entry.path("reason").asText()).isEqualTo("RIGHTS_REDUCED");
            assertThat(entry.path("scopes").toString()).isEqualTo("[\"VIEW\"]");
        }

        @Test
        void rightsAddedOrARenameRevokeNothing() {
            long before = last();
            PartnerRealm.Key key = realm.createKey("acme", "widened", "VIEW");
            Http.send(Http.request(realm.token(key.id()))
                    .header("Authorization", Http.bearer(realm.platformAdminToken())).header("X-Partner", "acme")
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"wider\",\"permissions\":[\"VIEW\",\"TRANSACT\"]}")));
            assertThat(entriesAbout(key.clientId(), before)).isEmpty();
        }

        @Test
        void aClientDisabledAndAClientDeletedInTheAdminConsole(KeycloakDatabase database) throws SQLException {
            long before = last();
            PartnerRealm.Key disabled = realm.createKey("acme", "disabled by an admin", "VIEW");
            PartnerRealm.Key deleted = realm.createKey("acme", "deleted by an admin", "VIEW");
            admin.setEnabled(disabled.clientId(), false);
            admin.deleteClient(deleted.clientId());
            assertThat(entriesAbout(disabled.clientId(), before)).extracting(e -> e.path("reason").asText()).containsExactly("KEY_DISABLED");
            assertThat(entriesAbout(deleted.clientId(), before)).extracting(e -> e.path("reason").asText()).containsExactly("KEY_DELETED");
            assertThat(count(database, "select count(*) from partner_key where client_id = ?", deleted.clientId())).isZero();
        }

        @Test
        void aPartnerDisabled() {
            admin.createOrganization("umbrella");
            long before = last();
            admin.setOrganizationEnabled("umbrella", false);
            String id = admin.organizationId("umbrella");
            List<JsonNode> entries = entriesAbout(id, before);
            assertThat(entries).extracting(e -> e.path("kind").asText()).containsExactly("PARTNER");
            assertThat(entries.get(0).path("reason").asText()).isEqualTo("PARTNER_DISABLED");
            admin.setOrganizationEnabled("umbrella", true);
        }

        @Test
        void aSingleTokenRevokedByItsKeyThroughRfc7009() {
            long before = last();
            PartnerRealm.Key key = realm.createKey("acme", "revokes a token", "VIEW");
            String token = Http.json(realm.clientCredentials(key.basic())).path("access_token").asText();
            HttpResponse<String> revoked = realm.postForm(java.net.URI.create(realm.issuer() + "/protocol/openid-connect/revoke"),
                    key.basic(), Http.form("token", token, "token_type_hint", "access_token"));
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
            String jti = Http.claims(token).path("jti").asText();
            List<JsonNode> entries = entriesAbout(jti, before);
            assertThat(entries).extracting(e -> e.path("kind").asText()).containsExactly("TOKEN");
            assertThat(entries.get(0).path("reason").asText()).isEqualTo("TOKEN_REVOKED");
        }

        @Test
        void theSnapshotHoldsEveryRecentEntryInOrder() {
            PartnerRealm.Key key = realm.createKey("acme", "in the snapshot", "VIEW");
            realm.deleteToken(Http.bearer(realm.platformAdminToken()), "acme", key.id());
            JsonNode snapshot = Http.json(realm.feed("revocations", "after=0", feedToken));
            List<Long> seqs = new ArrayList<>();
            snapshot.path("entries").forEach(entry -> seqs.add(entry.path("seq").asLong()));
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            assertThat(snapshot.path("last").asLong()).isEqualTo(seqs.get(seqs.size() - 1));
            assertThat(snapshot.path("entries").toString()).contains(key.clientId());
        }
    }

    @Nested
    class LongPolling {

        @Test
        void answersAsSoonAsARevocationCommits() throws Exception {
            PartnerRealm.Key key = realm.createKey("acme", "watched", "VIEW");
            long after = last();
            CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() ->
                    realm.feed("revocations", "after=" + after + "&wait=20", feedToken));
            Thread.sleep(1000);
            assertThat(waiting).isNotDone();
            long revokedAt = System.nanoTime();
            realm.deleteToken(Http.bearer(realm.platformAdminToken()), "acme", key.id());
            HttpResponse<String> answer = waiting.get(10, TimeUnit.SECONDS);
            long latencyMillis = (System.nanoTime() - revokedAt) / 1_000_000;
            assertThat(answer.body()).contains(key.clientId());
            assertThat(latencyMillis).as("from the revocation's answer to the feed's").isLessThan(5000);
        }

        @Test
        void withNothingNewAnswersEmptyAfterTheWait() {
            long after = last();
            long started = System.nanoTime();
            JsonNode answer = Http.json(realm.feed("revocations", "after=" + after + "&wait=1", feedToken));
            assertThat(answer.path("entries").size()).isZero();
            assertThat(answer.path("last").asLong()).isEqualTo(after);
            assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(700);
        }
    }

    private static long count(KeycloakDatabase database, String sql, String parameter) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
