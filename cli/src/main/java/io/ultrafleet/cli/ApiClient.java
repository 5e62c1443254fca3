package io.ultrafleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks to a running {@code ultrafleet serve}: JSON in and out, the token as a bearer, and the server's problem
 * details turned into one line for the user (a 4xx answer is bad input: exit status 2).
 */
final class ApiClient {
    /**
     * How long a request may take: longer than the server waits for anything before it answers (a forecast being made,
     * 60 s), so that the user reads the server's answer, not a time-out of the client's own.
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    /** How long a connection may take to open. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    static final ObjectMapper JSON = new ObjectMapper();

    /** {@code s} as one part of a URL's path or query: every reserved character escaped, a space as {@code %20}. */
    static String urlPart(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final Duration timeout;
    private final Duration connectTimeout;

    ApiClient(String server, String token) {
        this(server, token, REQUEST_TIMEOUT);
    }

    /** A client whose requests give up after {@code timeout} (tests wait less than a user would). */
    ApiClient(String server, String token, Duration timeout) {
        this(server, token, timeout, CONNECT_TIMEOUT);
    }

    /** As {@link #ApiClient(String, String, Duration)}, giving up on opening a connection after {@code connect}. */
    ApiClient(String server, String token, Duration timeout, Duration connect) {
        this.timeout = timeout;
        this.connectTimeout = connect;
        this.base = serverUri(server, null);
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(connect).build();
    }

    /**
     * {@code server} as the base of the API's URLs: an http or https URL with a host and, if any, a port from 1 to
     * 65535. Else bad input naming {@code --server}, or the environment variable {@code variable} when it gave it.
     */
    static URI serverUri(String server, String variable) {
        String s = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        URI uri = null;
        try {
            uri = URI.create(s);
        } catch (IllegalArgumentException e) {
            // refused below
        }
        String why = problem(uri);
        if (why == null) {
            return uri;
        }
        if (variable != null) {
            throw new BadInputException(variable + ": '" + server + "' " + why);
        }
        throw new BadFlagException("--server", server, why);
    }

    /** What keeps {@code uri} from being a server's address, or null when it is one. */
    private static String problem(URI uri) {
        String notUrl = "is not a URL like http://127.0.0.1:8080";
        if (uri == null || uri.getHost() == null) {
            return notUrl;
        }
        if (uri.getPort() > 65_535 || uri.getPort() == 0) {
            return "has no port from 1 to 65535";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "has a query or a fragment; give the server's address, such as http://127.0.0.1:8080";
        }
        if (uri.getRawUserInfo() != null) {
            return "has a user in it; the token goes in ULTRAFLEET_TOKEN";
        }
        return "http".equals(uri.getScheme()) || "https".equals(uri.getScheme()) ? null : notUrl;
    }

    /** The client of the server named by {@code --server} or ULTRAFLEET_SERVER, with ULTRAFLEET_TOKEN. */
    static ApiClient from(String serverFlag) {
        String server = serverFlag != null
                ? serverFlag
                : System.getenv().getOrDefault("ULTRAFLEET_SERVER", "http://127.0.0.1:8080");
        // checked before the token, and named as the user gave it: the flag, or the environment
        serverUri(server, serverFlag == null ? "ULTRAFLEET_SERVER" : null);
        String token = System.getenv("ULTRAFLEET_TOKEN");
        if (token == null || token.isBlank()) {
            throw new BadInputException("ULTRAFLEET_TOKEN is not set: give it the token the server's admin issued"
                    + " you (or the admin token, in the server's data folder as admin.token)");
        }
        return new ApiClient(server, token.strip());
    }

    JsonNode get(String path) {
        return send("GET", path, null, Map.of());
    }

    /**
     * The items of the list at {@code path} (a route answering {@code {items, next}}, its query given), page after
     * page of up to 1,000, at most {@code max} of them.
     */
    List<JsonNode> items(String path, int max) {
        List<JsonNode> out = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = get(path + (path.contains("?") ? "&" : "?") + "limit=" + Math.min(1000, max - out.size())
                    + (after == null ? "" : "&after=" + urlPart(after)));
            page.get("items").forEach(out::add);
            JsonNode next = page.get("next");
            after = next == null || next.isNull() ? null : next.asText();
        } while (after != null && out.size() < max);
        return out;
    }

    JsonNode post(String path, String body, String idempotencyKey) {
        return send("POST", path, body, idempotencyKey);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    JsonNode send(String method, String path, String body, String idempotencyKey) {
        return send(method, path, body, idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    /** Sends a request with {@code headers} besides the token's; a refusal (4xx) is a {@link Refused}. */
    JsonNode send(String method, String path, String body, Map<String, String> headers) {
        // after the base's own path, if it has one (a server behind a proxy at http://host/ultrafleet)
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new ServerUnreachable("cannot reach the server at " + base + " (is 'ultrafleet serve' running?"
                    + " set --server or ULTRAFLEET_SERVER)");
        } catch (HttpConnectTimeoutException e) {
            throw new ServerUnreachable("cannot reach the server at " + base + ": no connection within "
                    + connectTimeout.toSeconds() + " s (is the address right? set --server or ULTRAFLEET_SERVER)");
        } catch (HttpTimeoutException e) {
            throw new ServerUnreachable("the server at " + base + " did not answer within " + timeout.toSeconds()
                    + " s; it may be overloaded: try again, or ask its operator");
        } catch (javax.net.ssl.SSLHandshakeException e) {
            throw new ServerUnreachable(
                    "cannot reach the server at " + base + " securely: its certificate is not"
                            + " one this Java trusts (for a certificate of your own, give Java a trust store that holds it:"
                            + " ULTRAFLEET_JAVA_OPTS='-Djavax.net.ssl.trustStore=FILE -Djavax.net.ssl.trustStorePassword=PASS')");
        } catch (IOException e) {
            // a connection closed or reset before an answer: said without the HTTP library's words for it
            throw new ServerUnreachable("the server at " + base + " closed the connection without answering (is it"
                    + " an Ultrafleet server, and does it speak " + base.getScheme() + "?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachable("interrupted");
        }
        JsonNode answer = parse(r.body());
        if (r.statusCode() >= 400) {
            String detail = answer != null && answer.has("detail")
                    ? answer.get("detail").asText()
                    : "the server answered " + r.statusCode();
            if (r.statusCode() < 500) {
                throw new Refused(r.statusCode(), detail);
            }
            throw new ServerUnreachable(
                    r.statusCode() == 503
                            ? "the server cannot answer now (503): " + detail
                            : "the server failed (" + r.statusCode() + "): " + detail);
        }
        return answer;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The server refused the request (a 4xx answer): bad input, exit status 2, the server's detail as the message. */
    static final class Refused extends BadInputException {
        private static final long serialVersionUID = 1L;

        private final int status;

        Refused(int status, String detail) {
            super(detail);
            this.status = status;
        }

        /** The HTTP status: 404 for a thing that does not exist, 412 for a change whose precondition failed... */
        int status() {
            return status;
        }

        /**
         * This refusal in the words of the command's flags when it names one of the query parameters {@code params},
         * which flags of the same name gave ({@code query 'state': found...} becomes {@code --state: found...}); else
         * itself.
         */
        Refused asFlag(String... params) {
            for (String p : params) {
                String prefix = "query '" + p + "': ";
                if (getMessage().startsWith(prefix)) {
                    return new Refused(status, "--" + p + ": " + getMessage().substring(prefix.length()));
                }
            }
            return this;
        }

        /**
         * This refusal in the words of the command's flags when it names one of the body's {@code fields}, which flags
         * of the same name gave ({@code field 'gpus': found 0...} becomes {@code --gpus: found 0...}, and {@code field
         * 'models[1]': ...} becomes {@code --models: ...}); else itself.
         */
        Refused asBodyFlag(String... fields) {
            for (String f : fields) {
                Matcher m = Pattern.compile("field '" + Pattern.quote(f) + "(\\[\\d+])?': ")
                        .matcher(getMessage());
                if (m.lookingAt()) {
                    return new Refused(status, "--" + f + ": " + getMessage().substring(m.end()));
                }
            }
            return this;
        }
    }

    /** The server cannot be reached, or failed: exit status 1, the problem on one line. */
    static final class ServerUnreachable extends java.io.UncheckedIOException {
        private static final long serialVersionUID = 1L;

        ServerUnreachable(String message) {
            super(message, new IOException(message));
        }

        @Override
        public String getMessage() {
            return getCause().getMessage();
        }
    }
}
