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
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import com.microsoft.playwright.Locator;
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
 * API scopes in the dashboard's "Create key" form, in Chromium against the real Keycloak and WildFly (demo realm: the
 * catalogue is gateway, vault, fx and disputes; Acme may hold all four, Globex only fx). The form offers exactly the
 * API scopes the provider says the person may put on a key, none checked; an Owner creates a key with one, sees it on
 * the key's page, and the key's {@code client_credentials} token carries exactly that scope and the right. A scope
 * outside the catalogue or outside the partner's, sent with the person's own token, is refused with a sentence and
 * no key is made.
 */
@ExtendWith(KeycloakExtension.class)
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiScopesBrowserIT {

    private static final List<String> ACME_SCOPES = List.of("disputes", "fx", "gateway", "vault");

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
    void anOwnerCreatesAKeyWithOneApiScopeAndItsTokenCarriesExactlyThatScopeAndItsRight() throws Exception {
        Dashboard dashboard = new Dashboard(chromium.newPage(), pageUrl).open().signInAs("owner@acme.example", "owner").shown().keyListShown();
        Page page = dashboard.page;
        dashboard.button("Create key").click();
        Locator dialog = dashboard.dialog();
        Locator scopes = dialog.getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("API scopes (optional)"));
        assertThat(scopes).isVisible();
        assertThat(scope(dialog, "fx")).not().isChecked();
        assertThat(scopes).containsText("Foreign exchange API: rates and quotes");
        Chromium.screenshot(page, "scopes-01-create-form-offers-api-scopes");

        String name = "currency desk " + UUID.randomUUID().toString().substring(0, 8);
        dialog.getByLabel("Name").fill(name);
        scope(dialog, "fx").check();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create key").setExact(true)).click();
        assertThat(dialog).containsText("It will not be shown again");
        String clientId = page.getByLabel("Client ID").inputValue();
        String secret = page.getByLabel("Secret").inputValue();
        dashboard.button("I have copied the secret").click();

        dashboard.filterKeys(name);
        assertThat(dashboard.keyRow(name).locator("td[data-label='Scopes']")).hasText("fx");
        dashboard.link(name).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name))).isVisible();
        assertThat(page.locator("dl.details dt:text-is('Scopes') + dd")).hasText("fx");
        assertThat(page.locator("dl.details dt:text-is('Rights') + dd")).hasText("View");
        Chromium.screenshot(page, "scopes-02-key-with-an-api-scope");

        String token = tokens.clientCredentials("partners", clientId, secret);
        assertThat(scopeClaim(token)).containsExactlyInAnyOrder("VIEW", "fx");
        assertThat(partnerApi("api/v1/fx/rates?sell=EUR&buy=USD", "Bearer " + token).statusCode()).as("the fx API lets the key in").isEqualTo(200);
    }

    @Test
    void eachPersonIsOfferedTheApiScopesTheirPartnerMayHoldNoneChecked() {
        Dashboard developer = new Dashboard(chromium.newPage(), pageUrl).open().signInAs("developer@acme.example", "developer")
                .shown().keyListShown();
        developer.button("Create key").click();
        for (String name : ACME_SCOPES) {
            assertThat(scope(developer.dialog(), name)).not().isChecked();
        }
        assertThat(developer.dialog().locator("input[name='apiScopes']")).hasCount(ACME_SCOPES.size());
        assertThat(developer.dialog()).containsText("Unified Payments API");
        developer.screenshotOfWindow("scopes-03-a-developer-is-offered-acmes-api-scopes");

        Dashboard globex = new Dashboard(chromium.newPage(), pageUrl).open().signInAs("owner@globex.example", "owner")
                .shown().keyListShown();
        globex.button("Create key").click();
        assertThat(scope(globex.dialog(), "fx")).isVisible();
        assertThat(globex.dialog().locator("input[name='apiScopes']")).hasCount(1);
        assertThat(globex.dialog()).not().containsText("gateway");
        globex.screenshotOfWindow("scopes-04-globex-is-offered-fx-only");
    }

    @Test
    void theCatalogueReadThroughTheWarIsThePartnersWhateverHeaderAForgerSends() throws Exception {
        String developer = tokens.passwordGrant("developer@acme.example", "developer", null).getString("access_token");
        String globexOwner = tokens.passwordGrant("owner@globex.example", "owner", null).getString("access_token");

        HttpResponse<String> acme = partnerApi("api/v1/keys/api-scopes", "Bearer " + developer);
        assertThat(acme.statusCode()).as(acme.body()).isEqualTo(200);
        assertThat(names(acme)).containsExactlyElementsOf(ACME_SCOPES);
        assertThat(acme.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(pageUrl + "api/v1/keys/api-scopes"))
                .header("Authorization", "Bearer " + globexOwner).header("X-Partner", "acme")
                .header("X-Acting-User", "owner@acme.example").GET());
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(200);
        assertThat(names(forged)).as("the partner and person come from the token, never from a header").containsExactly("fx");

        JsonObject key = tokens.createKey("acme", "catalogue reader " + UUID.randomUUID().toString().substring(0, 8),
                List.of("VIEW", "MANAGE"), List.of("fx"));
        String basic = "Basic " + Base64.getEncoder().encodeToString((form(key.getString("clientId")) + ":"
                + form(key.getString("clientSecret"))).getBytes(StandardCharsets.UTF_8));
        assertThat(partnerApi("api/v1/keys/api-scopes", basic).statusCode()).as("a partner key is no dashboard user").isEqualTo(403);
        assertThat(partnerApi("api/v1/keys/api-scopes", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aScopeOutsideTheCatalogueOrThePartnersIsRefusedWithASentenceAndNoKeyIsMade() throws Exception {
        String owner = tokens.passwordGrant("owner@acme.example", "owner", null).getString("access_token");
        String globexOwner = tokens.passwordGrant("owner@globex.example", "owner", null).getString("access_token");
        String marker = "forged scope " + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> unknown = create(owner, "{\"name\":\"" + marker + "\",\"permissions\":[\"VIEW\"],\"scopes\":[\"payouts\"]}");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(json(unknown).getString("detail")).contains("unknown API scope 'payouts'").contains("fx");
        HttpResponse<String> notGlobexs = create(globexOwner, "{\"name\":\"" + marker + "\",\"permissions\":[\"VIEW\"],\"scopes\":[\"gateway\"]}");
        assertThat(notGlobexs.statusCode()).as(notGlobexs.body()).isEqualTo(403);
        assertThat(json(notGlobexs).getString("detail")).contains("may not hold the API scopes [gateway]");
        for (String scopes : List.of("\"fx\"", "[1]", "[null]", "[\"VIEW\"]", "[\"FX\"]", "[\"fx \"]")) {
            HttpResponse<String> bad = create(owner, "{\"name\":\"" + marker + "\",\"permissions\":[\"VIEW\"],\"scopes\":" + scopes + "}");
            assertThat(bad.statusCode()).as(scopes + " → " + bad.body()).isEqualTo(400);
            assertThat(json(bad).getString("detail")).as(scopes).contains("scopes");
        }

        for (String person : List.of(owner, globexOwner)) {
            HttpResponse<String> listed = partnerApi("api/v1/keys?name=" + URLEncoder.encode(marker, StandardCharsets.UTF_8), "Bearer " + person);
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            assertThat(json(listed).getJsonNumber("totalCount").longValue()).as("keys made").isZero();
        }
    }

    private static Locator scope(Locator dialog, String name) {
        return dialog.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName(Pattern.compile("^" + name + " — ")));
    }

    /** The {@code scope} claim of a JWT, as a list of names. */
    private static List<String> scopeClaim(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return Arrays.asList(Json.createReader(new StringReader(payload)).readObject().getString("scope").trim().split("\\s+"));
    }

    private static List<String> names(HttpResponse<String> offered) {
        return json(offered).getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .map(scope -> ((JsonString) scope.get("name")).getString()).toList();
    }

    private HttpResponse<String> create(String bearer, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(pageUrl + "api/v1/keys")).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> partnerApi(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pageUrl + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
