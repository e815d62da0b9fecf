package dev.partnertokens.api.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The partner dashboard in a Chromium page, driven the way a person uses it: through Keycloak's sign-in page, the
 * buttons and labelled fields. Remembers the bearer tokens the page sends to the partner API (read from its
 * network traffic), so a test can forge requests with the person's own token.
 */
final class Dashboard {

    final Page page;
    final URL pageUrl;
    private final List<String> bearerTokens = new CopyOnWriteArrayList<>();

    Dashboard(Page page, URL pageUrl) {
        this.page = page;
        this.pageUrl = pageUrl;
        page.onRequest(request -> {
            String authorization = request.headers().get("authorization");
            if (request.url().startsWith(pageUrl + "api/") && authorization != null && authorization.startsWith("Bearer ")) {
                bearerTokens.add(authorization.substring("Bearer ".length()));
            }
        });
    }

    /** Opens the dashboard; without a Keycloak session this lands on Keycloak's sign-in page. */
    Dashboard open() {
        page.navigate(pageUrl.toString());
        return this;
    }

    /** Signs in on Keycloak's page (organization-first: e-mail, then password) and waits for the dashboard. */
    Dashboard signInAs(String username, String password) {
        Locator user = page.locator("#username");
        user.waitFor();
        user.fill(username);
        Locator secret = page.locator("#password");
        if (secret.count() == 0) {
            page.locator("#kc-login").click();
        }
        secret.waitFor();
        secret.fill(password);
        page.locator("#kc-login").click();
        return this;
    }

    /**
     * A person of several partners signs in once and is asked which partner to act for (their token names all of
     * them); the choice asks Keycloak again for that partner alone, without a password.
     */
    Dashboard choosePartner(String alias) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^" + alias + " — "))).click();
        return this;
    }

    /** Waits until the dashboard shows who is signed in. */
    Dashboard shown() {
        assertThat(page.locator("#person-name")).isVisible();
        return this;
    }

    Dashboard keyListShown() {
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("API keys"))).isVisible();
        page.locator(".table-wrap table, .table-wrap .empty").first().waitFor();
        return this;
    }

    Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    Locator link(String name) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    Locator dialog() {
        return page.locator("dialog[open]");
    }

    /** Filters the key list by (part of) a name. */
    Dashboard filterKeys(String name) {
        page.getByLabel("Filter by name").fill(name);
        button("Filter").click();
        assertThat(page.locator("table.keys tbody tr").first()).containsText(name);
        return this;
    }

    Locator keyRow(String name) {
        return page.locator("table.keys tbody tr").filter(new Locator.FilterOptions().setHasText(name));
    }

    /** Fills in the create dialog; leaves it open, showing either the secret or an error. */
    Dashboard createKey(String name, String... rights) {
        button("Create key").click();
        Locator dialog = dialog();
        dialog.getByLabel("Name").fill(name);
        for (String right : List.of("View", "Transact", "Manage")) {
            Locator box = dialog.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName(Pattern.compile("^" + right)));
            box.setChecked(List.of(rights).contains(right));
        }
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create key").setExact(true)).click();
        return this;
    }

    /**
     * Saves what the window shows (not the whole page: a modal dialog's backdrop covers only the window) as
     * {@code target/screenshots/<name>.png}, next to {@link dev.partnertokens.api.testing.Chromium#screenshot}'s.
     */
    void screenshotOfWindow(String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(java.nio.file.Paths.get(System.getProperty("browser.screenshots", "target/screenshots")).resolve(name + ".png")));
    }

    /** The last bearer token the page sent to the partner API. */
    String bearerToken() {
        if (bearerTokens.isEmpty()) {
            throw new AssertionError("the page sent no bearer token to the partner API");
        }
        return bearerTokens.get(bearerTokens.size() - 1);
    }

    List<String> bearerTokens() {
        return List.copyOf(bearerTokens);
    }
}
