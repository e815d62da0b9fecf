package dev.partnertokens.api.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.partnertokens.api.testing.Chromium;
import dev.partnertokens.api.testing.Eventually;
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
 * Owners and Admins of Acme in the partner dashboard, in Chromium: an Owner edits and revokes keys in the page and a
 * revoked key's token stops working at the partner API; an Admin reads the audit trail but has no edit or revoke
 * control; a Developer has no audit trail; a person of two partners switches between them.
 */
@ExtendWith(KeycloakExtension.class)
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnersAndAdminsBrowserIT {

    @RegisterExtension
    static Chromium chromium = new Chromium();

    @ArquillianResource
    URL pageUrl;

    private final HttpClient http = HttpClient.newHttpClient();
    private KeycloakTokens tokens;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PartnerApiDeployment.builtByMaven();
    }

    @BeforeEach
    void keycloakLetsThePageSignPeopleIn(KeycloakServer keycloak) {
        if (tokens == null) {
            tokens = new KeycloakTokens(keycloak);
            DashboardClientForTests.allowPageAt(keycloak, pageUrl);
        }
    }

    @Test
    void anOwnerRevokesAKeyInThePageAndItsTokenStopsWorkingAtThePartnerApi() throws Exception {
        JsonObject key = tokens.createKey("acme", "to revoke " + UUID.randomUUID().toString().substring(0, 8), "VIEW");
        String keyToken = tokens.clientCredentials("partners", key.getString("clientId"), key.getString("clientSecret"));
        assertThat(transactions(keyToken).statusCode()).isEqualTo(200);

        Dashboard dashboard = new Dashboard(chromium.newPage(), pageUrl).open().signInAs("owner@acme.example", "owner").shown().keyListShown();
        assertThat(dashboard.page.locator("#person-role")).hasText("Owner");
        dashboard.filterKeys(key.getString("name"));
        Chromium.screenshot(dashboard.page, "owner-01-key-list-with-actions");
        dashboard.button("Revoke " + key.getString("name")).click();
        assertThat(dashboard.dialog()).containsText("Applications using this key lose access within seconds");
        Chromium.screenshot(dashboard.page, "owner-02-revoke-confirmation");
        dashboard.dialog().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Revoke key")).click();
        assertThat(dashboard.page.locator(".notice")).hasText("Key \"" + key.getString("name") + "\" was revoked.");
        assertThat(dashboard.keyRow(key.getString("name"))).hasCount(0);
        Chromium.screenshot(dashboard.page, "owner-03-key-revoked");

        Duration took = Eventually.within(Duration.ofSeconds(10), "the revoked key's token is refused",
                () -> transactions(keyToken).statusCode() == 401);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anOwnerFiltersTheKeysByNameAndPagesThroughThem() {
        String team = "team-" + UUID.randomUUID().toString().substring(0, 4);
        String[] people = {
                tokens.passwordGrant("owner@acme.example", "owner", null).getString("access_token"),
                tokens.passwordGrant("admin@acme.example", "admin", null).getString("access_token"),
                tokens.passwordGrant("developer@acme.example", "developer", null).getString("access_token")};
        String[] purposes = {"checkout backend", "settlement reports", "mobile app", "fraud scoring", "partner portal", "webhooks",
                "ledger sync", "quotes service", "payouts", "reconciliation", "sandbox tests", "support tools"};
        for (int i = 0; i < purposes.length; i++) {
            String rights = i % 3 == 0 ? "[\"VIEW\",\"TRANSACT\"]" : "[\"VIEW\"]";
            String expiry = i % 4 == 1 ? ",\"expiresAt\":\"" + java.time.Instant.now().plus(java.time.Duration.ofDays(3)) + "\""
                    : i % 4 == 2 ? ",\"expiresAt\":\"" + java.time.Instant.now().plus(java.time.Duration.ofDays(180)) + "\"" : "";
            HttpResponse<String> created = api("POST", "api/v1/keys", people[i % 3],
                    "{\"name\":\"" + team + " " + purposes[i] + "\",\"permissions\":" + rights + expiry + "}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }

        Dashboard dashboard = new Dashboard(chromium.newPage(), pageUrl).open().signInAs("owner@acme.example", "owner").shown().keyListShown();
        dashboard.filterKeys(team);
        Page page = dashboard.page;
        assertThat(page.locator("table.keys tbody tr")).hasCount(10);
        assertThat(page.locator(".pager")).containsText("Page 1 · 12 keys");
        assertThat(dashboard.keyRow(team + " settlement reports")).containsText("Expires soon");
        assertThat(dashboard.keyRow(team + " checkout backend")).containsText("Transact");
        Chromium.screenshot(page, "owner-00-key-list");

        dashboard.button("Next page").click();
        assertThat(page.locator(".pager")).containsText("Page 2 · 12 keys");
        assertThat(page.locator("table.keys tbody tr")).hasCount(2);
        assertThat(dashboard.keyRow(team + " support tools")).isVisible();
        assertThat(dashboard.button("Next page")).isDisabled();
        dashboard.button("Previous page").click();
        assertThat(dashboard.keyRow(team + " checkout backend")).isVisible();
    }

    @Test
    void anOwnerRenamesAKeyAndTakesARightAway() throws Exception {
        JsonObject key = tokens.createKey("acme", "to edit " + UUID.randomUUID().toString().substring(0, 8), "VIEW", "TRANSACT");
        Dashboard dashboard = new Dashboard(chromium.newPage(), pageUrl).open().signInAs("owner@acme.example", "owner").shown().keyListShown();
        dashboard.filterKeys(key.getString("name"));
        dashboard.link("Edit " + key.getString("name")).click();
        Page page = dashboard.page;
        String renamed = key.getString("name") + " (read only)";
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(renamed);
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile("^Transact"))).uncheck();
        dashboard.button("Save changes").click();
        assertThat(page.locator(".notice")).hasText("Key \"" + renamed + "\" was saved.");
        assertThat(page.locator("dl.details")).containsText("View");
        assertThat(page.locator("dl.details")).not().containsText("Transact");
        Chromium.screenshot(page, "owner-04-key-edited");

        JsonObject stored = json(api("GET", "api/v1/keys/" + key.getString("id"), dashboard.bearerToken()));
        assertThat(stored.getString("name")).isEqualTo(renamed);
        assertThat(stored.getJsonArray("permissions").toString()).isEqualTo("[\"VIEW\"]");
    }

    @Test
    void anAdminReadsTheAuditTrailButHasNoEditOrRevokeControl() throws Exception {
        String developer = tokens.passwordGrant("developer@acme.example", "developer", null).getString("access_token");
        String name = "audited " + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = api("POST", "api/v1/keys", developer, "{\"name\":\"" + name + "\",\"permissions\":[\"VIEW\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String clientId = json(created).getString("clientId");
        String admin = tokens.passwordGrant("admin@acme.example", "admin", null).getString("access_token");
        Eventually.within(Duration.ofSeconds(20), "the creation is in the audit trail",
                () -> api("GET", "api/v1/audit?action=CREATE&limit=20", admin).body().contains(clientId));

        Dashboard dashboard = new Dashboard(chromium.newPage(), pageUrl).open().signInAs("admin@acme.example", "admin").shown().keyListShown();
        assertThat(dashboard.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke"))).hasCount(0);
        dashboard.link("Audit trail").click();
        Page page = dashboard.page;
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Audit trail"))).isVisible();
        page.getByLabel("Action").selectOption("CREATE");
        com.microsoft.playwright.Locator entry = page.locator("table.audit tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(clientId));
        assertThat(entry).containsText("developer@acme.example");
        assertThat(entry).containsText("(developer)");
        assertThat(entry).containsText("Create key");
        assertThat(entry).containsText("SUCCEEDED");
        Chromium.screenshot(page, "admin-01-audit-trail");

        page.navigate(pageUrl + "#/keys/" + java.net.URLEncoder.encode(json(created).getString("id"), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name))).isVisible();
        assertThat(dashboard.button("Roll secret")).hasCount(0);
        assertThat(dashboard.button("Revoke key")).hasCount(0);
        assertThat(dashboard.button("Save changes")).hasCount(0);
    }

    @Test
    void anOwnerRollsAKeysSecretInThePageAndEndsTheOldSecretsOverlap() {
        JsonObject key = tokens.createKey("acme", "to roll " + UUID.randomUUID().toString().substring(0, 8), "VIEW");
        String name = key.getString("name");
        String clientId = key.getString("clientId");
        String oldSecret = key.getString("clientSecret");
        Dashboard dashboard = new Dashboard(chromium.newPage(), pageUrl).open().signInAs("owner@acme.example", "owner").shown().keyListShown();
        dashboard.filterKeys(name);
        dashboard.link("Edit " + name).click();
        Page page = dashboard.page;

        dashboard.button("Roll secret").click();
        assertThat(dashboard.dialog()).containsText("during the overlap both secrets work");
        assertThat(page.getByLabel("Old secret keeps working for")).hasValue("86400");
        Chromium.screenshot(page, "owner-08-roll-secret");
        dashboard.dialog().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Roll secret")).click();
        assertThat(dashboard.dialog()).containsText("New secret of \"" + name + "\"");
        assertThat(dashboard.dialog()).containsText("It will not be shown again");
        String newSecret = page.locator("#new-key-secret").inputValue();
        assertThat(newSecret).startsWith("ptk_").isNotEqualTo(oldSecret);
        Chromium.screenshot(page, "owner-09-rolled-secret-shown-once");
        dashboard.button("I have copied the secret").click();
        assertThat(page.locator(".notice")).containsText("The secret of \"" + name + "\" was rolled. The old secret works until");
        assertThat(page.locator("dl.details")).containsText("Old secret works until");
        assertThat(page.content()).as("the new secret is gone from the page").doesNotContain(newSecret);

        assertThat(tokens.clientCredentials("partners", clientId, newSecret)).as("the new secret gets tokens").isNotBlank();
        assertThat(tokens.clientCredentials("partners", clientId, oldSecret)).as("the old secret still does, in the overlap").isNotBlank();

        dashboard.button("End overlap now").click();
        assertThat(page.locator(".notice")).hasText("The old secret of \"" + name + "\" no longer works.");
        assertThat(page.locator("dl.details")).not().containsText("Old secret works until");
        assertThat(dashboard.button("End overlap now")).hasCount(0);
        Chromium.screenshot(page, "owner-10-overlap-ended");
        assertThatThrownBy(() -> tokens.clientCredentials("partners", clientId, oldSecret))
                .as("the old secret gets no token any more").hasMessageContaining("401");
        assertThat(tokens.clientCredentials("partners", clientId, newSecret)).isNotBlank();
    }

    @Test
    void anotherPartnersKeyIsNotFoundEvenByItsId() {
        JsonObject globexKey = tokens.createKey("globex", "globex secret project " + UUID.randomUUID().toString().substring(0, 8), "VIEW");
        Dashboard dashboard = new Dashboard(chromium.newPage(), pageUrl).open().signInAs("owner@acme.example", "owner").shown().keyListShown();
        dashboard.page.navigate(pageUrl + "#/keys/" + globexKey.getString("id"));
        assertThat(dashboard.page.locator("#key-error")).hasText(
                "This key does not exist: it was revoked, has expired, or belongs to another partner.");
        assertThat(dashboard.page.locator("main")).not().containsText(globexKey.getString("name"));
        assertThat(dashboard.button("Revoke key")).hasCount(0);
        Chromium.screenshot(dashboard.page, "owner-06-another-partners-key");
    }

    @Test
    void anAddressNamingAnotherPartnerGivesNoAccessToIt() {
        Dashboard dashboard = new Dashboard(chromium.newPage(), pageUrl);
        dashboard.page.navigate(pageUrl + "?partner=globex#/keys");
        dashboard.signInAs("owner@acme.example", "owner").shown().keyListShown();
        assertThat(dashboard.page.locator("#person-partner")).hasText("acme");
        assertThat(dashboard.page.locator("main")).containsText("The keys of acme.");
    }

    @Test
    void aDeveloperHasNoAuditTrail() {
        Dashboard dashboard = new Dashboard(chromium.newPage(), pageUrl).open().signInAs("developer@acme.example", "developer").shown().keyListShown();
        assertThat(dashboard.link("Audit trail")).isHidden();
        dashboard.page.navigate(pageUrl + "#/audit");
        dashboard.shown();
        assertThat(dashboard.page.locator("main")).containsText("The audit trail is for Owners and Admins.");
        assertThat(dashboard.page.locator("table.audit")).hasCount(0);
        Chromium.screenshot(dashboard.page, "developer-08-no-audit-trail");
    }

    @Test
    void aPersonOfTwoPartnersSwitchesBetweenThem() {
        JsonObject globexKey = tokens.createKey("globex", "globex only " + UUID.randomUUID().toString().substring(0, 8), "VIEW");
        Dashboard dashboard = new Dashboard(chromium.newPage(), pageUrl).open().signInAs("consultant@partners.example", "consultant");
        assertThat(dashboard.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Choose a partner"))).isVisible();
        Chromium.screenshot(dashboard.page, "consultant-01-choose-a-partner");
        dashboard.choosePartner("acme").shown().keyListShown();
        Page page = dashboard.page;
        assertThat(page.locator("#person-partner")).hasText("acme");
        assertThat(page.locator("#person-role")).hasText("Developer");
        page.getByLabel("Filter by name").fill(globexKey.getString("name"));
        dashboard.button("Filter").click();
        assertThat(page.locator(".table-wrap")).hasText("No key has \"" + globexKey.getString("name") + "\" in its name.");

        page.getByLabel("Partner").selectOption("globex");
        dashboard.shown();
        assertThat(page.locator("#person-partner")).hasText("globex");
        assertThat(page.locator("#person-role")).hasText("Owner");
        dashboard.keyListShown().filterKeys(globexKey.getString("name"));
        assertThat(dashboard.button("Revoke " + globexKey.getString("name"))).isVisible();
        Chromium.screenshot(page, "consultant-02-switched-to-globex");

        page.reload();
        dashboard.shown();
        assertThat(page.locator("#person-partner")).hasText("globex"); // a reload stays with the chosen partner
    }

    private HttpResponse<String> transactions(String token) {
        return api("GET", "api/v1/transactions", token);
    }

    private HttpResponse<String> api(String method, String path, String token) {
        return api(method, path, token, null);
    }

    private HttpResponse<String> api(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pageUrl + path)).header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
