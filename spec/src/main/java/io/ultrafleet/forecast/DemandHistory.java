package io.ultrafleet.forecast;

import io.ultrafleet.workload.JobRequest;
import java.util.List;
import java.util.Objects;

/**
 * What the recent past says about demand: the jobs submitted, and the runs that ended, up to a snapshot. A forecast
 * reads the window before its snapshot (7 days by default): when jobs of each queue were submitted and what they
 * asked for (sizes, declared durations, topology, checkpoints: the whole request), and how actual run times compare to
 * declared ones. Entries outside the window, or after the snapshot, are left out. A server fills it from its database
 * (at least the window's worth); the twin's back-test from the run so far.
 *
 * @param since from when the history is complete, in the scheduler's time: the server's (or run's) start, or any
 *     earlier instant when it has all of the window. Rates are counted over the part of the window after it
 * @param submitted jobs submitted (each request's {@code submitMs} says when), in any order
 * @param ended runs that ended, in any order
 */
public record DemandHistory(long since, List<JobRequest> submitted, List<Ended> ended) {
    /** No history: no arrivals, and declared durations taken as they are. */
    public static final DemandHistory NONE = new DemandHistory(Long.MAX_VALUE, List.of(), List.of());

    public DemandHistory {
        submitted = List.copyOf(submitted);
        ended = List.copyOf(ended);
    }

    /**
     * A job whose work ended (it completed, or its service withdrew it).
     *
     * @param request what was asked for, with the run time its user declared
     * @param endedAt when it ended, in the scheduler's time
     * @param runMs how long it really ran, at full size: its last run's length plus the work its checkpoints had kept
     *     from earlier runs
     */
    public record Ended(JobRequest request, long endedAt, long runMs) {
        public Ended {
            Objects.requireNonNull(request, "request");
            if (runMs < 0) {
                throw new IllegalArgumentException("run time must be >= 0: " + runMs);
            }
        }
    }
}
