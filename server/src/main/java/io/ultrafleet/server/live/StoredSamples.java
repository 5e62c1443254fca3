package io.ultrafleet.server.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.FleetSamples;
import io.ultrafleet.server.store.JobCounts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The samples of {@link LiveHistory} kept in the database, so that the dashboard's charts go back past a restart and a
 * change of leader: the leader stores one a minute of the server's clock with its turn's commit (fenced like the
 * rest of it), and a server reads those it did not take itself when it starts, while it stands by, and when it comes
 * to lead. A new leader carries the stored counts of submissions and starts on, with what the former leader counted
 * after its last stored sample (read back from the jobs), so that rates across the change are the jobs that came in
 * between.
 */
final class StoredSamples {
    private static final Logger LOG = LoggerFactory.getLogger(StoredSamples.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The most samples read at once: a week of them, and then some. */
    private static final int READ_LIMIT = 20_000;

    private final Database db;
    /** The server's time of the last sample stored, by this server or read from the database. */
    private long lastStoredAt = Long.MIN_VALUE;
    /** The sample put in the turn's changes, stored once they are committed. */
    private long pendingAt = Long.MIN_VALUE;

    StoredSamples(Database db) {
        this.db = db;
    }

    /** Reads into {@code history} the samples stored after its latest, as far back from {@code now} as it keeps. */
    void catchUp(LiveHistory history, long now) {
        LiveHistory.Sample latest = history.latest();
        long after = Math.max(now - LiveHistory.RETAIN_MS, latest == null ? Long.MIN_VALUE : latest.at());
        List<FleetSamples.Row> rows = db.withHandle(h -> FleetSamples.after(h, after, READ_LIMIT));
        for (FleetSamples.Row r : rows) {
            LiveHistory.Sample s = decode(r);
            if (s != null) {
                history.add(s);
            }
            lastStoredAt = Math.max(lastStoredAt, r.at());
        }
    }

    /**
     * The server comes to lead, with {@code history} caught up: the counts of submissions and starts go on from its
     * latest sample, plus the jobs submitted after it and the runs started after it (those of jobs that have ended, from
     * the database, and those of the jobs the server holds, from {@code liveStartsAfter}, per queue id), and samples
     * are stored after it. A run started after the sample and another of the same job started later count as one.
     */
    void lead(LiveHistory history, QueueTallies tallies, LongFunction<long[]> liveStartsAfter) {
        LiveHistory.Sample latest = history.latest();
        if (latest != null) {
            long at = latest.at();
            long[] submitted = latest.submitted();
            long[] started = plus(latest.started(), liveStartsAfter.apply(at));
            if (db != null) {
                JobCounts.Since since = db.withHandle(h -> JobCounts.after(h, at));
                submitted = plus(submitted, since.submitted());
                started = plus(started, since.endedRunsStarted());
            }
            tallies.atLeast(submitted, started);
            lastStoredAt = Math.max(lastStoredAt, at);
        }
        pendingAt = Long.MIN_VALUE;
    }

    private static long[] plus(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, Math.max(a.length, b.length));
        for (int i = 0; i < b.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    /**
     * Puts the latest sample of {@code history} in {@code changes} when a minute of the server's clock passed since the
     * last stored; says whether it did.
     */
    boolean due(LiveHistory history, Changes changes) {
        LiveHistory.Sample s = history.latest();
        if (s == null || (lastStoredAt != Long.MIN_VALUE && s.at() - lastStoredAt < LiveHistory.THINNED_MS)) {
            return false;
        }
        changes.sampleAt = s.at();
        changes.sampleBody = encode(s);
        pendingAt = s.at();
        return true;
    }

    /** The turn's changes were committed: their sample is stored. */
    void committed() {
        if (pendingAt != Long.MIN_VALUE) {
            lastStoredAt = Math.max(lastStoredAt, pendingAt);
            pendingAt = Long.MIN_VALUE;
        }
    }

    static String encode(LiveHistory.Sample s) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode models = o.putArray("models");
        s.models().forEach(models::add);
        put(o, "allocated", s.allocated());
        put(o, "free", s.free());
        put(o, "submitted", s.submitted());
        put(o, "started", s.started());
        return o.toString();
    }

    /** The sample of {@code r}, or null (with a warning) when its body cannot be read. */
    static LiveHistory.Sample decode(FleetSamples.Row r) {
        try {
            JsonNode o = JSON.readTree(r.body());
            List<String> models = new ArrayList<>();
            for (JsonNode m : array(o, "models")) {
                models.add(m.asText());
            }
            long[] allocated = longs(o, "allocated");
            long[] free = longs(o, "free");
            if (allocated.length != models.size() || free.length != models.size()) {
                throw new IOException("models, allocated and free differ in length");
            }
            return new LiveHistory.Sample(
                    r.at(), List.copyOf(models), allocated, free, longs(o, "submitted"), longs(o, "started"));
        } catch (IOException e) {
            LOG.warn(
                    "the fleet sample stored at {} cannot be read, and is left out of the charts: {}",
                    r.at(),
                    e.getMessage());
            return null;
        }
    }

    private static void put(ObjectNode o, String field, long[] values) {
        ArrayNode a = o.putArray(field);
        for (long v : values) {
            a.add(v);
        }
    }

    private static JsonNode array(JsonNode o, String field) throws IOException {
        JsonNode a = o.get(field);
        if (a == null || !a.isArray()) {
            throw new IOException("no array '" + field + "'");
        }
        return a;
    }

    private static long[] longs(JsonNode o, String field) throws IOException {
        JsonNode a = array(o, field);
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).canConvertToLong()) {
                throw new IOException("'" + field + "' holds a value that is not a whole number");
            }
            out[i] = a.get(i).asLong();
        }
        return out;
    }
}
