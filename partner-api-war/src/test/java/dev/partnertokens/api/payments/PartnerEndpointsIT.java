package dev.partnertokens.api.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonObject;

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
 * The sample partner endpoints with real partner keys: each permission opens exactly its endpoints, and a key can
 * call in three ways (Bearer token, the partner header access-token, or its own credentials by HTTP Basic).
 * (Flat, not @Nested: Arquillian injects its resources into the outer test instance only.)
 */
@ExtendWith(KeycloakExtension.class)
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerEndpointsIT {

    private static final String QUOTE = "{\"sellCurrency\":\"EUR\",\"buyCurrency\":\"USD\",\"sellAmount\":100.00}";
    private static final String CONFIG = "{\"webhookUrl\":\"https://hooks.acme.example/partner-tokens\"}";

    @ArquillianResource
    URL baseUrl;

    private final HttpClient http = HttpClient.newHttpClient();
    private KeycloakTokens tokens;
    private JsonObject viewKey;
    private JsonObject transactKey;
    private JsonObject manageKey;
    private JsonObject fxKey;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PartnerApiDeployment.builtByMaven();
    }

    /** Arquillian's parameter resolver claims @BeforeAll parameters, so the keys are made before the first test. */
    @BeforeEach
    void keys(KeycloakServer keycloak) {
        if (tokens != null) {
            return;
        }
        tokens = new KeycloakTokens(keycloak);
        viewKey = tokens.createKey("acme", "reporting", "VIEW");
        transactKey = tokens.createKey("acme", "checkout", "TRANSACT");
        manageKey = tokens.createKey("acme", "operations", "MANAGE");
        fxKey = tokens.createKey("acme", "fx desk", java.util.List.of("VIEW"), java.util.List.of("fx", "gateway"));
    }


    @Test
    void aKeyWithViewReadsTransactions() throws Exception {
        HttpResponse<String> response = send("GET", "api/v1/transactions", bearer(viewKey), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).containsKey("data")).isTrue();
    }

    @Test
    void aKeyWithViewCannotAskForAQuote() throws Exception {
        assertInsufficientScope(send("POST", "api/v1/quotes", bearer(viewKey), QUOTE), "TRANSACT");
    }

    @Test
    void aKeyWithViewCannotChangeThePlatformConfig() throws Exception {
        assertInsufficientScope(send("PUT", "api/v1/platform-config", bearer(viewKey), CONFIG), "MANAGE");
    }


    @Test
    void aKeyWithTransactGetsAQuoteThatItsPartnerThenSeesAmongItsTransactions() throws Exception {
        HttpResponse<String> quote = send("POST", "api/v1/quotes", bearer(transactKey), QUOTE);
        assertThat(quote.statusCode()).as(quote.body()).isEqualTo(201);
        JsonObject body = json(quote);
        assertThat(body.getJsonNumber("buyAmount").bigDecimalValue()).isEqualByComparingTo("108.50");
        assertThat(body.getString("keyClientId")).isEqualTo(transactKey.getString("clientId"));

        HttpResponse<String> transactions = send("GET", "api/v1/transactions", bearer(viewKey), null);
        assertThat(transactions.body()).contains(body.getString("id"));
    }

    @Test
    void aKeyWithTransactCannotReadTransactions() throws Exception {
        assertInsufficientScope(send("GET", "api/v1/transactions", bearer(transactKey), null), "VIEW");
    }

    @Test
    void aKeyWithTransactGetsAClearProblemForAQuoteWithoutRate() throws Exception {
        HttpResponse<String> response = send("POST", "api/v1/quotes", bearer(transactKey),
                "{\"sellCurrency\":\"EUR\",\"buyCurrency\":\"XXX\",\"sellAmount\":1}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aKeyWithTransactGetsAClearProblemForMalformedJson() throws Exception {
        HttpResponse<String> response = send("POST", "api/v1/quotes", bearer(transactKey), "{\"sellCurrency\":");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception");
    }


    @Test
    void aKeyWithManageChangesThePlatformConfig() throws Exception {
        HttpResponse<String> response = send("PUT", "api/v1/platform-config", bearer(manageKey), CONFIG);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).getString("updatedBy")).isEqualTo(manageKey.getString("clientId"));
    }

    @Test
    void aKeyWithManageIsRefusedAnHttpWebhook() throws Exception {
        HttpResponse<String> response = send("PUT", "api/v1/platform-config", bearer(manageKey),
                "{\"webhookUrl\":\"http://plain.example/\"}");
        assertThat(response.statusCode()).isEqualTo(400);
    }


    @Test
    void aKeyWithTheApiScopeFxReadsRatesWhateverItsPermissions() throws Exception {
        HttpResponse<String> response = send("GET", "api/v1/fx/rates?sell=EUR&buy=USD", bearer(fxKey), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).getJsonNumber("rate").bigDecimalValue()).isEqualByComparingTo("1.085");
        HttpResponse<String> basic = send("GET", "api/v1/fx/rates?sell=USD&buy=EUR", basic(fxKey), null);
        assertThat(basic.statusCode()).as(basic.body()).isEqualTo(200);
    }

    @Test
    void aTokenWithoutTheApiScopeFxIsRefusedTheRates() throws Exception {
        for (String authorization : new String[] {bearer(viewKey), bearer(manageKey), "Bearer " + tokens.clientCredentials(
                "partners", fxKey.getString("clientId"), fxKey.getString("clientSecret"), "VIEW gateway")}) {
            HttpResponse<String> response = send("GET", "api/v1/fx/rates?sell=EUR&buy=USD", authorization, null);
            assertInsufficientScope(response, "fx");
            assertThat(response.body()).contains("API scope fx");
        }
    }

    @Test
    void aKeyWithTheApiScopeFxGetsAProblemForABadCurrency() throws Exception {
        HttpResponse<String> response = send("GET", "api/v1/fx/rates?sell=EUR&buy=eur", bearer(fxKey), null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aKeyCallsWithABearerToken() throws Exception {
        assertThat(send("GET", "api/v1/transactions", bearer(viewKey), null).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyCallsWithTheAccessTokenHeaderOfTheRefreshTokenFlow() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "api/v1/transactions"))
                .header("access-token", tokenOf(viewKey)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void aKeyCallsWithItsOwnCredentialsByHttpBasic() throws Exception {
        HttpResponse<String> first = send("GET", "api/v1/transactions", viewKeyBasic(viewKey.getString("clientSecret")), null);
        HttpResponse<String> second = send("GET", "api/v1/transactions", viewKeyBasic(viewKey.getString("clientSecret")), null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyCallsButNotWithAWrongSecret() throws Exception {
        HttpResponse<String> response = send("GET", "api/v1/transactions", viewKeyBasic("ptk_wrong"), null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    }

    private String viewKeyBasic(String secret) {
        String pair = URLEncoder.encode(viewKey.getString("clientId"), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String basic(JsonObject key) {
        String pair = URLEncoder.encode(key.getString("clientId"), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(key.getString("clientSecret"), StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private String bearer(JsonObject key) {
        return "Bearer " + tokenOf(key);
    }

    private String tokenOf(JsonObject key) {
        return tokens.clientCredentials("partners", key.getString("clientId"), key.getString("clientSecret"));
    }

    private static void assertInsufficientScope(HttpResponse<String> response, String permission) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .contains("error=\"insufficient_scope\"").contains("scope=\"" + permission + "\""));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", authorization);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
