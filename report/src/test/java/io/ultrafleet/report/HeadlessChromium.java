package io.ultrafleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Debian's Chromium driven by Playwright, with Playwright's own browser download turned off. Chromium must be at
 * {@code /usr/bin/chromium} (or where {@code ULTRAFLEET_CHROMIUM} says): without it the tests fail, they do not skip.
 */
final class HeadlessChromium implements AutoCloseable {
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

    HeadlessChromium() {
        String env = System.getenv("ULTRAFLEET_CHROMIUM");
        Path exe = env == null || env.isBlank() ? DEFAULT : Path.of(env);
        if (!Files.isExecutable(exe)) {
            throw new IllegalStateException("Chromium not found at " + exe + ": the report's browser tests need it."
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

    /** A page opened on {@code file}, with every console error, page error and non-file request recorded. */
    Opened open(Path file, int width, int height) {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(width, height));
        List<String> problems = new ArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error") || m.type().equals("warning")) {
                problems.add("console " + m.type() + ": " + m.text());
            }
        });
        page.onPageError(e -> problems.add("page error: " + e));
        page.route("**/*", route -> {
            if (route.request().url().startsWith("file:")) {
                route.resume();
            } else {
                problems.add("network request: " + route.request().url());
                route.abort();
            }
        });
        page.navigate(file.toUri().toString());
        page.waitForFunction("() => document.body.getAttribute('data-ready') !== null");
        return new Opened(page, problems);
    }

    /** An open page and what went wrong on it so far. */
    record Opened(Page page, List<String> problems) implements AutoCloseable {
        /** The {@code data-chart} ids of the cards in {@code state} ("chart" or "missing"). */
        @SuppressWarnings("unchecked")
        List<String> cards(String state) {
            return (List<String>) page.evaluate(
                    "s => Array.from(document.querySelectorAll('[data-chart]'))"
                            + ".filter(e => e.getAttribute('data-state') === s).map(e => e.getAttribute('data-chart'))",
                    state);
        }

        /** Per series of the chart {@code id}: how many points have a value. */
        @SuppressWarnings("unchecked")
        List<Integer> seriesPoints(String id) {
            List<Number> n = (List<Number>) page.evaluate(
                    "id => echarts.getInstanceByDom(document.getElementById('chart-' + id)).getOption().series"
                            + ".map(s => (s.data || []).filter(d => d !== null && d !== undefined"
                            + " && !(Array.isArray(d) && (d[1] === null || d[1] === undefined))).length)",
                    id);
            return n.stream().map(Number::intValue).toList();
        }

        /** Distinct colours on the chart's canvas, counted on a grid of samples. */
        int canvasColours(String id) {
            return ((Number) page.evaluate(
                            "id => { const c = document.querySelector('#chart-' + id + ' canvas');"
                                    + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                                    + " const s = new Set(); for (let i = 0; i < d.length; i += 4 * 7)"
                                    + " s.add(d[i] + ',' + d[i + 1] + ',' + d[i + 2] + ',' + d[i + 3]);"
                                    + " return s.size; }",
                            id))
                    .intValue();
        }

        /** A full-page screenshot, saved to {@code file}, checked to be a real picture, not one flat colour. */
        BufferedImage screenshot(Path file) throws IOException {
            byte[] png = page.screenshot(new Page.ScreenshotOptions().setFullPage(true));
            Files.createDirectories(file.getParent());
            Files.write(file, png);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(img).as("screenshot decodes as PNG").isNotNull();
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 5) {
                for (int x = 0; x < img.getWidth(); x += 5) {
                    colours.add(img.getRGB(x, y));
                }
            }
            assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(50);
            return img;
        }

        @Override
        public void close() {
            page.close();
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
