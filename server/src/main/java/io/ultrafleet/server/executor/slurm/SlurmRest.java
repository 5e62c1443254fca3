package io.ultrafleet.server.executor.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One cluster's {@code slurmrestd}, spoken with JWT headers: its nodes, its jobs, submitting and signalling a job. The
 * REST version is the newest one the cluster serves that this client knows ({@link #KNOWN}); paths and fields are
 * those of Slurm 22.05's {@code openapi/v0.0.36} to {@code v0.0.38}, which agree on everything used here.
 */
public final class SlurmRest {
    /** The REST versions this client speaks, newest first. */
    public static final List<String> KNOWN = List.of("v0.0.38", "v0.0.37", "v0.0.36");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A call that did not get an answer, or got one it cannot use. */
    public static final class Unreachable extends IOException {
        Unreachable(String message) {
            super(message);
        }
    }

    /** Slurm answered, and refused. */
    public static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /** A node as Slurm reports it. */
    public record Node(String name, String state, List<String> flags, String features, String gres) {}

    /** A job as Slurm reports it. */
    public record Job(
            long id, String name, String comment, String state, List<String> nodes, int exitCode, long startTime) {}

    private final SlurmSettings.Cluster cluster;
    private final HttpClient http;
    private String version;

    public SlurmRest(SlurmSettings.Cluster cluster) {
        this.cluster = cluster;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The version chosen, or null before the first successful {@link #chooseVersion}. */
    public String version() {
        return version;
    }

    /**
     * Picks the newest REST version that both the cluster serves and this client knows: the configured list when
     * given, tried newest first, each with a ping.
     *
     * @throws Refused when the cluster serves none of them
     */
    public String chooseVersion() throws IOException {
        if (version != null) {
            return version;
        }
        List<String> tried = new ArrayList<>();
        for (String v : KNOWN) {
            if (!cluster.apiVersions().isEmpty() && !cluster.apiVersions().contains(v)) {
                continue;
            }
            tried.add(v);
            HttpResponse<String> r = send(request("/slurm/" + v + "/ping").GET());
            if (r.statusCode() == 200) {
                version = v;
                return v;
            }
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                throw new Refused("slurmrestd of cluster " + cluster.name() + " refuses the token for user "
                        + cluster.user() + " (HTTP " + r.statusCode() + ")");
            }
        }
        throw new Refused(
                "slurmrestd of cluster " + cluster.name() + " at " + cluster.url() + " serves none of the REST"
                        + " versions Ultrafleet knows (" + String.join(", ", tried.isEmpty() ? KNOWN : tried)
                        + "); Slurm 22.05 serves v0.0.36 to v0.0.38");
    }

    public List<Node> nodes() throws IOException {
        JsonNode body = call("GET", "/nodes", null);
        List<Node> out = new ArrayList<>();
        for (JsonNode n : body.path("nodes")) {
            List<String> flags = new ArrayList<>();
            n.path("state_flags").forEach(f -> flags.add(f.asText()));
            out.add(new Node(
                    n.path("name").asText(),
                    n.path("state").asText(),
                    flags,
                    n.path("active_features").asText(n.path("features").asText("")),
                    n.path("gres").asText("")));
        }
        return out;
    }

    public List<Job> jobs() throws IOException {
        JsonNode body = call("GET", "/jobs", null);
        List<Job> out = new ArrayList<>();
        for (JsonNode j : body.path("jobs")) {
            List<String> nodes = new ArrayList<>();
            for (JsonNode n : j.path("job_resources").path("allocated_nodes")) {
                nodes.add(n.path("nodename").asText());
            }
            out.add(new Job(
                    j.path("job_id").asLong(),
                    j.path("name").asText(""),
                    j.path("comment").asText(""),
                    j.path("job_state").asText(""),
                    nodes,
                    j.path("exit_code").asInt(0),
                    j.path("start_time").asLong(0)));
        }
        return out;
    }

    /** Submits a batch job; returns Slurm's job id. */
    public long submit(String script, ObjectNode job) throws IOException {
        ObjectNode req = JSON.createObjectNode();
        req.put("script", script);
        req.set("job", job);
        JsonNode body = call("POST", "/job/submit", req);
        long id = body.path("job_id").asLong(-1);
        if (id <= 0) {
            throw new Refused("no job id in slurmrestd's answer: " + errors(body));
        }
        return id;
    }

    /** Sends {@code signal} to the job (its batch shell and steps), or with null ends it as Slurm's cancel does. */
    public void signal(long slurmId, String signal) throws IOException {
        call("DELETE", "/job/" + slurmId + (signal == null ? "" : "?signal=" + signal), null);
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException {
        String v = chooseVersion();
        HttpRequest.Builder b = request("/slurm/" + v + path);
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = send(b);
        JsonNode answer;
        try {
            answer = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new Unreachable(cluster.name() + ": " + method + " " + path + " answered HTTP " + r.statusCode()
                    + " with a body that is not JSON");
        }
        String errors = errors(answer);
        if (r.statusCode() >= 500 && errors.isEmpty()) {
            throw new Unreachable(cluster.name() + ": " + method + " " + path + " answered HTTP " + r.statusCode());
        }
        if (r.statusCode() >= 300 || !errors.isEmpty()) {
            throw new Refused(cluster.name() + ": " + method + " " + path + " refused (HTTP " + r.statusCode() + ")"
                    + (errors.isEmpty() ? "" : ": " + errors));
        }
        return answer;
    }

    private static String errors(JsonNode body) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : body.path("errors")) {
            String text = e.path("description").asText(e.path("error").asText(""));
            if (!text.isEmpty()) {
                out.add(text);
            }
        }
        return String.join("; ", out);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(cluster.url().toString().replaceAll("/+$", "") + path))
                .timeout(Duration.ofSeconds(5))
                .header("X-SLURM-USER-NAME", cluster.user())
                .header("X-SLURM-USER-TOKEN", cluster.token());
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Unreachable {
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable(
                    "slurmrestd of cluster " + cluster.name() + " at " + cluster.url() + " cannot be reached: "
                            + (e.getMessage() != null
                                    ? e.getMessage()
                                    : e instanceof java.net.ConnectException
                                            ? "connection refused"
                                            : e instanceof java.net.http.HttpTimeoutException
                                                    ? "no answer in time"
                                                    : "the connection failed"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
    }
}
