package dev.partnertokens.api.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
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
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.partnertokens.api.testing.Chromium;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Developer of Acme in the partner dashboard, in Chromium, signed in through Keycloak's sign-in page: creates a key,
 * copies its secret once, and that secret works; sees no edit or revoke control, and the server refuses them when
 * forged with the Developer's own token; reads the API's refusals as sentences; uses the page on a phone.
 */
@ExtendWith(KeycloakExtension.class)
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeveloperKeysBrowserIT {

    @RegisterExtension
    static Chromium chromium = new Chromium();

    @ArquillianResource
    URL pageUrl;

    private final HttpClient http = HttpClient.newHttpClient();
    private KeycloakServer keycloak;
    private KeycloakTokens tokens;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PartnerApiDeployment.builtByMaven();
    }

    @BeforeEach
    void keycloakLetsThePageSignPeopleIn(KeycloakServer keycloak) {
        if (this.keycloak == null) {
            this.keycloak = keycloak;
            tokens = new KeycloakTokens(keycloak);
            DashboardClientForTests.allowPageAt(keycloak, pageUrl);
        }
    }

    @Test
    void aDeveloperCreatesAKeyCopiesItsSecretOnceAndTheSecretGetsAToken() throws Exception {
        Dashboard dashboard = new Dashboard(chromium.newPage(), pageUrl).open();
        dashboard.page.locator("#username").waitFor();
        assertThat(dashboard.page.url()).as("Keycloak's sign-in page").startsWith(keycloak.realmUri("partners").toString());
        Chromium.screenshot(dashboard.page, "developer-01-keycloak-sign-in");
        dashboard.signInAs("developer@acme.example", "developer").shown().keyListShown();
        assertThat(dashboard.page.locator("#person-name")).hasText("Dana Developer");
        assertThat(dashboard.page.locator("#person-partner")).hasText("acme");
        assertThat(dashboard.page.locator("#person-role")).hasText("Developer");

        String name = "checkout " + UUID.randomUUID().toString().substring(0, 8);
        dashboard.createKey(name, "View", "Transact");
        Page page = dashboard.page;
        assertThat(dashboard.dialog()).containsText("It will not be shown again");
        String secret = page.getByLabel("Secret").inputValue();
        String clientId = page.getByLabel("Client ID").inputValue();
        assertThat(secret).startsWith("ptk_");
        dashboard.button("Copy secret").click();
        assertThat(dashboard.dialog()).containsText("Copied to the clipboard.");
        String clipboard = (String) page.evaluate("() => navigator.clipboard.readText()");
        assertThat(clipboard).isEqualTo(secret);
        dashboard.screenshotOfWindow("developer-02-secret-shown-once");

        HttpResponse<String> grant = clientCredentials(clientId, clipboard);
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        assertThat(json(grant).getString("access_token")).isNotBlank();

        dashboard.button("I have copied the secret").click();
        assertThat(dashboard.dialog()).hasCount(0);
        assertThat(page.locator(".notice")).containsText("Key \"" + name + "\" was created");
        dashboard.filterKeys(name);
        assertThat(dashboard.keyRow(name)).containsText("developer@acme.example");
        assertThat(page.content()).doesNotContain(secret);
        Chromium.screenshot(page, "developer-03-key-list");

        page.reload();
        dashboard.shown().keyListShown().filterKeys(name);
        assertThat(dashboard.keyRow(name)).isVisible();
        assertThat(page.content()).as("the secret is not shown again after a reload").doesNotContain(secret);
        assertThat(page.getByLabel("Secret")).hasCount(0);
        Chromium.screenshot(page, "developer-04-after-reload");
    }

    @Test
    void theDeveloperHasNoEditOrRevokeControlAndTheServerRefusesForgedOnes() throws Exception {
        JsonObject key = tokens.createKey("acme", "forgery target " + UUID.randomUUID().toString().substring(0, 8), "VIEW");
        Dashboard dashboard = new Dashboard(chromium.newPage(), pageUrl).open().signInAs("developer@acme.example", "developer").shown().keyListShown();
        dashboard.filterKeys(key.getString("name"));
        assertThat(dashboard.keyRow(key.getString("name"))).isVisible();
        assertThat(dashboard.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke"))).hasCount(0);
        assertThat(dashboard.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit"))).hasCount(0);
        assertThat(dashboard.page.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName("Actions"))).hasCount(0);

        dashboard.link(key.getString("name")).click();
        assertThat(dashboard.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(key.getString("name")))).isVisible();
        assertThat(dashboard.page.locator("dl.details")).containsText(key.getString("clientId"));
        assertThat(dashboard.button("Revoke key")).hasCount(0);
        assertThat(dashboard.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Edit key"))).hasCount(0);
        Chromium.screenshot(dashboard.page, "developer-05-key-without-edit-or-revoke");

        String developersToken = dashboard.bearerToken();
        HttpResponse<String> edit = api("PATCH", "api/v1/keys/" + key.getString("id"), developersToken, "{\"name\":\"taken over\"}");
        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(403);
        assertThat(json(edit).getString("detail")).contains("DEVELOPER may not do this");
        HttpResponse<String> revoke = api("DELETE", "api/v1/keys/" + key.getString("id"), developersToken, null);
        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(403);
        HttpResponse<String> still = api("GET", "api/v1/keys/" + key.getString("id"), developersToken, null);
        assertThat(json(still).getString("name")).isEqualTo(key.getString("name"));
    }

    @Test
    void theApisRefusalsAreShownAsSentences() {
        Dashboard dashboard = new Dashboard(chromium.newPage(), pageUrl).open().signInAs("developer@acme.example", "developer").shown().keyListShown();
        dashboard.createKey("x".repeat(201), "View");
        assertThat(dashboard.page.locator("#create-key-error")).hasText("Name must be at most 200 characters, got 201.");
        dashboard.screenshotOfWindow("developer-06-name-too-long");

        dashboard.dialog().getByLabel("Name").fill("too strong");
        dashboard.dialog().getByRole(AriaRole.CHECKBOX, new com.microsoft.playwright.Locator.GetByRoleOptions().setName(java.util.regex.Pattern.compile("^Manage"))).check();
        dashboard.dialog().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Create key").setExact(true)).click();
        assertThat(dashboard.page.locator("#create-key-error")).containsText("Your dashboard role DEVELOPER may not grant [MANAGE]");
        assertThat(dashboard.page.locator("#create-key-error")).not().containsText("{");
        dashboard.screenshotOfWindow("developer-07-right-not-grantable");
    }

    @Test
    void aKeyIsCreatedWithTheKeyboardAloneAndTheFocusIsAlwaysVisible() {
        Dashboard dashboard = new Dashboard(chromium.newPage(), pageUrl).open().signInAs("developer@acme.example", "developer").shown().keyListShown();
        Page page = dashboard.page;
        for (int tab = 0; tab < 20 && !"create-key".equals(page.evaluate("() => document.activeElement.id")); tab++) {
            page.keyboard().press("Tab");
            assertThat((String) page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle"))
                    .as("the focused element shows it has the focus").isNotEqualTo("none");
        }
        assertThat(dashboard.button("Create key")).isFocused();
        page.keyboard().press("Enter");
        assertThat(dashboard.dialog().getByLabel("Name")).isFocused();
        page.keyboard().type("keyboard " + UUID.randomUUID().toString().substring(0, 8));
        page.keyboard().press("Enter");
        assertThat(dashboard.button("Copy secret")).isFocused();
        page.keyboard().press("Enter");
        assertThat(dashboard.dialog()).containsText("Copied to the clipboard.");
        assertThat((String) page.evaluate("() => navigator.clipboard.readText()")).startsWith("ptk_");
        page.keyboard().press("Escape");
        assertThat(dashboard.dialog()).hasCount(0);
        assertThat(page.getByLabel("Secret")).hasCount(0);
    }

    @Test
    void onAPhoneTheKeyListFitsTheScreenWithoutScrollingSideways() throws Exception {
        String team = "mobile-" + UUID.randomUUID().toString().substring(0, 4);
        String developer = tokens.passwordGrant("developer@acme.example", "developer", null).getString("access_token");
        for (String purpose : new String[] {"checkout backend", "settlement reports with a rather long name that must wrap", "payouts"}) {
            HttpResponse<String> created = api("POST", "api/v1/keys", developer,
                    "{\"name\":\"" + team + " " + purpose + "\",\"permissions\":[\"VIEW\",\"TRANSACT\"]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        Dashboard dashboard = new Dashboard(chromium.newPage(390, 844), pageUrl).open();
        dashboard.page.locator("#username").waitFor();
        Chromium.screenshot(dashboard.page, "phone-01-keycloak-sign-in");
        dashboard.signInAs("developer@acme.example", "developer").shown().keyListShown().filterKeys(team);
        assertThat(dashboard.page.locator("table.keys tbody tr")).hasCount(3);
        assertThat(dashboard.keyRow(team + " payouts")).isVisible();
        assertThat(dashboard.button("Create key")).isVisible();
        assertThat(dashboard.button("Sign out")).isVisible();
        Object overflow = dashboard.page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("pixels of sideways scrolling").isLessThanOrEqualTo(0);
        Chromium.screenshot(dashboard.page, "phone-02-key-list");

        dashboard.button("Create key").click();
        assertThat(dashboard.dialog().getByLabel("Name")).isFocused();
        Object dialogOverflow = dashboard.page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) dialogOverflow).intValue()).as("pixels of sideways scrolling with the dialog open").isLessThanOrEqualTo(0);
        dashboard.screenshotOfWindow("phone-03-create-key");
    }

    private HttpResponse<String> clientCredentials(String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((form(clientId) + ":" + form(secret)).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(keycloak.realmUri("partners") + "/protocol/openid-connect/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pageUrl + path)).header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
