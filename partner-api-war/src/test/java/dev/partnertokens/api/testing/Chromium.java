package dev.partnertokens.api.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The machine's Chromium (Debian's {@code /usr/bin/chromium}), driven by Playwright, one browser per test class.
 * Without Chromium the class is skipped with a message naming the install command; everything else still runs.
 * Each scenario gets a fresh context ({@link #newPage}): no cookies, no storage, a window of the size asked for.
 * {@link #screenshot} saves under {@code target/screenshots}.
 */
public final class Chromium implements BeforeAllCallback, AfterAllCallback {

    public static final Path EXECUTABLE = Paths.get(System.getProperty("browser.chromium", "/usr/bin/chromium"));

    private static final List<String> QUIET_FLAGS = List.of(
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-default-apps");

    private Playwright playwright;
    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(Files.isExecutable(EXECUTABLE),
                "Browser tests skipped: no Chromium at " + EXECUTABLE + " (install it with: sudo apt-get install -y chromium)");
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(QUIET_FLAGS));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** A page in a fresh browser context (its own cookies and storage) with a window of {@code width}×{@code height}. */
    public Page newPage(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setLocale("en-GB")
                .setPermissions(List.of("clipboard-read", "clipboard-write")));
        context.setDefaultTimeout(20_000);
        return context.newPage();
    }

    /** A 1280×800 page in a fresh browser context. */
    public Page newPage() {
        return newPage(1280, 800);
    }

    /** Saves a full-page screenshot as {@code target/screenshots/<name>.png} and returns its path. */
    public static Path screenshot(Page page, String name) {
        Path file = Paths.get(System.getProperty("browser.screenshots", "target/screenshots")).resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }
}
