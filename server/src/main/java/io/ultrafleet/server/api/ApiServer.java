package io.ultrafleet.server.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.ultrafleet.server.StartupException;
import io.ultrafleet.server.auth.Principal;
import io.ultrafleet.spec.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API on Jetty: the route table registered with authentication, per-caller rate limits and a body size
 * limit in front of each route, and every error answered as problem details.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /** The largest request body: 1 MiB. */
    public static final long MAX_BODY = 1L << 20;

    /** The largest request line and headers, together: 16 KiB; a request over it gets 431 (or 414 for its line). */
    public static final int MAX_HEADERS = 16 * 1024;

    /**
     * How long a connection may stay silent, in milliseconds: 30 s. A client that opens connections and leaves them
     * idle, or stops reading its answer, has them closed after this.
     */
    public static final long IDLE_TIMEOUT_MS = 30_000;

    /** How much of a refused body is read and dropped before the 413 is written. */
    private static final long DISCARD_LIMIT = 16L << 20;

    private final ServerContext c;
    private final RateLimiter limiter;
    private final List<Route> routes = new ArrayList<>();
    private final Javalin app;

    /**
     * Starts the API on {@code host}:{@code port} (0 for any free port).
     *
     * @param requestsPerSecond each caller's request rate, above which it gets 429
     */
    public ApiServer(
            ServerContext c,
            String host,
            int port,
            double requestsPerSecond,
            String version,
            org.eclipse.jetty.util.ssl.SslContextFactory.Server tls) {
        this.c = c;
        this.limiter = new RateLimiter(requestsPerSecond);
        routes.add(Route.of("GET", "/healthz", Route.Access.PUBLIC, "The process is up", 200, this::health));
        routes.add(Route.of(
                "GET",
                "/readyz",
                Route.Access.PUBLIC,
                "The database answers and the state is loaded; says whether this server leads or stands by",
                200,
                this::ready));
        routes.add(Route.of("GET", "/metrics", Route.Access.PUBLIC, "Prometheus metrics", 200, this::metrics));
        // under /v1, so it needs a token as every /v1 route does
        routes.add(Route.of(
                "GET", "/v1/openapi.json", Route.Access.TOKEN, "This API's OpenAPI description", 200, this::openApi));
        routes.addAll(new JobRoutes(c).routes());
        routes.addAll(new QueueRoutes(c).routes());
        routes.addAll(new FleetRoutes(c).routes());
        routes.addAll(new ForecastRoutes(c).routes());
        routes.addAll(new FleetMapRoutes(c).routes());
        routes.addAll(new FleetHistoryRoutes(c).routes());
        routes.addAll(new TokenRoutes(c).routes());
        routes.addAll(new AuditRoutes(c).routes());
        String doc = OpenApiDoc.of(routes, version).toPrettyString();
        this.openApiText = doc;
        Javalin created = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = host;
            cfg.jetty.port = port;
            cfg.http.maxRequestSize = MAX_BODY;
            // a path the server knows asked with another method is 405 with the methods it takes, not 404
            cfg.http.prefer405over404 = true;
            cfg.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_HEADERS));
            // Jetty's own refusals (not HTTP, headers too large) as problem details too
            cfg.jetty.modifyServer(server -> server.setErrorHandler(
                    new ProblemErrorHandler(status -> c.metrics().rejected(reason(status)))));
            if (tls != null) {
                cfg.jetty.addConnector((server, http) -> {
                    org.eclipse.jetty.server.HttpConfiguration https =
                            new org.eclipse.jetty.server.HttpConfiguration(http);
                    https.setRequestHeaderSize(MAX_HEADERS);
                    https.addCustomizer(new org.eclipse.jetty.server.SecureRequestCustomizer());
                    org.eclipse.jetty.server.ServerConnector connector = new org.eclipse.jetty.server.ServerConnector(
                            server,
                            new org.eclipse.jetty.server.SslConnectionFactory(tls, "http/1.1"),
                            new org.eclipse.jetty.server.HttpConnectionFactory(https));
                    connector.setHost(host);
                    connector.setPort(port);
                    return connector;
                });
            }
            Dashboard.serve(cfg);
            for (Route r : routes) {
                Handler h = guarded(r);
                switch (r.method()) {
                    case "GET" -> cfg.routes.get(r.path(), h);
                    case "POST" -> cfg.routes.post(r.path(), h);
                    case "PUT" -> cfg.routes.put(r.path(), h);
                    case "DELETE" -> cfg.routes.delete(r.path(), h);
                    default -> throw new IllegalStateException(r.method());
                }
            }
            cfg.routes.exception(ApiException.class, (e, ctx) -> problem(ctx, e.problem()));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, fromJavalin(e, ctx)));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                if (io.ultrafleet.server.store.Database.isUnreachable(e)) {
                    problem(
                            ctx,
                            ApiException.unavailable("the database does not answer; nothing was changed, retry", 2)
                                    .problem());
                    return;
                }
                Problem unreadable = ProblemErrorHandler.unreadable(e);
                if (unreadable != null) {
                    problem(ctx, unreadable);
                    return;
                }
                LOG.error("request {} {} failed: {}", ctx.method(), ctx.path(), e.toString(), e);
                problem(ctx, Problem.of(500, "Internal error", "the server failed on this request; see its log"));
            });
            cfg.routes.error(404, "*", ctx -> {
                if (ctx.result() == null) {
                    problem(ctx, Problem.of(404, "Not found", "no route " + ctx.method() + " " + ctx.path()));
                }
            });
            cfg.routes.error(405, "*", ctx -> {
                if (ctx.result() == null) {
                    problem(ctx, Problem.of(405, "Method not allowed", ctx.method() + " " + ctx.path()));
                }
            });
        });
        try {
            this.app = created.start();
            for (org.eclipse.jetty.server.Connector k :
                    app.jettyServer().server().getConnectors()) {
                if (k instanceof org.eclipse.jetty.server.AbstractConnector a) {
                    a.setIdleTimeout(IDLE_TIMEOUT_MS);
                }
            }
        } catch (RuntimeException e) {
            throw new StartupException("cannot listen on " + host + ":" + port + ": " + listenProblem(e), e);
        }
    }

    private final String openApiText;

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** The routes it serves, as registered. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    private Handler guarded(Route r) {
        return ctx -> {
            String length = ctx.header("Content-Length");
            if (length != null) {
                try {
                    if (Long.parseLong(length.strip()) > MAX_BODY) {
                        throw tooLarge();
                    }
                } catch (NumberFormatException e) {
                    throw ApiException.badRequest("header 'Content-Length' is not a number");
                }
            }
            if (r.access() != Route.Access.PUBLIC) {
                Principal p = authenticate(ctx);
                long wait = limiter.take(p.admin() ? "" : p.tenant());
                if (wait > 0) {
                    ctx.header("Retry-After", Long.toString(wait));
                    throw new ApiException(new Problem(
                            "about:blank",
                            "Too many requests",
                            429,
                            "over this caller's request rate; retry after " + wait + " s",
                            null,
                            wait));
                }
                if (r.access() == Route.Access.ADMIN) {
                    Callers.admin(ctx);
                }
                // the API's routes only: probes and scrapers of /healthz, /readyz and /metrics may add their own
                checkQuery(r, ctx.queryParamMap());
                checkNoBody(r, ctx);
            }
            r.handler().handle(ctx);
        };
    }

    /**
     * Refuses a query parameter the route does not read, or one given more than once: either would otherwise be
     * dropped without a word (a misspelt filter lists everything; a second value is never read).
     */
    static void checkQuery(Route r, Map<String, List<String>> query) {
        for (Map.Entry<String, List<String>> q : query.entrySet()) {
            String name = Cursor.shorten(q.getKey());
            if (!r.query().contains(q.getKey())) {
                throw ApiException.badField(
                        name,
                        "query '" + name + "': found a parameter " + r.method() + " " + r.path() + " does not read"
                                + DidYouMean.hint(q.getKey(), r.query()) + ", allowed "
                                + (r.query().isEmpty() ? "none" : String.join(", ", r.query())));
            }
            if (q.getValue().size() > 1) {
                throw ApiException.badField(
                        name, "query '" + name + "': found it " + q.getValue().size() + " times, allowed once");
            }
        }
    }

    /** Refuses a request body sent to a route that reads none: it would otherwise be dropped without a word. */
    private static void checkNoBody(Route r, Context ctx) {
        if (r.body() != null) {
            return;
        }
        String length = ctx.header("Content-Length");
        boolean mayHaveOne =
                ctx.header("Transfer-Encoding") != null || (length != null && Long.parseLong(length.strip()) > 0);
        if (mayHaveOne && ctx.bodyAsBytes().length > 0) {
            throw ApiException.badRequest(
                    "found a request body, which " + r.method() + " " + r.path() + " does not read; allowed none");
        }
    }

    private Principal authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiException.unauthorized("a token is needed: 'Authorization: Bearer TOKEN'");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("the Authorization header must be 'Bearer TOKEN'");
        }
        Principal p = c.auth().identify(header.substring(7).strip()).orElse(null);
        if (p == null) {
            throw ApiException.unauthorized("the token is unknown or revoked");
        }
        ctx.attribute(Callers.ATTRIBUTE, p);
        return p;
    }

    /**
     * Reads and drops what is left of a refused body, up to {@link #DISCARD_LIMIT}, so a client that sends its whole
     * body before reading (one that does not use {@code Expect: 100-continue}) reads the 413 instead of a reset
     * connection. A longer body is not read: the connection is closed after the answer.
     */
    private static void discardBody(Context ctx) {
        String length = ctx.header("Content-Length");
        try {
            if (length != null && Long.parseLong(length.strip()) > DISCARD_LIMIT) {
                ctx.header("Connection", "close");
                return;
            }
        } catch (NumberFormatException e) {
            return;
        }
        try (java.io.InputStream in = ctx.req().getInputStream()) {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while (total <= DISCARD_LIMIT && (n = in.read(buf)) >= 0) {
                total += n;
            }
            if (total > DISCARD_LIMIT) {
                ctx.header("Connection", "close");
            }
        } catch (java.io.IOException | RuntimeException e) {
            ctx.header("Connection", "close");
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(Problem.of(413, "Content too large", "the request body is over 1 MiB"));
    }

    private static Problem fromJavalin(HttpResponseException e, Context ctx) {
        if (e.getStatus() == 413) {
            return Problem.of(413, "Content too large", "the request body is over 1 MiB");
        }
        if (e.getStatus() == 404) {
            return Problem.of(404, "Not found", "no route " + ctx.method() + " " + ctx.path());
        }
        if (e.getStatus() == 405) {
            String allowed = e.getDetails().get("availableMethods");
            if (allowed == null || allowed.isBlank()) {
                return Problem.of(405, "Method not allowed", "no route " + ctx.method() + " " + ctx.path());
            }
            ctx.header("Allow", allowed);
            return Problem.of(
                    405,
                    "Method not allowed",
                    "no route " + ctx.method() + " " + ctx.path() + "; allowed " + allowed + " on this path");
        }
        return Problem.of(e.getStatus(), "Error", e.getMessage() == null ? "error" : e.getMessage());
    }

    private void problem(Context ctx, Problem p) {
        c.metrics().rejected(Problem.TOO_MANY_JOBS.equals(p.type()) ? "too_many_jobs" : reason(p.status()));
        if (p.status() == 413) {
            discardBody(ctx);
        }
        if (p.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Long.toString(p.retryAfterSeconds()));
        }
        try {
            ctx.status(p.status()).contentType(Problem.MEDIA_TYPE).result(Json.MAPPER.writeValueAsBytes(p));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "too_large";
            case 408 -> "timeout";
            case 414, 431 -> "headers_too_large";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            default -> status >= 500 ? "server_error" : "other";
        };
    }

    private void health(Context ctx) {
        Json.answer(ctx, 200, Map.of("status", "up"));
    }

    private void ready(Context ctx) {
        boolean db = c.db().reachable();
        boolean loaded = c.loop().ready();
        if (!db || !loaded) {
            throw ApiException.unavailable(!db ? "the database does not answer" : "the state is not loaded", 1);
        }
        Map<String, Object> o = new java.util.LinkedHashMap<>();
        Map<String, Boolean> clusters = c.executor().clusters();
        // a cluster that cannot be reached keeps its jobs and gets no new work; the server still serves
        boolean all = !clusters.containsValue(false);
        o.put("status", all ? "ready" : "degraded");
        o.put("role", c.loop().leading() ? "leader" : "standby");
        o.put("epoch", c.leadership().epoch());
        o.put("leader", c.leadership().leaderUrl());
        if (!clusters.isEmpty()) {
            Map<String, String> states = new java.util.LinkedHashMap<>();
            clusters.forEach((name, up) -> states.put(name, up ? "reachable" : "unreachable"));
            o.put("clusters", states);
        }
        Json.answer(ctx, 200, o);
    }

    private void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(c.metrics().scrape());
    }

    private void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApiText);
    }

    /** Why the server could not listen, in the words of its flags (never a Java class's name). */
    static String listenProblem(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? "" : t.getMessage();
        if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
            return "--bind names no address this machine can resolve (give an IP address, such as 127.0.0.1 or"
                    + " 0.0.0.0, or a name of this machine)";
        }
        if (m.contains("Address already in use")) {
            return "another program listens on that port (give another --port, or 0 for a free one)";
        }
        if (m.contains("Cannot assign requested address")) {
            return "--bind is not an address of this machine (give one of its own, such as 127.0.0.1 or 0.0.0.0)";
        }
        if (m.contains("Permission denied")) {
            return "permission denied (ports below 1024 need privileges: give a --port from 1024)";
        }
        return m.isEmpty() ? "the network refused it" : m;
    }

    @Override
    public void close() {
        app.stop();
    }
}
