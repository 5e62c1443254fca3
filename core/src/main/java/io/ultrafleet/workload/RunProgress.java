package io.ultrafleet.workload;

/**
 * How far a job has got, in milliseconds of run time at full size, while its size may change. Between two changes
 * (start, resize) the job advances at {@code runGpus / fullGpus} full-size milliseconds per millisecond. A resize
 * takes effect at a checkpoint, so it loses no work; checkpoints recur every interval from the last start or resize.
 */
final class RunProgress {
    private final int fullGpus;
    private long anchorMs;
    private double doneAtAnchor;
    private int runGpus;

    RunProgress(int fullGpus) {
        this.fullGpus = fullGpus;
    }

    /** A run (re)starts at {@code now} on {@code gpus} GPUs from {@code saved} full-size ms of work. */
    void start(long now, int gpus, long saved) {
        anchorMs = now;
        doneAtAnchor = saved;
        runGpus = gpus;
    }

    /** The run continues from {@code now} on {@code gpus} GPUs. */
    void resize(long now, int gpus) {
        doneAtAnchor = doneAt(now);
        anchorMs = now;
        runGpus = gpus;
    }

    double doneAt(long t) {
        return doneAtAnchor + (t - anchorMs) * (double) runGpus / fullGpus;
    }

    /** Milliseconds from {@code now} until {@code totalMs} of full-size work is done at the current size. */
    long msToReach(long now, long totalMs) {
        double left = totalMs - doneAt(now);
        return Math.max(1, (long) Math.ceil(left * fullGpus / runGpus - 1e-6));
    }

    long anchorMs() {
        return anchorMs;
    }

    int runGpus() {
        return runGpus;
    }
}
