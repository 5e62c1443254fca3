package io.ultrafleet.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Debian's Chromium driven by Playwright (its own browser download off), as the report's browser tests drive it:
 * {@code /usr/bin/chromium} or where {@code ULTRAFLEET_CHROMIUM} says; without it the tests fail, they do not skip.
 * Every request of every page goes through a guard: one to the loopback server passes, any other is recorded and
 * refused, so a test can assert that nothing left the machine.
 */
final class DashboardBrowser implements AutoCloseable {
    static final Path DEFAULT = Path.of("/usr/bin/chromium");
    static final List<String> FLAGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run");

    private final Playwright playwright;
    private final Browser browser;
    /** Requests to anywhere but the loopback server: refused, and kept here for the test to look at. */
    final List<String> outside = new CopyOnWriteArrayList<>();
    /** Console errors, page errors and failed requests, other than those a test expects. */
    final List<String> problems = new CopyOnWriteArrayList<>();

    DashboardBrowser() {
        String env = System.getenv("ULTRAFLEET_CHROMIUM");
        Path exe = env == null || env.isBlank() ? DEFAULT : Path.of(env);
        if (!Files.isExecutable(exe)) {
            throw new IllegalStateException("Chromium not found at " + exe + ": the dashboard's browser tests need it."
                    + " Install Debian's chromium (apt-get install -y chromium; .ci/run does this) or set"
                    + " ULTRAFLEET_CHROMIUM to its path.");
        }
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(exe)
                        .setHeadless(true)
                        .setArgs(FLAGS));
    }

    /** Whether {@code url} is on this machine's loopback interface. */
    static boolean loopback(String url) {
        if (url.startsWith("data:") || url.startsWith("blob:") || url.equals("about:blank")) {
            return true;
        }
        try {
            String host = URI.create(url).getHost();
            return "127.0.0.1".equals(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A new tab (its own session storage) on {@code base} with {@code token} signed in, showing {@code hash}. */
    Page open(String base, String token, String hash) {
        Page page = blank();
        page.navigate(base + "/" + hash);
        page.waitForSelector("#sign-in[open]");
        page.fill("#token", token);
        page.click("#sign-in-form button[type=submit]");
        page.waitForFunction("() => document.body.dataset.ready === 'true'");
        return page;
    }

    /** A new tab on about:blank, in a context of its own, with the request guard and problem recording in place. */
    Page blank() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860));
        context.route("**/*", route -> {
            String url = route.request().url();
            if (loopback(url)) {
                route.resume();
            } else {
                outside.add(url);
                route.abort();
            }
        });
        Page page = context.newPage();
        page.onConsoleMessage(m -> {
            boolean expected404 = m.text().contains("404")
                    && m.location() != null
                    && m.location().contains("/forecast");
            if ((m.type().equals("error") || m.type().equals("warning")) && !expected404) {
                problems.add("console " + m.type() + ": " + m.text() + " at " + m.location());
            }
        });
        page.onPageError(e -> problems.add("page error: " + e));
        return page;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
