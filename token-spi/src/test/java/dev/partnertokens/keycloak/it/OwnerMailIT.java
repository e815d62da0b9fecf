package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A partner's Owners get e-mails about its keys, through Keycloak's own e-mail sender and the realm's SMTP settings,
 * received here by a real SMTP server (GreenMail on 127.0.0.1): who made or revoked which key with which rights,
 * and once that a key expires soon; never a secret. A mail server that fails never fails the key action.
 */
@ExtendWith(KeycloakExtension.class)
class OwnerMailIT {

    private static GreenMail smtp;

    private PartnerRealm realm;
    private RealmAdmin admin;

    /** One e-mail as its recipient reads it. */
    record Mail(String subject, List<String> to, String text, String html) {

        String all() {
            return subject + "\n" + text + "\n" + html;
        }
    }

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
        useSmtpPort(smtp.getSmtp().getPort());
    }

    @AfterEach
    void noMailServer() {
        admin.updateRealm(representation -> representation.putObject("smtpServer"));
    }

    private void useSmtpPort(int port) {
        admin.updateRealm(representation -> {
            ObjectNode server = representation.putObject("smtpServer");
            server.put("host", "127.0.0.1").put("port", String.valueOf(port))
                    .put("from", "keys@partner-tokens.example").put("fromDisplayName", "Partner Tokens");
        });
    }

    /** The e-mails received so far that {@code which} picks, after waiting up to 20 s for at least {@code count}. */
    private static List<Mail> received(int count, Predicate<Mail> which) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        List<Mail> picked;
        do {
            picked = new ArrayList<>();
            for (MimeMessage message : smtp.getReceivedMessages()) {
                Mail mail = read(message);
                if (which.test(mail)) {
                    picked.add(mail);
                }
            }
            if (picked.size() >= count) {
                return picked;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        return picked;
    }

    /** The e-mails received so far that {@code which} picks, without waiting. */
    private static List<Mail> receivedSoFar(Predicate<Mail> which) throws Exception {
        return received(0, which);
    }

    private static Mail read(MimeMessage message) throws MessagingException, IOException {
        List<String> to = new ArrayList<>();
        for (Address address : message.getAllRecipients()) {
            to.add(address.toString());
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        collect(message, text, html);
        return new Mail(message.getSubject(), to, text.toString(), html.toString());
    }

    private static void collect(Part part, StringBuilder text, StringBuilder html) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, text, html);
            }
        } else if (part.isMimeType("text/html")) {
            html.append(content);
        } else if (content instanceof String string) {
            text.append(string);
        }
    }

    private static Predicate<Mail> about(String keyName, String subjectPart) {
        return mail -> mail.subject().contains("\"" + keyName + "\"") && mail.subject().contains(subjectPart);
    }

    @Nested
    class WhenAKeyIsCreated {

        @Test
        void itsPartnersOwnersAreToldItsNameRightsAndWhoMadeItButNotTheSecret() throws Exception {
            PartnerRealm.Key key = realm.createKey("acme", "mailed on creation", "VIEW", "TRANSACT");

            List<Mail> mails = received(1, about("mailed on creation", "New partner key"));

            assertThat(mails).isNotEmpty();
            assertThat(mails).flatExtracting(Mail::to).contains("owner@acme.example")
                    .doesNotContain("developer@acme.example", "admin@acme.example", "owner@globex.example");
            Mail mail = mails.get(0);
            assertThat(mail.subject()).isEqualTo("New partner key \"mailed on creation\" for Acme Payments");
            assertThat(mail.text()).contains("Hello Olivia", "Key: mailed on creation", "Key ID: " + key.clientId(),
                    "Rights: VIEW, TRANSACT", "Created by: platform-admin", "Expires at (UTC): never");
            assertThat(mail.html()).contains("mailed on creation", "VIEW, TRANSACT", "platform-admin");
            assertThat(mail.all()).doesNotContain(key.secret(), "ptk_");
        }

        @Test
        void anHtmlKeyNameIsShownAsText() throws Exception {
            realm.createKey("acme", "<b>bold</b> key", "VIEW");

            Mail mail = received(1, about("<b>bold</b> key", "New partner key")).get(0);

            assertThat(mail.html()).contains("&lt;b&gt;bold&lt;/b&gt; key").doesNotContain("<b>bold</b>");
        }
    }

    @Nested
    class WhenAKeyIsRevoked {

        @Test
        void itsPartnersOwnersAreToldWhoRevokedIt() throws Exception {
            PartnerRealm.Key manager = realm.createKey("acme", "revoking manager", "VIEW", "MANAGE");
            PartnerRealm.Key key = realm.createKey("acme", "mailed on revocation", "VIEW");

            assertThat(realm.deleteToken(manager.basic(), null, key.id()).statusCode()).isEqualTo(204);

            Mail mail = received(1, about("mailed on revocation", "was revoked")).get(0);
            assertThat(mail.to()).contains("owner@acme.example");
            assertThat(mail.text()).contains("Revoked by: key " + manager.clientId(), "Rights: VIEW");
            assertThat(mail.all()).doesNotContain(key.secret(), manager.secret(), "ptk_");
        }
    }

    @Nested
    class WhenAKeyExpiresSoon {

        @Test
        void itsPartnersOwnersAreToldOnce() throws Exception {
            Instant expiry = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            realm.createKeyExpiringAt("acme", "expiring soon", expiry, "VIEW");

            List<Mail> first = received(1, about("expiring soon", "expires soon"));
            assertThat(first).hasSize(1);
            assertThat(first.get(0).to()).contains("owner@acme.example");
            assertThat(first.get(0).text()).contains("Expires at (UTC): " + expiry, "Rights: VIEW");

            Thread.sleep(6000); // three housekeeping rounds of the test server
            assertThat(receivedSoFar(about("expiring soon", "expires soon"))).hasSize(1);
        }

        @Test
        void aKeyExpiringLaterThanTheNoticeIsNotMentionedYet() throws Exception {
            realm.createKeyExpiringAt("acme", "expiring later", Instant.now().plus(Duration.ofDays(30)), "VIEW");

            assertThat(received(1, about("expiring later", "New partner key"))).hasSize(1);
            Thread.sleep(4000); // two housekeeping rounds of the test server
            assertThat(receivedSoFar(about("expiring later", "expires soon"))).isEmpty();
        }
    }

    @Nested
    class WhenTheMailServerFails {

        @Test
        void theKeyIsStillMadeAndTheFailureIsAudited() throws Exception {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                closedPort = socket.getLocalPort();
            }
            useSmtpPort(closedPort);
            String feedToken = realm.partnerApiToken();
            long before = realm.feedHead("audit", feedToken);

            PartnerRealm.Key key = realm.createKey("acme", "mail server down", "VIEW");

            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
            JsonNode failure = null;
            for (int i = 0; i < 100 && failure == null; i++) {
                for (JsonNode entry : Http.json(realm.feed("audit", "after=" + before + "&limit=500", feedToken)).path("entries")) {
                    if (key.clientId().equals(entry.path("keyClientId").asText()) && "FAILED".equals(entry.path("outcome").asText())) {
                        failure = entry;
                    }
                }
                Thread.sleep(200);
            }
            assertThat(failure).as("an audit entry for the e-mail that could not be sent").isNotNull();
            assertThat(failure.path("actorKind").asText()).isEqualTo("SYSTEM");
            assertThat(failure.path("detail").asText()).contains("not sent").doesNotContain("ptk_");
        }
    }

}
