package dev.partnertokens.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import dev.partnertokens.api.testing.KeycloakTokens;
import dev.partnertokens.api.testing.PartnerApiDeployment;
import dev.partnertokens.testing.FromAddress;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A key's IP allowlist at the partner API by HTTP Basic (docs/ip-allowlists.md), on three addresses of the loopback
 * range: WildFly and Keycloak listen on 127.0.0.1; partners call from 127.0.0.1 or 127.0.0.2; 127.0.0.3 is a proxy
 * the partner API declares ({@code partner-api.trusted-proxies}, arquillian.xml). The partner API tells Keycloak the
 * partner's address, and Keycloak trusts it as a proxy for that (the build starts Keycloak with
 * {@code proxy-headers=xforwarded}, {@code proxy-trusted-addresses=127.0.0.1}).
 */
@ExtendWith(KeycloakExtension.class)
@ExtendWith(ArquillianExtension.class)
class IpAllowlistBasicIT {

    private static final FromAddress PARTNER = FromAddress.of("127.0.0.1");
    private static final FromAddress ELSEWHERE = FromAddress.of("127.0.0.2");
    private static final FromAddress DECLARED_PROXY = FromAddress.of("127.0.0.3");

    @ArquillianResource
    URL baseUrl;

    private KeycloakServer keycloak;
    private KeycloakTokens tokens;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PartnerApiDeployment.builtByMaven();
    }

    @BeforeEach
    void setUp(KeycloakServer keycloak) {
        this.keycloak = keycloak;
        this.tokens = new KeycloakTokens(keycloak);
    }

    private URI transactions() {
        return URI.create(baseUrl + "api/v1/transactions");
    }

    private static String basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicFromTheAllowedAddressWorksAndFromElsewhereIsExactlyAWrongSecret() {
        JsonObject key = tokens.createKeyAllowedFrom("acme", "basic office only", List.of("127.0.0.1"), "VIEW");
        String clientId = key.getString("clientId");
        String secret = key.getString("clientSecret");
        FromAddress.Answer allowed = PARTNER.get(transactions(), "Authorization", basic(clientId, secret));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);

        // the same pair, now kept by the partner API for 127.0.0.1, from another address
        FromAddress.Answer elsewhere = ELSEWHERE.get(transactions(), "Authorization", basic(clientId, secret));
        FromAddress.Answer wrongSecret = ELSEWHERE.get(transactions(), "Authorization", basic(clientId, secret + "x"));
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(401);
        assertThat(elsewhere.body()).isEqualTo(wrongSecret.body());
        assertThat(elsewhere.header("WWW-Authenticate")).isNotNull().isEqualTo(wrongSecret.header("WWW-Authenticate"));
        assertThat(sameForEveryRequest(elsewhere)).isEqualTo(sameForEveryRequest(wrongSecret));

        assertThat(PARTNER.get(transactions(), "Authorization", basic(clientId, secret)).status())
                .as("still works from the allowed address").isEqualTo(200);
    }

    @Test
    void aForwardedAddressCountsOnlyFromADeclaredProxy() {
        JsonObject key = tokens.createKeyAllowedFrom("acme", "basic behind a proxy", List.of("127.0.0.1"), "VIEW");
        String authorization = basic(key.getString("clientId"), key.getString("clientSecret"));
        FromAddress.Answer wrongSecret = ELSEWHERE.get(transactions(), "Authorization",
                basic(key.getString("clientId"), key.getString("clientSecret") + "x"));

        FromAddress.Answer forged = ELSEWHERE.get(transactions(), "Authorization", authorization, "X-Forwarded-For", "127.0.0.1");
        assertThat(forged.status()).as("a forged header from an undeclared peer").isEqualTo(401);
        assertThat(forged.body()).isEqualTo(wrongSecret.body());
        assertThat(sameForEveryRequest(forged)).isEqualTo(sameForEveryRequest(wrongSecret));

        FromAddress.Answer viaProxy = DECLARED_PROXY.get(transactions(), "Authorization", authorization, "X-Forwarded-For", "127.0.0.1");
        assertThat(viaProxy.status()).as(viaProxy.body()).isEqualTo(200);

        FromAddress.Answer otherViaProxy = DECLARED_PROXY.get(transactions(), "Authorization", authorization,
                "X-Forwarded-For", "127.0.0.1, 127.0.0.2");
        assertThat(otherViaProxy.status()).as("the proxy appended the real client after a claimed one").isEqualTo(401);
        assertThat(otherViaProxy.body()).isEqualTo(wrongSecret.body());

        FromAddress.Answer proxyItself = DECLARED_PROXY.get(transactions(), "Authorization", authorization);
        assertThat(proxyItself.status()).as("no header: the proxy's own address, not allowed").isEqualTo(401);
    }

    @Test
    void aRefusedBasicIsAuditedWithThePartnersAddress() throws Exception {
        JsonObject key = tokens.createKeyAllowedFrom("acme", "basic audited", List.of("127.0.0.1"), "VIEW");
        String clientId = key.getString("clientId");
        String feedToken = tokens.clientCredentials("partners", "partner-api-war", "partner-api-war-secret");
        long head = 0;
        for (JsonObject page = auditAfter(head, feedToken); !page.getJsonArray("entries").isEmpty(); page = auditAfter(head, feedToken)) {
            head = page.getJsonNumber("last").longValue();
        }
        assertThat(ELSEWHERE.get(transactions(), "Authorization", basic(clientId, key.getString("clientSecret"))).status())
                .isEqualTo(401);
        List<JsonObject> entries = new ArrayList<>();
        for (int attempt = 0; attempt < 75 && entries.isEmpty(); attempt++) {
            Thread.sleep(200);
            JsonObject page = auditAfter(head, feedToken);
            assertThat(page.toString()).doesNotContain(key.getString("clientSecret"));
            page.getJsonArray("entries").getValuesAs(JsonObject.class).stream()
                    .filter(e -> "AUTH_FAILED".equals(e.getString("action", "")) && clientId.equals(e.getString("keyClientId", "")))
                    .forEach(entries::add);
        }
        assertThat(entries).as("an AUTH_FAILED entry of the key").isNotEmpty();
        assertThat(entries.get(0).getString("sourceIp")).isEqualTo("127.0.0.2");
        assertThat(entries.get(0).getString("detail")).contains("allowed networks do not include");
    }

    /** The headers of an answer but {@code Date} and {@code X-Request-Id}, which are new on every request. */
    private static java.util.Map<String, List<String>> sameForEveryRequest(FromAddress.Answer answer) {
        assertThat(answer.header("X-Request-Id")).as("every answer names its request").isNotBlank();
        java.util.Map<String, List<String>> headers = answer.stableHeaders();
        headers.remove("x-request-id");
        return headers;
    }

    private JsonObject auditAfter(long after, String feedToken) throws Exception {
        HttpResponse<String> feed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloak.realmUri("partners") + "/partners/api/v2/audit?after=" + after + "&limit=500"))
                .header("Authorization", "Bearer " + feedToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
        return Json.createReader(new StringReader(feed.body())).readObject();
    }
}
