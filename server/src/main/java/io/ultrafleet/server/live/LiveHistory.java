package io.ultrafleet.server.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recent past of the live state, kept in memory for the dashboard's charts: every {@link #SAMPLE_WALL_MS} of wall
 * time the leader's scheduler loop adds a sample of the GPUs allocated and free by model and of the jobs submitted and
 * runs started so far by queue. The last {@link #RECENT} samples are kept as taken; older ones are thinned to one a
 * minute of the server's clock, and none is kept past {@link #RETAIN_MS} of it. One sample a minute is also stored in
 * the database ({@link StoredSamples}), from where a server that starts or comes to lead, and a server standing by,
 * reads the samples it did not take itself.
 */
public final class LiveHistory {
    /** Wall milliseconds between samples. */
    public static final long SAMPLE_WALL_MS = 2_000;

    /** Samples kept as taken: 12 hours of wall time. */
    public static final int RECENT = 21_600;

    /** Milliseconds of the server's clock between two of the older samples kept, and between two stored ones. */
    public static final long THINNED_MS = 60_000;

    /** How far back samples are kept, in milliseconds of the server's clock: a week. */
    public static final long RETAIN_MS = 7 * 24 * 3_600_000L;

    /**
     * One sample.
     *
     * @param at the server's time
     * @param models the models of the fleet, in name order
     * @param allocated GPUs allocated, per model (as {@code models})
     * @param free GPUs free, per model
     * @param submitted jobs submitted so far, per queue id
     * @param started runs started so far, per queue id
     */
    public record Sample(
            long at, List<String> models, long[] allocated, long[] free, long[] submitted, long[] started) {}

    /** One a minute of the server's clock, older than every sample of {@link #recent}. */
    private final ArrayDeque<Sample> thinned = new ArrayDeque<>();

    private final ArrayDeque<Sample> recent = new ArrayDeque<>();
    private long lastWall = Long.MIN_VALUE;

    /** Adds a sample of {@code view} if {@link #SAMPLE_WALL_MS} passed since the last; called by the loop only. */
    void offer(LiveView view, long wallNow) {
        if (lastWall != Long.MIN_VALUE && wallNow - lastWall < SAMPLE_WALL_MS) {
            return;
        }
        lastWall = wallNow;
        Map<String, long[]> byModel = new TreeMap<>();
        for (LiveView.FleetCell c : view.fleet()) {
            long[] v = byModel.computeIfAbsent(c.model(), k -> new long[2]);
            v[0] += c.gpusAllocated();
            v[1] += c.gpusFree();
        }
        long[] allocated = new long[byModel.size()];
        long[] free = new long[byModel.size()];
        int i = 0;
        for (long[] v : byModel.values()) {
            allocated[i] = v[0];
            free[i++] = v[1];
        }
        add(new Sample(
                view.at(),
                List.copyOf(byModel.keySet()),
                allocated,
                free,
                view.submitted().clone(),
                view.started().clone()));
    }

    /**
     * Adds {@code s} after the samples held; a sample not later than the latest (a clock a little behind the former
     * leader's) is not added.
     */
    synchronized void add(Sample s) {
        Sample last = latest();
        if (last != null && s.at() <= last.at()) {
            return;
        }
        recent.addLast(s);
        if (recent.size() > RECENT) {
            Sample old = recent.removeFirst();
            if (thinned.isEmpty() || old.at() - thinned.getLast().at() >= THINNED_MS) {
                thinned.addLast(old);
            }
        }
        long from = s.at() - RETAIN_MS;
        while (!thinned.isEmpty() && thinned.getFirst().at() < from) {
            thinned.removeFirst();
        }
        while (!recent.isEmpty() && recent.getFirst().at() < from) {
            recent.removeFirst();
        }
    }

    /** The latest sample held, or null. */
    synchronized Sample latest() {
        return recent.isEmpty() ? thinned.peekLast() : recent.getLast();
    }

    /** The samples taken at or after the server's time {@code from}, oldest first. */
    public synchronized List<Sample> since(long from) {
        List<Sample> out = new ArrayList<>();
        for (ArrayDeque<Sample> part : List.of(thinned, recent)) {
            for (Sample s : part) {
                if (s.at() >= from) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
