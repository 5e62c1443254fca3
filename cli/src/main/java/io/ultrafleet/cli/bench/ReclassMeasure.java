package io.ultrafleet.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The change of class in {@code bench serve}: an admin moves the queue that holds every waiting job of the run
 * ({@code research/adhoc}) to another priority class, which re-ranks them all. It measures how long the change takes
 * to be answered, how long until every waiting job's row and line are written, and the longest commit of the
 * scheduler loop meanwhile (during which it schedules nothing).
 */
public final class ReclassMeasure {
    /**
     * What the change showed: the waiting jobs it re-ranked, the seconds until the {@code PUT} was answered, the seconds
     * from the answer until every job's row and line were written, and the longest commit of a turn, in seconds.
     */
    public record Reclass(long waitingJobs, double answerS, double writtenS, double longestCommitS) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OWING = Pattern.compile("ultrafleet_rerank_owing ([0-9.E+]+)");
    private static final Pattern COMMIT_MAX = Pattern.compile("ultrafleet_db_commit_seconds_max ([0-9.E+]+)");
    private static final String QUEUE = "/v1/queues/research/adhoc";

    private ReclassMeasure() {}

    /** Moves research/adhoc on the server at {@code port} to class {@code to}; gives up after ten minutes. */
    static Reclass measure(int port, String admin, String to) throws IOException, InterruptedException {
        String auth = "Authorization: Bearer " + admin;
        try (KeepAliveClient http = new KeepAliveClient(port)) {
            KeepAliveClient.Answer read = http.send("GET", QUEUE, null, auth);
            if (read.status() != 200) {
                throw new IllegalStateException("cannot read " + QUEUE + ": " + read.status() + " " + read.body());
            }
            JsonNode queue = JSON.readTree(read.body());
            ObjectNode settings = ((ObjectNode) queue.get("settings")).deepCopy();
            settings.put("priorityClass", to);
            long t0 = System.nanoTime();
            KeepAliveClient.Answer put = http.send(
                    "PUT",
                    QUEUE,
                    settings.toString(),
                    auth,
                    "Content-Type: application/json",
                    "If-Match: " + queue.get("etag").asText());
            long answered = System.nanoTime();
            if (put.status() != 200) {
                throw new IllegalStateException("the change of class was refused: " + put.status() + " " + put.body());
            }
            String metrics;
            do {
                if (System.nanoTime() - t0 > 600_000_000_000L) {
                    throw new IllegalStateException("the re-ranked jobs were not all written within 10 minutes");
                }
                Thread.sleep(20);
                metrics = http.send("GET", "/metrics", null).body();
            } while (value(OWING, metrics) > 0);
            long written = System.nanoTime();
            return new Reclass(
                    queue.get("pending").asLong(),
                    (answered - t0) / 1e9,
                    (written - answered) / 1e9,
                    value(COMMIT_MAX, metrics));
        }
    }

    private static double value(Pattern p, String metrics) {
        Matcher m = p.matcher(metrics);
        if (!m.find()) {
            throw new IllegalStateException(
                    "the server's metrics have no " + p.pattern().split(" ")[0]);
        }
        return Double.parseDouble(m.group(1));
    }
}
