package io.ultrafleet.twin.replay.philly;

import io.ultrafleet.twin.metrics.LongSamples;
import io.ultrafleet.workload.WaitReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one virtual cluster's jobs (or all of them) went through: how many were submitted, started and completed,
 * their queueing delays and completion times (seconds), GPU time (its trace jobs and the unseen work that stands with
 * them) inside the replay's window, and why jobs that never started waited.
 */
public final class VcTally {
    private final String name;
    private final boolean hasShare;
    private final long shareGpus;
    private long jobs;
    private long started;
    private long completed;
    private final LongSamples waitS = new LongSamples();
    private final LongSamples jctS = new LongSamples();
    private long gpuMs;
    private final Map<WaitReason, Long> neverStarted = new EnumMap<>(WaitReason.class);

    VcTally(String name, boolean hasShare, long shareGpus) {
        this.name = name;
        this.hasShare = hasShare;
        this.shareGpus = shareGpus;
    }

    void submitted() {
        jobs++;
    }

    void started(long waitMs) {
        started++;
        waitS.add(waitMs / 1000);
    }

    void completed(long jctMs) {
        completed++;
        jctS.add(jctMs / 1000);
    }

    void gpuTime(long ms) {
        gpuMs += ms;
    }

    void neverStarted(WaitReason why) {
        neverStarted.merge(why, 1L, Long::sum);
    }

    public String name() {
        return name;
    }

    /** False for a VC the VC list does not name: its jobs ran on capacity no VC holds. */
    public boolean hasShare() {
        return hasShare;
    }

    /** GPUs of its share (for the row of all VCs, the fleet's). */
    public long shareGpus() {
        return shareGpus;
    }

    public long jobs() {
        return jobs;
    }

    public long started() {
        return started;
    }

    public long completed() {
        return completed;
    }

    /** Queueing delay, seconds, of the jobs that started. */
    public LongSamples waitS() {
        return waitS;
    }

    /** Job completion time (submission to end), seconds, of the jobs that completed. */
    public LongSamples jctS() {
        return jctS;
    }

    /** GPU-milliseconds used inside the replay's window. */
    public long gpuMs() {
        return gpuMs;
    }

    /** Jobs that never started, by the reason they last waited for. */
    public Map<WaitReason, Long> neverStarted() {
        return neverStarted;
    }

    /** GPU time used over the GPU time of its share during {@code windowMs}; 0 without a share. */
    public double utilisation(long windowMs) {
        return shareGpus == 0 ? 0 : gpuMs / ((double) shareGpus * windowMs);
    }
}
