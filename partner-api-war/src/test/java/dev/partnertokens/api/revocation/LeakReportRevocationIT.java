package dev.partnertokens.api.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.json.JsonObject;

import dev.partnertokens.api.testing.KeycloakTokens;
import dev.partnertokens.api.testing.PartnerApiDeployment;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import dev.partnertokens.testing.LeakReporter;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A leak report of a secret scanner (GitHub's secret-scanning partner program, signed with a key the realm trusts)
 * revokes the leaked key in Keycloak, and the partner API refuses the key's 7-day token within
 * {@value #DEADLINE_SECONDS} seconds, through the revocation feed like any other revocation.
 */
@ExtendWith(KeycloakExtension.class)
@ExtendWith(ArquillianExtension.class)
class LeakReportRevocationIT {

    private static final int DEADLINE_SECONDS = 5;

    @ArquillianResource
    URL baseUrl;

    private final HttpClient http = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PartnerApiDeployment.builtByMaven();
    }

    @Test
    void aReportedSecretsSevenDayTokenIsRefusedAtThePartnerApiWithinFiveSeconds(KeycloakServer keycloak) throws Exception {
        KeycloakTokens tokens = new KeycloakTokens(keycloak);
        LeakReporter github = LeakReporter.create("github-war-test-key");
        URI reporterKeys = URI.create(keycloak.baseUri() + "/admin/realms/partners/partner-tokens/leak-reporter-keys");
        assertThat(send(HttpRequest.newBuilder(reporterKeys).header("Authorization", "Bearer " + keycloak.adminAccessToken())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(github.keyList()))).statusCode())
                .isEqualTo(200);
        try {
            JsonObject key = tokens.createKey("acme", "leaked on github", "VIEW");
            String weekToken = "Bearer " + tokens.refreshTokenEndpoint(key.getString("clientId"), key.getString("clientSecret"));
            assertThat(transactions(weekToken).statusCode()).isEqualTo(200);

            String report = LeakReporter.report(key.getString("clientSecret"), "https://github.com/acme/shop/blob/1a2b3c/.env", "content");
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(tokens.realmUri() + "/secret-scanning"))
                    .header("Content-Type", "application/json")
                    .header("Github-Public-Key-Identifier", github.identifier())
                    .header("Github-Public-Key-Signature", github.sign(report))
                    .POST(HttpRequest.BodyPublishers.ofString(report)));
            long reportedAt = System.nanoTime();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"label\":\"true_positive\"");

            HttpResponse<String> refused = transactions(weekToken);
            while (refused.statusCode() != 401 && Duration.ofNanos(System.nanoTime() - reportedAt).toSeconds() < DEADLINE_SECONDS) {
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
                Thread.sleep(100);
                refused = transactions(weekToken);
            }
            System.out.printf("[revocation] a leaked key's 7-day token refused %d ms after the leak report was answered%n",
                    Duration.ofNanos(System.nanoTime() - reportedAt).toMillis());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        } finally {
            send(HttpRequest.newBuilder(reporterKeys).header("Authorization", "Bearer " + keycloak.adminAccessToken())
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"public_keys\":[]}")));
        }
    }

    private HttpResponse<String> transactions(String authorization) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "api/v1/transactions")).header("Authorization", authorization).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
