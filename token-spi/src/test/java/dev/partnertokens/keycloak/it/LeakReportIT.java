package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnertokens.keycloak.domain.PartnerSecret;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import dev.partnertokens.testing.LeakReporter;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Leak reports of secret scanners, as GitHub's secret-scanning partner program sends them: a report signed with a
 * configured key that holds a live key's secret revokes the key at once, is written to the audit trail (where, never
 * the secret) and as a Keycloak event, and the partner's Owners get an e-mail; anything unsigned, badly signed,
 * replayed, too big or malformed is refused and changes nothing.
 */
@ExtendWith(KeycloakExtension.class)
class LeakReportIT {

    private static final String URL = "https://github.com/octo-org/payments-demo/blob/4f1c2e9/config/app.env";
    private static GreenMail smtp;

    private final LeakReporter github = LeakReporter.create("github-test-key-" + System.nanoTime());
    private PartnerRealm realm;
    private RealmAdmin admin;
    private String feedToken;

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
        feedToken = realm.partnerApiToken();
        HttpResponse<String> configured = admin.call("PUT", "/partner-tokens/leak-reporter-keys", github.keyList());
        assertThat(configured.statusCode()).as(configured.body()).isEqualTo(200);
        admin.updateRealm(representation -> representation.putObject("smtpServer").put("host", "127.0.0.1")
                .put("port", String.valueOf(smtp.getSmtp().getPort())).put("from", "keys@partner-tokens.example"));
    }

    @AfterEach
    void noReporterKeysNoMailServer() {
        admin.call("PUT", "/partner-tokens/leak-reporter-keys", "{\"public_keys\":[]}");
        admin.updateRealm(representation -> representation.putObject("smtpServer"));
    }

    private URI endpoint() {
        return URI.create(realm.issuer() + "/secret-scanning");
    }

    /** POSTs {@code body} with the two headers, each left out when {@code null}. */
    private HttpResponse<String> post(String body, String keyIdentifier, String signature) {
        HttpRequest.Builder request = Http.request(endpoint()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (keyIdentifier != null) {
            request.header("Github-Public-Key-Identifier", keyIdentifier);
        }
        if (signature != null) {
            request.header("Github-Public-Key-Signature", signature);
        }
        return Http.send(request);
    }

    private HttpResponse<String> report(String body) {
        return post(body, github.identifier(), github.sign(body));
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private long auditHead() {
        return realm.feedHead("audit", feedToken);
    }

    private List<JsonNode> leakEntriesAfter(long after, String keyClientId) {
        HttpResponse<String> feed = realm.feed("audit", "after=" + after + "&limit=500", feedToken);
        assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        Http.json(feed).path("entries").forEach(entry -> {
            if ("LEAK_REPORTED".equals(entry.path("action").asText()) && keyClientId.equals(entry.path("keyClientId").asText())) {
                entries.add(entry);
            }
        });
        return entries;
    }

    private List<JsonNode> revocationsOf(String clientId, long after) {
        List<JsonNode> entries = new ArrayList<>();
        Http.json(realm.feed("revocations", "after=" + after, feedToken)).path("entries").forEach(entry -> {
            if (clientId.equals(entry.path("subject").asText())) {
                entries.add(entry);
            }
        });
        return entries;
    }

    private boolean works(PartnerRealm.Key key) {
        return realm.clientCredentials(key.basic()).statusCode() == 200;
    }

    private static List<MimeMessage> mailsWithSubject(Predicate<String> subject, int atLeast) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        List<MimeMessage> found;
        do {
            found = new ArrayList<>();
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (subject.test(message.getSubject())) {
                    found.add(message);
                }
            }
            if (found.size() >= atLeast) {
                return found;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        return found;
    }

    /** Every text/plain part of a mail, decoded. */
    private static String textOf(jakarta.mail.Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(textOf(multipart.getBodyPart(i)));
            }
            return text.toString();
        }
        return part.isMimeType("text/plain") ? content.toString() : "";
    }

    @Nested
    class ASignedReportOfALiveKeysSecret {

        @Test
        void revokesTheKeyEverywhereAndAnswersTruePositive() throws Exception {
            PartnerRealm.Key key = realm.createKey("acme", "leaked checkout key", "VIEW", "TRANSACT");
            assertThat(works(key)).isTrue();
            long revocationsBefore = realm.feedHead("revocations", feedToken);

            HttpResponse<String> answer = report(LeakReporter.report(key.secret(), URL, "content"));

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode labels = Http.json(answer);
            assertThat(labels).hasSize(1);
            assertThat(labels.get(0).path("label").asText()).isEqualTo("true_positive");
            assertThat(labels.get(0).path("token_type").asText()).isEqualTo("partner_tokens_secret");
            assertThat(labels.get(0).path("token_hash").asText()).isEqualTo(sha256Hex(key.secret()));
            assertThat(answer.body()).doesNotContain(key.secret());
            assertThat(works(key)).as("the key gets no token any more").isFalse();
            assertThat(realm.readToken(Http.bearer(realm.platformAdminToken()), "acme", key.id()).statusCode())
                    .as("the tokens API no longer knows a live key").isEqualTo(404);
            List<JsonNode> revocations = revocationsOf(key.clientId(), revocationsBefore);
            assertThat(revocations).extracting(entry -> entry.path("reason").asText()).containsExactly("SECRET_LEAKED");
        }

        @Test
        void isWrittenToTheAuditTrailWithWhereItWasFoundButNotTheSecret() {
            PartnerRealm.Key key = realm.createKey("acme", "audited leak", "VIEW");
            long before = auditHead();

            assertThat(report(LeakReporter.report(key.secret(), URL, "commit")).statusCode()).isEqualTo(200);

            List<JsonNode> entries = leakEntriesAfter(before, key.clientId());
            assertThat(entries).hasSize(1);
            JsonNode entry = entries.get(0);
            assertThat(entry.path("keyId").asText()).isEqualTo(key.id());
            assertThat(entry.path("partner").asText()).isEqualTo("acme");
            assertThat(entry.path("actorKind").asText()).isEqualTo("REPORTER");
            assertThat(entry.path("actor").asText()).isEqualTo(github.identifier());
            assertThat(entry.path("detail").asText()).contains(URL, "source commit", "type partner_tokens_secret", "key revoked");
            assertThat(entry.toString()).doesNotContain(key.secret()).doesNotContain("ptk_");
        }

        @Test
        void isAKeycloakEvent() {
            admin.storeEvents("CLIENT_UPDATE");
            PartnerRealm.Key key = realm.createKey("acme", "evented leak", "VIEW");

            assertThat(report(LeakReporter.report(key.secret(), URL, "content")).statusCode()).isEqualTo(200);

            List<JsonNode> events = new ArrayList<>();
            admin.events("CLIENT_UPDATE").forEach(event -> {
                if (key.clientId().equals(event.path("clientId").asText())
                        && "LEAK_REPORTED".equals(event.path("details").path("partner_key_action").asText())) {
                    events.add(event);
                }
            });
            assertThat(events).hasSize(1);
            assertThat(events.get(0).path("details").path("leak_url").asText()).isEqualTo(URL);
            assertThat(events.get(0).path("details").path("key_revoked").asText()).isEqualTo("true");
            assertThat(events.get(0).toString()).doesNotContain(key.secret());
        }

        @Test
        void tellsThePartnersOwnersWhereItWasFound() throws Exception {
            PartnerRealm.Key key = realm.createKey("acme", "mailed leak", "VIEW");

            assertThat(report(LeakReporter.report(key.secret(), URL, "content")).statusCode()).isEqualTo(200);

            List<MimeMessage> mails = mailsWithSubject(s -> s.contains("\"mailed leak\"") && s.contains("found leaked"), 1);
            assertThat(mails).isNotEmpty();
            MimeMessage mail = mails.get(0);
            assertThat(mail.getSubject()).isEqualTo("Partner key \"mailed leak\" of Acme Payments was found leaked and revoked");
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("owner@acme.example");
            String text = textOf(mail);
            assertThat(text).contains("found leaked", URL, "Key ID: " + key.clientId(), "that place's history").doesNotContain(key.secret());
        }

        @Test
        void ofTheOldSecretOfARotationInItsOverlapRevokesTheKey() {
            PartnerRealm.Key key = realm.createKey("acme", "rotated then leaked", "VIEW");
            HttpResponse<String> rotated = realm.tokensCall("POST", "/" + key.id() + "/rotate", Http.bearer(realm.platformAdminToken()),
                    "{\"overlapSeconds\":3600}", "X-Partner", "acme");
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            String newSecret = Http.json(rotated).path("clientSecret").asText();

            HttpResponse<String> answer = report(LeakReporter.report(key.secret(), URL, "content"));

            assertThat(Http.json(answer).get(0).path("label").asText()).isEqualTo("true_positive");
            assertThat(realm.clientCredentials(Http.basic(key.clientId(), newSecret)).statusCode()).isEqualTo(401);
        }
    }

    @Nested
    class WhatIsNoLeak {

        @Test
        void aStringWithAWrongChecksumIsAFalsePositiveAndTouchesNoKey() throws Exception {
            PartnerRealm.Key key = realm.createKey("acme", "typo twin", "VIEW");
            char c = key.secret().charAt(30);
            String typo = key.secret().substring(0, 30) + (c == 'a' ? 'b' : 'a') + key.secret().substring(31);
            long before = auditHead();

            HttpResponse<String> answer = report(LeakReporter.report(typo, URL, "content"));

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(Http.json(answer).get(0).path("label").asText()).isEqualTo("false_positive");
            assertThat(Http.json(answer).get(0).path("token_hash").asText()).isEqualTo(sha256Hex(typo));
            assertThat(works(key)).isTrue();
            assertThat(leakEntriesAfter(before, key.clientId())).isEmpty();
        }

        @Test
        void aWellFormedSecretOfNoKeyIsAFalsePositive() {
            String nobodys = PartnerSecret.generate(new SecureRandom()).value();

            HttpResponse<String> answer = report(LeakReporter.report(nobodys, URL, "content"));

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(Http.json(answer).get(0).path("label").asText()).isEqualTo("false_positive");
        }

        @Test
        void theSecretOfAKeyRevokedBeforeIsStillATruePositive() {
            PartnerRealm.Key key = realm.createKey("acme", "revoked before the leak", "VIEW");
            assertThat(realm.deleteToken(Http.bearer(realm.platformAdminToken()), "acme", key.id()).statusCode()).isEqualTo(204);
            long before = auditHead();

            HttpResponse<String> answer = report(LeakReporter.report(key.secret(), URL, "content"));

            assertThat(Http.json(answer).get(0).path("label").asText()).isEqualTo("true_positive");
            assertThat(leakEntriesAfter(before, key.clientId())).singleElement()
                    .satisfies(entry -> assertThat(entry.path("detail").asText()).contains("already revoked"));
        }

        @Test
        void severalMatchesAreAnsweredInTheirOrder() {
            PartnerRealm.Key key = realm.createKey("acme", "one of several", "VIEW");
            String body = "[{\"token\":\"ptk_not_a_secret\",\"type\":\"partner_tokens_secret\",\"url\":\"" + URL + "\",\"source\":\"content\"},"
                    + "{\"token\":\"" + key.secret() + "\",\"type\":\"partner_tokens_secret\",\"url\":\"" + URL + "\",\"source\":\"npm\"}]";

            JsonNode labels = Http.json(report(body));

            assertThat(labels).extracting(label -> label.path("label").asText()).containsExactly("false_positive", "true_positive");
        }
    }

    @Nested
    class ARefusedReportChangesNothing {

        private PartnerRealm.Key key;
        private String body;

        @BeforeEach
        void aLiveKeysSecretInTheBody() {
            key = realm.createKey("acme", "not to be revoked", "VIEW");
            body = LeakReporter.report(key.secret(), URL, "content");
        }

        private void refusedWith(HttpResponse<String> answer, int status, String code) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
            assertThat(Http.json(answer).path("code").asText()).isEqualTo(code);
            assertThat(Http.json(answer).path("message").asText()).isNotBlank();
            assertThat(answer.body()).doesNotContain(key.secret());
            assertThat(works(key)).as("the key still works").isTrue();
        }

        @Test
        void whenUnsigned() {
            refusedWith(post(body, null, null), 401, "SIGNATURE_REFUSED");
            refusedWith(post(body, github.identifier(), null), 401, "SIGNATURE_REFUSED");
        }

        @Test
        void whenSignedByAnotherKey() {
            LeakReporter intruder = LeakReporter.create("intruder");

            refusedWith(post(body, github.identifier(), intruder.sign(body)), 401, "SIGNATURE_REFUSED");
        }

        @Test
        void whenNamingAKeyTheRealmDoesNotKnow() {
            LeakReporter intruder = LeakReporter.create("intruder");

            refusedWith(post(body, intruder.identifier(), intruder.sign(body)), 401, "SIGNATURE_REFUSED");
        }

        @Test
        void whenTheSignatureIsOfAnotherBody() {
            String other = LeakReporter.report("ptk_something_else", URL, "content");

            refusedWith(post(body, github.identifier(), github.sign(other)), 401, "SIGNATURE_REFUSED");
        }

        @Test
        void whenTheSignatureIsGarbage() {
            refusedWith(post(body, github.identifier(), "!!not-base64!!"), 401, "SIGNATURE_REFUSED");
            refusedWith(post(body, github.identifier(), "bm90IGEgc2lnbmF0dXJl"), 401, "SIGNATURE_REFUSED");
        }

        @Test
        void whenTheRealmTrustsNoReporterKey() {
            admin.call("PUT", "/partner-tokens/leak-reporter-keys", "{\"public_keys\":[]}");

            refusedWith(report(body), 401, "SIGNATURE_REFUSED");
        }

        @Test
        void whenReplayed() {
            PartnerRealm.Key other = realm.createKey("acme", "leaked once", "VIEW");
            String once = LeakReporter.report(other.secret(), URL, "content");
            String signature = github.sign(once);
            long before = auditHead();
            assertThat(post(once, github.identifier(), signature).statusCode()).isEqualTo(200);

            HttpResponse<String> replayed = post(once, github.identifier(), signature);

            assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(409);
            assertThat(Http.json(replayed).path("code").asText()).isEqualTo("REPLAYED");
            assertThat(leakEntriesAfter(before, other.clientId())).hasSize(1);
        }

        @Test
        void whenLargerThanOneMebibyte() {
            String padded = body.substring(0, body.length() - 1) + "," + "{\"token\":\"x\"},".repeat(80_000) + "{\"token\":\"y\"}]";
            assertThat(padded.length()).isGreaterThan(1024 * 1024);

            refusedWith(post(padded, github.identifier(), github.sign(padded)), 413, "PAYLOAD_TOO_LARGE");
        }

        @Test
        void whenHoldingMoreMatchesThanAReportMay() {
            String many = body.substring(0, body.length() - 1) + "," + "{\"token\":\"x\"},".repeat(1000) + "{\"token\":\"y\"}]";

            refusedWith(post(many, github.identifier(), github.sign(many)), 413, "PAYLOAD_TOO_LARGE");
        }

        @Test
        void whenNotJsonOrNotAnArrayOfMatches() {
            for (String bad : List.of(body.substring(0, body.length() - 2), "{\"token\":\"" + key.secret() + "\"}",
                    "[{\"token\":42}]", "", body + body)) {
                refusedWith(post(bad, github.identifier(), github.sign(bad)), 400, "INVALID_INPUT");
            }
        }
    }

    @Nested
    class TheReporterKeys {

        @Test
        void areReadByARealmAdministratorInGitHubsFormat() {
            JsonNode keys = admin.read("/partner-tokens/leak-reporter-keys");

            assertThat(keys.path("public_keys")).singleElement().satisfies(key -> {
                assertThat(key.path("key_identifier").asText()).isEqualTo(github.identifier());
                assertThat(key.path("key").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
            });
        }

        @Test
        void refuseAKeyThatIsNotP256AndKeepTheOldOnes() {
            LeakReporter p384 = LeakReporter.onCurveP384("p384");

            HttpResponse<String> refused = admin.call("PUT", "/partner-tokens/leak-reporter-keys", p384.keyList());

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(Http.json(refused).path("message").asText()).contains("P-256");
            assertThat(admin.read("/partner-tokens/leak-reporter-keys").toString()).contains(github.identifier());
        }

        @Test
        void areNotForPeopleWithoutRealmAdministration() {
            String owner = realm.userToken("owner@acme.example", "owner");
            URI keys = URI.create(realm.keycloak().baseUri() + "/admin/realms/" + PartnerRealm.REALM + "/partner-tokens/leak-reporter-keys");

            HttpResponse<String> read = Http.send(Http.request(keys).header("Authorization", Http.bearer(owner)).GET());
            HttpResponse<String> write = Http.send(Http.request(keys).header("Authorization", Http.bearer(owner))
                    .header("Content-Type", "application/json").PUT(Http.body(LeakReporter.create("mine").keyList())));

            assertThat(read.statusCode()).isEqualTo(403);
            assertThat(write.statusCode()).isEqualTo(403);
            assertThat(admin.read("/partner-tokens/leak-reporter-keys").toString()).doesNotContain("\"mine\"");
        }
    }
}
