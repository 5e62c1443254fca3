package io.ultrafleet.server.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recent past of the live state, kept in memory for the dashboard's charts: every {@link #SAMPLE_WALL_MS} of wall
 * time the scheduler loop adds a sample of the GPUs allocated and free by model and of the jobs submitted and runs
 * started so far by queue; the oldest samples go once there are {@link #CAPACITY}. It starts empty when the server
 * starts.
 */
public final class LiveHistory {
    /** Wall milliseconds between samples. */
    public static final long SAMPLE_WALL_MS = 2_000;

    /** Samples kept: 12 hours of wall time. */
    public static final int CAPACITY = 21_600;

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

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
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

    synchronized void add(Sample s) {
        if (samples.size() == CAPACITY) {
            samples.removeFirst();
        }
        samples.addLast(s);
    }

    /** The samples taken at or after the server's time {@code from}, oldest first. */
    public synchronized List<Sample> since(long from) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (s.at() >= from) {
                out.add(s);
            }
        }
        return out;
    }
}
