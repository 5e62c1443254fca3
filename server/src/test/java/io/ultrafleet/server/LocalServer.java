package io.ultrafleet.server;

import io.ultrafleet.server.api.ApiServer;
import io.ultrafleet.server.api.Route;
import io.ultrafleet.server.forecast.Forecasting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A server in the test's own JVM, on loopback and a free port, with its embedded database in a folder of its own
 * (deleted when it is closed), started from a scenario of the test resources.
 */
final class LocalServer implements AutoCloseable {
    /** The admin token every test server is started with, as {@code ULTRAFLEET_ADMIN_TOKEN}. */
    static final String ADMIN = "test-admin-token-0123456789";

    private ServerOptions options;
    private final boolean ownsData;
    private final Forecasting.Factory forecasting;
    private Server server;

    private LocalServer(ServerOptions options, boolean ownsData) {
        this(options, ownsData, HourAheadForecasting.factory());
    }

    private LocalServer(ServerOptions options, boolean ownsData, Forecasting.Factory forecasting) {
        this.options = options;
        this.ownsData = ownsData;
        this.forecasting = forecasting;
        this.server = Server.start(options, forecasting);
    }

    /** A server of scenario {@code scenarios/NAME} at {@code timeScale}, allowing {@code perSecond} requests. */
    static LocalServer start(String scenario, double timeScale, double perSecond) {
        Path data;
        try {
            data = Files.createTempDirectory("ultrafleet-server-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new LocalServer(options(scenario, data, null, timeScale, perSecond), true);
        } catch (RuntimeException e) {
            delete(data);
            throw e;
        }
    }

    /**
     * A server of the built-in scenario {@code name} whose clock starts at {@code start} (a date, as {@code --start}
     * takes it), at {@code timeScale}.
     */
    static LocalServer startBuiltIn(String name, String start, double timeScale) {
        String text = io.ultrafleet.spec.BuiltInScenarios.yaml(name)
                .orElseThrow(() -> new IllegalArgumentException("no built-in scenario " + name));
        return startText("builtin:" + name, text, start, timeScale);
    }

    /** A server of the scenario {@code text}, its clock starting at {@code start}, at {@code timeScale}. */
    static LocalServer startText(String source, String text, String start, double timeScale) {
        return startText(source, text, start, timeScale, HourAheadForecasting.factory());
    }

    /** As {@link #startText(String, String, String, double)}, forecasting with {@code forecasting}. */
    static LocalServer startText(
            String source, String text, String start, double timeScale, Forecasting.Factory forecasting) {
        Path data;
        try {
            data = Files.createTempDirectory("ultrafleet-server-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new LocalServer(
                    new ServerOptions(
                            source,
                            text,
                            data,
                            null,
                            null,
                            null,
                            "127.0.0.1",
                            0,
                            start,
                            timeScale,
                            ADMIN,
                            50_000,
                            "test"),
                    true,
                    forecasting);
        } catch (RuntimeException e) {
            delete(data);
            throw e;
        }
    }

    static ServerOptions options(String scenario, Path data, String dbUrl, double timeScale, double perSecond) {
        return options(scenario, data, dbUrl, null, timeScale, perSecond, 0, 0);
    }

    /**
     * Options of a server of scenario {@code scenarios/NAME} on loopback and a free port, its clock starting at {@code
     * start} (as {@code --start}; null for the scenario's start), with limits on live jobs (0 for the defaults).
     */
    static ServerOptions options(
            String scenario,
            Path data,
            String dbUrl,
            String start,
            double timeScale,
            double perSecond,
            long maxLiveJobs,
            long maxLiveJobsPerTenant) {
        return options(
                scenario, data, dbUrl, start, timeScale, perSecond, maxLiveJobs, maxLiveJobsPerTenant, null, null);
    }

    /** As the options above, serving HTTPS with {@code tlsCert} and {@code tlsKey} (null for plain HTTP). */
    static ServerOptions options(
            String scenario,
            Path data,
            String dbUrl,
            String start,
            double timeScale,
            double perSecond,
            long maxLiveJobs,
            long maxLiveJobsPerTenant,
            Path tlsCert,
            Path tlsKey) {
        return new ServerOptions(
                "scenarios/" + scenario,
                scenario(scenario),
                data,
                dbUrl,
                null,
                null,
                "127.0.0.1",
                0,
                start,
                timeScale,
                ADMIN,
                perSecond,
                "test",
                tlsCert,
                tlsKey,
                ServerOptions.DEFAULT_LEASE_MS,
                null,
                maxLiveJobs,
                maxLiveJobsPerTenant);
    }

    /** The text of {@code scenarios/NAME} from the test resources, or of the file at an absolute path. */
    static String scenario(String name) {
        if (name.startsWith("/")) {
            try {
                return Files.readString(Path.of(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (InputStream in = LocalServer.class.getResourceAsStream("/scenarios/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test scenario " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Server server() {
        return server;
    }

    Http http() {
        int port = server.port();
        return Http.at(port);
    }

    /** A new token of {@code tenant}, issued with the admin token. */
    String tokenFor(String tenant) {
        return issueToken(http(), tenant).get("token").asText();
    }

    static com.fasterxml.jackson.databind.JsonNode issueToken(Http http, String tenant) {
        Http.Answer a =
                http.post("/v1/tenants/" + tenant + "/tokens").token(ADMIN).send();
        if (a.status() != 201) {
            throw new AssertionError("issuing a token of " + tenant + ": " + a);
        }
        return a.json();
    }

    /** The routes the running server registered. */
    List<Route> routes() {
        return routesOf(server);
    }

    /** The route table of {@code s}'s API, read from the server as it runs. */
    static List<Route> routesOf(Server s) {
        try {
            var field = Server.class.getDeclaredField("api");
            field.setAccessible(true);
            return ((ApiServer) field.get(s)).routes();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read the server's routes", e);
        }
    }

    /** Stops the server as an operator would and starts it again on the same data. */
    void restart() {
        restart(options.timeScale());
    }

    /** Stops the server and starts it again on the same data, its clock running at {@code timeScale} from now on. */
    void restart(double timeScale) {
        server.close();
        server = null;
        ServerOptions o = options;
        options = new ServerOptions(
                o.scenarioSource(),
                o.scenarioText(),
                o.dataDir(),
                o.dbUrl(),
                o.dbUser(),
                o.dbPassword(),
                o.host(),
                o.port(),
                o.start(),
                timeScale,
                o.adminToken(),
                o.requestsPerSecond(),
                o.version());
        server = Server.start(options, forecasting);
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
                server = null;
            }
        } finally {
            if (ownsData) {
                delete(options.dataDir());
            }
        }
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a folder left in the temporary folder harms nothing
        }
    }
}
