package io.ultrafleet.workload;

/**
 * How far a job has got, in milliseconds of run time at full size, while its size may change. Between two changes
 * (start, resize) the job advances at {@code efficiency x runGpus / fullGpus} full-size milliseconds per millisecond,
 * after an initial {@code delay} (a restart) in which it makes no progress. The efficiency is below 1 when the job
 * stalls to write checkpoints. A resize takes effect at a checkpoint, so it loses no work; checkpoints recur every
 * interval from the last start or resize.
 */
final class RunProgress {
    private final int fullGpus;
    private long anchorMs;
    private double doneAtAnchor;
    private int runGpus;
    private long delayMs;
    private double efficiency = 1.0;

    RunProgress(int fullGpus) {
        this.fullGpus = fullGpus;
    }

    /** A copy of this progress, to go back to with {@link #setTo}. */
    RunProgress copy() {
        RunProgress c = new RunProgress(fullGpus);
        c.setTo(this);
        return c;
    }

    /** Takes the state of {@code other}, a copy of this one made earlier. */
    void setTo(RunProgress other) {
        anchorMs = other.anchorMs;
        doneAtAnchor = other.doneAtAnchor;
        runGpus = other.runGpus;
        delayMs = other.delayMs;
        efficiency = other.efficiency;
    }

    /**
     * A run (re)starts at {@code now} on {@code gpus} GPUs from {@code saved} full-size ms of work, making no progress
     * for its first {@code delay} ms, then progressing at {@code efficiency}.
     */
    void start(long now, int gpus, long saved, long delay, double efficiency) {
        anchorMs = now;
        doneAtAnchor = saved;
        runGpus = gpus;
        delayMs = delay;
        this.efficiency = efficiency;
    }

    /** The run continues from {@code now} on {@code gpus} GPUs. */
    void resize(long now, int gpus) {
        doneAtAnchor = doneAt(now);
        delayMs = Math.max(0, anchorMs + delayMs - now);
        anchorMs = now;
        runGpus = gpus;
    }

    /**
     * The run last changed size at {@code at} (on the GPUs it computes on now), with {@code done} full-size
     * milliseconds of work done by then: the clock as it stood after that resize.
     */
    void resizedTo(long at, double done) {
        delayMs = Math.max(0, anchorMs + delayMs - at);
        anchorMs = at;
        doneAtAnchor = done;
    }

    /** Full-size milliseconds of work done when the run started or last changed size. */
    double doneAtAnchor() {
        return doneAtAnchor;
    }

    private double rate() {
        return efficiency * runGpus / fullGpus;
    }

    double doneAt(long t) {
        return doneAtAnchor + Math.max(0, t - anchorMs - delayMs) * rate();
    }

    /** Milliseconds from {@code now} until {@code totalMs} of full-size work is done at the current size. */
    long msToReach(long now, long totalMs) {
        return msToReach(now, totalMs, runGpus);
    }

    /**
     * Milliseconds from {@code now} until {@code totalMs} of full-size work is done, had the run been on {@code gpus}
     * GPUs since its last start or resize at {@code now}.
     */
    long msToReach(long now, long totalMs, int gpus) {
        double left = totalMs - doneAt(now);
        long waiting = Math.max(0, anchorMs + delayMs - now);
        return Math.max(1, waiting + (long) Math.ceil(left / (efficiency * gpus / fullGpus) - 1e-6));
    }

    /** When the current run starts making progress: its start plus the restart delay. */
    long progressStartMs() {
        return anchorMs + delayMs;
    }

    long anchorMs() {
        return anchorMs;
    }

    int runGpus() {
        return runGpus;
    }
}
