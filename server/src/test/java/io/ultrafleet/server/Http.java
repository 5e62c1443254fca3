package io.ultrafleet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A small client of a server's API, as its users call it: HTTP/1.1 on loopback, JSON in and out. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Supplier<URI> base;

    /** A client of the server at {@code base} ({@code http://127.0.0.1:PORT}), looked up at each request. */
    Http(Supplier<URI> base) {
        this.base = base;
    }

    static Http at(int port) {
        URI uri = URI.create("http://127.0.0.1:" + port);
        return new Http(() -> uri);
    }

    /** An answer: its status, headers and body. */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        String contentType() {
            String type = header("Content-Type");
            return type == null ? null : type.split(";")[0].strip();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** A request to send; {@link #send()} sends it. */
    final class Request {
        private final String method;
        private final String path;
        private String token;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        private final List<String[]> headers = new ArrayList<>();

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Request token(String t) {
            this.token = t;
            return this;
        }

        Request header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        Request body(String json) {
            this.body = HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
            headers.add(new String[] {"Content-Type", "application/json"});
            return this;
        }

        /** A body sent in chunks, with no Content-Length: the server learns its size only by reading it. */
        Request chunked(Supplier<InputStream> in) {
            this.body = HttpRequest.BodyPublishers.ofInputStream(in);
            headers.add(new String[] {"Content-Type", "application/json"});
            return this;
        }

        /** Sends the request; a connection that fails is an {@link IOException}. */
        Answer trySend() throws IOException {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.get().resolve(path))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, body);
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            for (String[] h : headers) {
                b.header(h[0], h[1]);
            }
            try {
                HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
                return new Answer(r.statusCode(), r.headers().map(), r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        Answer send() {
            try {
                return trySend();
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + path + ": " + e, e);
            }
        }
    }

    Request get(String path) {
        return new Request("GET", path);
    }

    Request post(String path) {
        return new Request("POST", path);
    }

    Request put(String path) {
        return new Request("PUT", path);
    }

    Request delete(String path) {
        return new Request("DELETE", path);
    }

    Request request(String method, String path) {
        return new Request(method, path);
    }

    /** Every job {@code token} sees, in id order, read page by page. */
    List<JsonNode> allJobs(String token, String query) {
        List<JsonNode> out = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 10_000; page++) {
            String path = "/v1/jobs?limit=1000" + (query == null ? "" : "&" + query)
                    + (after == null ? "" : "&after=" + after);
            Answer a = get(path).token(token).send();
            if (a.status() != 200) {
                throw new AssertionError("GET " + path + ": " + a);
            }
            JsonNode json = a.json();
            json.get("items").forEach(out::add);
            if (json.get("next").isNull()) {
                return out;
            }
            after = json.get("next").asText();
        }
        throw new AssertionError("the job list never ended");
    }

    /** A job as JSON, for a queue; {@code extra} is more fields, written as JSON ({@code "a": 1, "b": "c"}). */
    static String job(String queue, int gpus, String duration, String extra) {
        return "{\"queue\": \"" + queue + "\", \"gpus\": " + gpus + ", \"duration\": \"" + duration + "\""
                + (extra == null || extra.isEmpty() ? "" : ", " + extra) + "}";
    }
}
