package dev.partnertokens.api.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.partnertokens.api.testing.Chromium;
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
 * The page's own security, in Chromium: its responses carry a strict Content-Security-Policy and refuse framing, the
 * page breaks none of its own policy, no token or secret is kept in storage or the address bar, and signing out
 * ends the Keycloak session too.
 */
@ExtendWith(KeycloakExtension.class)
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInAndPageSecurityBrowserIT {

    @RegisterExtension
    static Chromium chromium = new Chromium();

    @ArquillianResource
    URL pageUrl;

    private String keycloakOrigin;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PartnerApiDeployment.builtByMaven();
    }

    @BeforeEach
    void keycloakLetsThePageSignPeopleIn(KeycloakServer keycloak) {
        if (keycloakOrigin == null) {
            keycloakOrigin = keycloak.baseUri().toString().replaceAll("/+$", "");
            DashboardClientForTests.allowPageAt(keycloak, pageUrl);
        }
    }

    @Test
    void thePagesResponsesCarryAStrictContentSecurityPolicyAndRefuseFraming() {
        Page page = chromium.newPage();
        List<Response> ownResponses = new CopyOnWriteArrayList<>();
        List<String> violations = new CopyOnWriteArrayList<>();
        page.onResponse(response -> {
            if (response.url().startsWith(pageUrl.toString())) {
                ownResponses.add(response);
            }
        });
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                violations.add(message.text());
            }
        });
        Dashboard dashboard = new Dashboard(page, pageUrl).open().signInAs("owner@acme.example", "owner").shown().keyListShown();
        dashboard.link("Audit trail").click();
        page.locator("table.audit").waitFor();

        List<String> kinds = ownResponses.stream().map(r -> r.url().replace(pageUrl.toString(), "")).toList();
        assertThat(kinds).contains("", "dashboard/app.js", "dashboard/dashboard.css", "api/v1/dashboard/config", "api/v1/dashboard/me");
        for (Response response : ownResponses) {
            Map<String, String> headers = response.allHeaders();
            assertThat(headers.get("content-security-policy")).as(response.url()).isEqualTo(
                    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' " + keycloakOrigin
                            + "; form-action " + keycloakOrigin + " 'self'; frame-ancestors 'none'; base-uri 'none'");
            assertThat(headers.get("x-frame-options")).as(response.url()).isEqualTo("DENY");
            assertThat(headers.get("x-content-type-options")).as(response.url()).isEqualTo("nosniff");
            assertThat(headers.get("referrer-policy")).as(response.url()).isEqualTo("no-referrer");
            if (response.url().contains("/api/")) {
                assertThat(headers.get("cache-control")).as(response.url()).contains("no-store");
            }
        }
        assertThat(violations).as("the page breaks none of its own policy").isEmpty();
        Chromium.screenshot(page, "owner-05-audit-trail");
    }

    @Test
    void anotherSiteCannotFrameThePage() {
        Page page = chromium.newPage();
        page.navigate(keycloakOrigin + "/realms/partners/.well-known/openid-configuration");
        page.setContent("<h1>another site</h1><iframe id=framed width=800 height=400 src='" + pageUrl + "'></iframe>");
        page.waitForTimeout(3_000);
        com.microsoft.playwright.Frame framed = page.locator("#framed").elementHandle().contentFrame();
        assertThat(framed.locator(".brand").count()).as("the dashboard rendered inside another site's frame").isZero();
        Chromium.screenshot(page, "session-03-framing-refused");
    }

    @Test
    void noTokenOrSecretIsKeptInStorageOrTheAddressBar() {
        Dashboard dashboard = new Dashboard(chromium.newPage(), pageUrl).open().signInAs("owner@acme.example", "owner").shown().keyListShown();
        Page page = dashboard.page;
        dashboard.createKey("storage check " + UUID.randomUUID().toString().substring(0, 8), "View");
        String secret = page.getByLabel("Secret").inputValue();
        List<String> tokens = dashboard.bearerTokens();
        assertThat(tokens).isNotEmpty();

        String storage = (String) page.evaluate("() => JSON.stringify({local: {...localStorage}, session: {...sessionStorage}})");
        assertThat(storage).isEqualTo("{\"local\":{},\"session\":{}}");
        String address = (String) page.evaluate("() => location.href");
        assertThat(address).doesNotContain("code=").doesNotContain("state=").doesNotContain(secret);
        String cookies = (String) page.evaluate("() => document.cookie");
        assertThat(cookies).isEmpty();
        for (String token : tokens) {
            assertThat(storage + address + cookies).doesNotContain(token);
            assertThat(page.content()).doesNotContain(token);
        }
    }

    @Test
    void aForgedSignInAnswerInTheAddressIsRefusedAndRemoved() {
        Page page = chromium.newPage();
        List<String> tokenRequests = new CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            if (request.url().endsWith("/protocol/openid-connect/token")) {
                tokenRequests.add(request.url());
            }
        });
        page.navigate(pageUrl + "?code=stolen-code&state=forged-state");
        assertThat(page.locator("main")).containsText("This sign-in did not start on this page. Please sign in again.");
        assertThat((String) page.evaluate("() => location.href")).doesNotContain("stolen-code").doesNotContain("forged-state");
        assertThat(tokenRequests).as("no code was exchanged").isEmpty();
        Chromium.screenshot(page, "session-04-forged-sign-in-answer");
    }

    @Test
    void signingOutEndsTheKeycloakSessionToo() {
        Dashboard dashboard = new Dashboard(chromium.newPage(), pageUrl).open().signInAs("admin@acme.example", "admin").shown().keyListShown();
        Page page = dashboard.page;
        dashboard.button("Sign out").click();
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING,
                new Page.GetByRoleOptions().setName("You are signed out."))).isVisible();
        assertThat(page.locator("#person")).isHidden();
        Chromium.screenshot(page, "session-01-signed-out");

        page.navigate(pageUrl.toString());
        page.locator("#username").waitFor();
        assertThat(page.url()).startsWith(keycloakOrigin + "/realms/partners/");
        Chromium.screenshot(page, "session-02-keycloak-asks-again");

        dashboard.signInAs("admin@acme.example", "admin").shown().keyListShown();
        assertThat(page.locator("#person-name")).hasText("Adam Admin");
    }
}
