package dev.partnertokens.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.partnertokens.api.testing.Chromium;
import dev.partnertokens.api.testing.Eventually;
import dev.partnertokens.api.testing.KeycloakTokens;
import dev.partnertokens.api.testing.PartnerApiDeployment;
import dev.partnertokens.api.testing.RealmAdministrator;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A realm administrator in the Keycloak admin console, in Chromium (ADR 9): the Partner keys page lists a partner's
 * key (read from the keys, not from realm components), opens it and revokes it, and the revocation reaches the key's
 * tokens at the partner API; the realm-settings tab changes
 * a token lifetime that the next token shows, and refuses a bad value with a message. Screenshots under
 * {@code target/screenshots/admin-console-*.png}.
 */
@ExtendWith(KeycloakExtension.class)
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminConsoleBrowserIT {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    @ArquillianResource
    URL baseUrl;

    private final HttpClient http = HttpClient.newHttpClient();
    private KeycloakTokens tokens;
    private RealmAdministrator administrator;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PartnerApiDeployment.builtByMaven();
    }

    @BeforeEach
    void keycloak(KeycloakServer keycloak) {
        if (tokens == null) {
            tokens = new KeycloakTokens(keycloak);
            administrator = RealmAdministrator.of(keycloak);
        }
    }

    @Test
    void aRealmAdministratorRevokesAKeyOnThePartnerKeysPageAndItsTokenStopsWorkingAtThePartnerApi() throws Exception {
        JsonObject key = tokens.createKey("acme", "console-revoked " + System.nanoTime(), "VIEW", "TRANSACT");
        String name = key.getString("name");
        String token = "Bearer " + tokens.clientCredentials("partners", key.getString("clientId"), key.getString("clientSecret"));
        assertThat(partnerApi(token).statusCode()).isEqualTo(200);

        Page page = signedInConsole();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Partner keys")).click();
        page.getByPlaceholder("Search item").fill(name);
        page.getByPlaceholder("Search item").press("Enter");
        Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(name));
        assertThat(row.innerText()).contains("Acme Payments (acme)", "VIEW, TRANSACT", "ACTIVE", "platform-admin");
        Chromium.screenshot(page, "admin-console-partner-keys");

        row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name)).click();
        assertThat(java.net.URLDecoder.decode(page.url(), StandardCharsets.UTF_8)).as("a key opens at its tokens-API id")
                .endsWith("/page-section/partner-keys/" + key.getString("id"));
        assertThat(page.locator("#config\\.clientId").inputValue()).isEqualTo(key.getString("clientId"));
        assertThat(page.locator("#config\\.secretPrefix").inputValue())
                .as("the console shows the secret's first characters, never the secret")
                .isEqualTo(key.getString("clientSecret").substring(4, 8));
        page.locator("#status").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("REVOKED")).click();
        page.getByTestId("save").click();
        page.getByText("successfully", new Page.GetByTextOptions().setExact(false)).first().waitFor();
        Chromium.screenshot(page, "admin-console-key-revoked");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Partner keys")).click();
        page.getByPlaceholder("Search item").fill(name);
        page.getByPlaceholder("Search item").press("Enter");
        assertThat(page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(name)).innerText())
                .as("the list shows the key revoked").contains("REVOKED");

        Duration took = Eventually.within(Duration.ofSeconds(5), "the revoked key's token is refused at the partner API",
                () -> partnerApi(token).statusCode() == 401);
        System.out.printf("[admin console] revoked key's token refused %d ms after the console saved%n", took.toMillis());
        assertThat(clientCredentialsStatus(key.getString("clientId"), key.getString("clientSecret")))
                .as("a revoked key gets no new token").isEqualTo(401);
    }

    @Test
    void theRealmSettingsTabChangesTheClientCredentialsLifetimeThatTheNextTokenShowsAndRefusesABadValue() throws Exception {
        JsonObject key = tokens.createKey("acme", "lifetime " + System.nanoTime(), "VIEW");
        Page page = signedInConsole();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Realm settings")).click();
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Partner keys")).click();
        Locator lifetime = page.locator("[id='config.client-credentials-token-seconds']");
        try {
            lifetime.fill("forty");
            page.getByTestId("save").click();
            Locator refusal = page.getByText("must be a whole number", new Page.GetByTextOptions().setExact(false)).first();
            refusal.waitFor();
            assertThat(refusal.innerText()).contains("a key’s client_credentials token must be a whole number of seconds from 60 to 86400");
            Chromium.screenshot(page, "admin-console-settings-refused");
            assertThat(lifetimeOfNewToken(key)).as("a refused value changes nothing").isEqualTo(3600);

            lifetime.fill("900");
            page.getByTestId("save").click();
            page.getByText("successfully", new Page.GetByTextOptions().setExact(false)).first().waitFor();
            Chromium.screenshot(page, "admin-console-settings-saved");
            assertThat(lifetimeOfNewToken(key)).isEqualTo(900);
        } finally {
            lifetime.fill("");
            page.getByTestId("save").click();
        }
        Eventually.within(Duration.ofSeconds(5), "an empty field brings back the default lifetime", () -> lifetimeOfNewToken(key) == 3600);
    }

    private Page signedInConsole() {
        Page page = CHROMIUM.newPage();
        page.navigate(administrator.consoleUrl());
        // the partners realm signs people in organization-first: the username, then the password
        page.locator("#username").waitFor();
        Chromium.screenshot(page, "partners-realm-sign-in");
        page.locator("#username").fill(RealmAdministrator.USERNAME);
        page.locator("#kc-login").click();
        page.locator("#password").fill(RealmAdministrator.PASSWORD);
        page.locator("#kc-login").click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Partner keys")).waitFor();
        return page;
    }

    private long lifetimeOfNewToken(JsonObject key) {
        JsonObject claims = claims(tokens.clientCredentials("partners", key.getString("clientId"), key.getString("clientSecret")));
        return claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue();
    }

    private int clientCredentialsStatus(String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokens.realmUri() + "/protocol/openid-connect/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private HttpResponse<String> partnerApi(String authorization) {
        try {
            HttpRequest request = HttpRequest.newBuilder(baseUrl.toURI().resolve("api/v1/transactions"))
                    .header("Authorization", authorization)
                    .GET().build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject claims(String jwt) {
        byte[] payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
        return Json.createReader(new StringReader(new String(payload, StandardCharsets.UTF_8))).readObject();
    }
}
