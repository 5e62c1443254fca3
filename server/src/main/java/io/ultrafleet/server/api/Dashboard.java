package io.ultrafleet.server.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The web dashboard: static files in the server's jar ({@code io/ultrafleet/server/web}, with the ECharts copy the
 * build takes from the report module) served at {@code /} without a token. The page asks for a token and calls the
 * API with it; it loads nothing from elsewhere, which its Content-Security-Policy enforces.
 */
final class Dashboard {
    /** Where the files are in the jar. */
    static final String DIRECTORY = "/io/ultrafleet/server/web";

    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self';"
                    + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
            "X-Content-Type-Options",
            "nosniff",
            "Referrer-Policy",
            "no-referrer",
            "Cache-Control",
            "no-cache");

    private Dashboard() {}

    static void serve(JavalinConfig cfg) {
        cfg.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = DIRECTORY;
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
        });
    }
}
