package io.ultrafleet.twin.replay.philly;

import java.util.List;

/**
 * The outcome of a Philly replay.
 *
 * @param policy the policy's name
 * @param servers servers in the pool
 * @param gpus their GPUs
 * @param vcs one row per virtual cluster: the VC list's order, then VCs without a share in order of appearance
 * @param all the row of all jobs
 * @param unseenJobs jobs of unseen work added beside the trace's (docs/replay.md)
 * @param unseenWork the unseen work's GPU time as a multiple of the trace jobs'
 * @param active active servers once a minute over the replay's window
 * @param largestStartedGang the most GPUs of a job that started
 * @param cycles scheduling cycles run
 */
public record PhillyResult(
        String policy,
        int servers,
        long gpus,
        List<VcTally> vcs,
        VcTally all,
        long unseenJobs,
        double unseenWork,
        ActiveSeries active,
        int largestStartedGang,
        long cycles) {

    /** The replay's window: whole days from the first submission's to the last's. */
    public long windowMs() {
        return active.endMs() - active.startMs();
    }
}
