package io.ultrafleet.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One self-contained report page: the template {@code web/page.html} with its style, the vendored ECharts, the
 * page's scripts and its data inlined, so the file opens offline and can be sent to anyone.
 */
final class HtmlPage {
    /** The ECharts release inlined into every page (see {@code scripts/update-web-vendor.sh}). */
    static final String ECHARTS = "vendor/echarts/echarts.min.js";

    private static final String WEB = "/io/ultrafleet/report/web/";

    private HtmlPage() {}

    /**
     * The page's HTML.
     *
     * @param title the page title (plain text)
     * @param scripts the page's own scripts under {@code web/}, after {@code common.js}
     * @param dataJson the page data, one JSON document
     */
    static String render(String title, List<String> scripts, String dataJson) {
        StringBuilder js = new StringBuilder();
        for (String s : scripts) {
            js.append(resource(s)).append('\n');
        }
        String template = resource("page.html");
        return fill(
                template,
                List.of(
                        "{{TITLE}}", escapeHtml(title),
                        "{{CSS}}", resource("report.css"),
                        "{{DATA}}", dataJson.replace("</", "<\\/").replace("<!--", "<\\u0021--"),
                        "{{ECHARTS}}", script(resource(ECHARTS)),
                        "{{COMMON}}", script(resource("common.js")),
                        "{{SCRIPTS}}", script(js.toString())));
    }

    /** Writes {@code html} to {@code file} (the command line writes into a temporary folder moved into place). */
    static void write(Path file, String html) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    /** Replaces each placeholder once, in one pass, so text put in is never searched again. */
    private static String fill(String template, List<String> pairs) {
        StringBuilder out = new StringBuilder(template.length() + 2_000_000);
        int at = 0;
        while (at < template.length()) {
            int next = template.indexOf("{{", at);
            if (next < 0) {
                out.append(template, at, template.length());
                break;
            }
            out.append(template, at, next);
            int end = template.indexOf("}}", next) + 2;
            String key = template.substring(next, end);
            int i = pairs.indexOf(key);
            if (i < 0 || i % 2 != 0) {
                throw new IllegalStateException("unknown placeholder " + key + " in page.html");
            }
            out.append(pairs.get(i + 1));
            at = end;
        }
        return out.toString();
    }

    private static String script(String js) {
        if (js.contains("</script")) {
            throw new IllegalStateException("a script to inline contains </script");
        }
        return js;
    }

    static String resource(String name) {
        try (InputStream in = HtmlPage.class.getResourceAsStream(WEB + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + WEB + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
