package io.ultrafleet.forecast;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A forecast from one snapshot: when each queued job is expected to start, when each running job is expected to end,
 * and the fleet's allocation and queue lengths ahead, each as the spread of its replications. An instant is null when
 * it falls after the horizon (the job had not started, or ended, by then in that share of the replications).
 *
 * @param snapshotAt when the snapshot was taken
 * @param tookMs how long the forecast took to compute (wall time, as the caller's ticker measures it)
 * @param replications how many runs of the twin it rests on
 * @param horizon how far the runs went
 * @param starts per queued job id, in the snapshot's order
 * @param ends per running job id, in the snapshot's order
 * @param bands the fleet ahead
 */
public record Forecast(
        Instant snapshotAt,
        long tookMs,
        int replications,
        Instant horizon,
        Map<Long, JobStart> starts,
        Map<Long, JobEnd> ends,
        FleetBands bands) {

    public Forecast {
        Objects.requireNonNull(snapshotAt, "snapshotAt");
        Objects.requireNonNull(horizon, "horizon");
        starts = Collections.unmodifiableMap(new LinkedHashMap<>(starts));
        ends = Collections.unmodifiableMap(new LinkedHashMap<>(ends));
        Objects.requireNonNull(bands, "bands");
    }

    /**
     * A queued job's start: the 10th, 50th and 90th percentiles over the replications (null: after the horizon), and
     * the share of replications in which it started within an hour, a day and a week of the snapshot (null for a span
     * that reaches past the horizon: the runs did not look that far).
     */
    public record JobStart(
            long jobId,
            Instant p10,
            Instant p50,
            Instant p90,
            Double withinHour,
            Double withinDay,
            Double withinWeek) {}

    /** A running job's end: the 10th, 50th and 90th percentiles over the replications (null: after the horizon). */
    public record JobEnd(long jobId, Instant p10, Instant p50, Instant p90) {}

    /**
     * The fleet ahead, one point per band step from the snapshot to the horizon.
     *
     * @param at the points
     * @param allocatedGpus GPUs allocated to jobs
     * @param queueLength per queue ({@code tenant/queue}), the jobs waiting
     */
    public record FleetBands(List<Instant> at, Band allocatedGpus, Map<String, Band> queueLength) {
        public FleetBands {
            at = List.copyOf(at);
            queueLength = Collections.unmodifiableMap(new LinkedHashMap<>(queueLength));
        }

        /** No points: what a forecast of one job's start, which runs only until that start, carries. */
        public static FleetBands none() {
            return new FleetBands(List.of(), new Band(List.of(), List.of(), List.of()), Map.of());
        }
    }

    /** A quantity's 10th, 50th and 90th percentiles over the replications, one value per band point. */
    public record Band(List<Long> p10, List<Long> p50, List<Long> p90) {
        public Band {
            p10 = List.copyOf(p10);
            p50 = List.copyOf(p50);
            p90 = List.copyOf(p90);
        }
    }
}
