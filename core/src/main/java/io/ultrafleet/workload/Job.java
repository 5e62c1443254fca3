package io.ultrafleet.workload;

/**
 * A training job: a gang of {@code gpus} accelerators that runs for {@code durationMs} once placed, all or nothing.
 * Jobs are objects (there are few of them next to GPUs); a job is dropped once it has ended and been counted.
 */
public final class Job {
    private final long id;
    private final String name;
    private final int queue;
    private final int priority;
    private final long submitMs;
    private final int gpus;
    private final long durationMs;
    private final TopologyLevel required;
    private final TopologyLevel preferred;
    private final long modelMask;

    private long runtimeEstimateMs;
    private int minGpus;
    private final RunProgress progress;
    private long checkpointIntervalMs;
    private long checkpointStallMs;
    private long restartOverheadMs;
    private long workDoneMs;
    private int runs;
    private int allocationVersion;
    private long expectedEnd;
    private boolean restartOnResize;
    private long gangMissVersion = -1;
    private long growMissVersion = -1;
    private long preemptionRetryAtMs;
    private long preemptionBackoffMs;
    private JobState state = JobState.PENDING;
    private long startMs = -1;
    private long firstStartMs = -1;
    private int[] racks = new int[0];
    private long[] masks = new long[0];
    private int allocatedGpus;
    private WaitReason waitReason = WaitReason.NOT_YET_TRIED;
    private String waitDetail;

    /**
     * @param id unique, increasing with submission order within a run
     * @param queue index of the job's queue
     * @param modelMask bit m set when hardware model m is allowed; 0 allows every model
     */
    public Job(
            long id,
            String name,
            int queue,
            int priority,
            long submitMs,
            int gpus,
            long durationMs,
            TopologyLevel required,
            TopologyLevel preferred,
            long modelMask) {
        if (gpus < 1) {
            throw new IllegalArgumentException("gpus must be >= 1: " + gpus);
        }
        if (durationMs <= 0) {
            throw new IllegalArgumentException("duration must be > 0: " + durationMs);
        }
        this.id = id;
        this.name = name;
        this.queue = queue;
        this.priority = priority;
        this.submitMs = submitMs;
        this.gpus = gpus;
        this.durationMs = durationMs;
        this.required = required;
        this.preferred = preferred.compareTo(required) <= 0 ? preferred : required;
        this.modelMask = modelMask;
        this.runtimeEstimateMs = durationMs;
        this.minGpus = gpus;
        this.progress = new RunProgress(gpus);
    }

    /**
     * Makes the job elastic: it may start, or be shrunk to, as few as {@code min} GPUs, and grows back towards its full
     * size when capacity frees up. Its work is counted at full size, so at half size it runs half as fast.
     */
    public Job elastic(int min) {
        if (min < 1 || min > gpus) {
            throw new IllegalArgumentException("elastic minimum must be in 1.." + gpus + ": " + min);
        }
        this.minGpus = min;
        return this;
    }

    /** The fewest GPUs the job runs on; its full size when it is not elastic. */
    public int minGpus() {
        return minGpus;
    }

    public boolean isElastic() {
        return minGpus < gpus;
    }

    /** GPUs the running job computes on now: its full size, or less for a shrunk elastic job. */
    public int runGpus() {
        return progress.runGpus();
    }

    /** Milliseconds from {@code now} until the running job finishes at its current size. */
    public long msToFinish(long now) {
        return progress.msToReach(now, durationMs);
    }

    /**
     * Milliseconds from {@code now} until the running job would finish on {@code gpus} GPUs, for a job whose size was
     * set at {@code now} (more than once, as when a scheduling cycle shrinks it twice).
     */
    public long msToFinishOn(long now, int gpus) {
        return progress.msToReach(now, durationMs, gpus);
    }

    /** Number of changes of the running job's allocation (start or resize); a finish scheduled before is stale. */
    public int allocationVersion() {
        return allocationVersion;
    }

    /**
     * Changes the running elastic job's allocation at {@code now} (grown or shrunk) to {@code heldRacks} computing on
     * {@code gpus} GPUs; the units given back or taken must already be released or allocated.
     */
    public void resize(long now, int[] heldRacks, long[] heldMasks, int heldGpus, int gpus) {
        if (state != JobState.RUNNING || gpus < minGpus || gpus > this.gpus) {
            throw new IllegalStateException(name + " cannot run on " + gpus + " GPUs");
        }
        if (restartOnResize) {
            progress.start(now, gpus, workDoneMs, restartOverheadMs, efficiency());
            restartOnResize = false;
        } else {
            progress.resize(now, gpus);
        }
        racks = heldRacks;
        masks = heldMasks;
        allocatedGpus = heldGpus;
        allocationVersion++;
        updateExpectedEnd();
    }

    /**
     * A failure hit part of this running elastic job, which will carry on smaller: it falls back to its last
     * checkpoint, and its next {@link #resize} restarts it from there (with the restart overhead). Returns the
     * GPU-milliseconds of work lost.
     */
    public long failOver(long now) {
        if (state != JobState.RUNNING) {
            throw new IllegalStateException(name + " is " + state);
        }
        long lost = lostWorkIfStoppedAt(now);
        workDoneMs = Math.max(workDoneMs, Math.min(durationMs - 1, (long) progress.doneAt(lastCheckpointMs(now))));
        restartOnResize = true;
        return lost;
    }

    /**
     * Sets the run time the scheduler is told (a user's time limit or a predictor's figure); by default the true
     * duration. Backfill trusts it: a job is let onto racks held for a gang only if it is expected to end first.
     */
    public Job estimate(long ms) {
        if (ms <= 0) {
            throw new IllegalArgumentException("estimate must be > 0: " + ms);
        }
        this.runtimeEstimateMs = ms;
        return this;
    }

    public long runtimeEstimateMs() {
        return runtimeEstimateMs;
    }

    /** Sets how often the job checkpoints while it runs; 0 (the default) means never. */
    public Job checkpointEvery(long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0: " + ms);
        }
        this.checkpointIntervalMs = ms;
        return this;
    }

    public long checkpointIntervalMs() {
        return checkpointIntervalMs;
    }

    /**
     * Sets what recovery costs: each checkpoint stalls the job {@code stallMs}, and each restart after a stop (a
     * failure or a preemption) takes {@code restartMs} before the job makes progress again.
     */
    public Job recoveryCosts(long stallMs, long restartMs) {
        if (stallMs < 0 || restartMs < 0) {
            throw new IllegalArgumentException("recovery costs must be >= 0");
        }
        this.checkpointStallMs = stallMs;
        this.restartOverheadMs = restartMs;
        return this;
    }

    public long checkpointStallMs() {
        return checkpointStallMs;
    }

    public long restartOverheadMs() {
        return restartOverheadMs;
    }

    /** Share of running time spent computing rather than writing checkpoints. */
    double efficiency() {
        return checkpointIntervalMs > 0 && checkpointStallMs > 0
                ? checkpointIntervalMs / (double) (checkpointIntervalMs + checkpointStallMs)
                : 1.0;
    }

    /** Work saved by checkpoints in earlier runs, in ms of run time at full size. */
    public long workDoneMs() {
        return workDoneMs;
    }

    /** Run time still needed from the last checkpoint. */
    public long remainingMs() {
        return durationMs - workDoneMs;
    }

    /** True when a preemption search may be tried for this job at {@code now} (see {@link #preemptionFailed}). */
    public boolean mayTryPreemptionAt(long now) {
        return now >= preemptionRetryAtMs;
    }

    /**
     * Records that no preemption could make room at {@code now}: the next search waits {@code minBackoffMs}, doubling
     * after each failure up to {@code maxBackoffMs}, so a job that waits for weeks does not search at every event.
     */
    public void preemptionFailed(long now, long minBackoffMs, long maxBackoffMs) {
        preemptionBackoffMs = preemptionBackoffMs == 0 ? minBackoffMs : Math.min(maxBackoffMs, preemptionBackoffMs * 2);
        preemptionRetryAtMs = now + preemptionBackoffMs;
    }

    /** When the job first started, or -1. */
    public long firstStartMs() {
        return firstStartMs;
    }

    /**
     * The fleet's wholly-free version at which a placement of this gang last found no room, or -1: while the version
     * is unchanged, trying again cannot succeed.
     */
    public long gangMissVersion() {
        return gangMissVersion;
    }

    public void gangMissedAt(long version) {
        this.gangMissVersion = version;
    }

    /** As {@link #gangMissVersion}, for growing this running elastic job. */
    public long growMissVersion() {
        return growMissVersion;
    }

    public void growMissedAt(long version) {
        this.growMissVersion = version;
    }

    /** Full-size milliseconds of work done by {@code now}: saved work while pending, progress while running. */
    public double workDoneAt(long now) {
        return state == JobState.RUNNING ? progress.doneAt(now) : state == JobState.COMPLETED ? durationMs : workDoneMs;
    }

    /** Times the job has been started (1 after its first start). */
    public int runs() {
        return runs;
    }

    /** The last checkpoint of the current run at {@code now}: its last start or resize when it has none since. */
    public long lastCheckpointMs(long now) {
        long anchor = progress.progressStartMs();
        if (checkpointIntervalMs <= 0 || now <= anchor) {
            return anchor;
        }
        return anchor + (now - anchor) / checkpointIntervalMs * checkpointIntervalMs;
    }

    /** GPU-milliseconds of work that stopping the job at {@code now} would lose: since its last checkpoint. */
    public long lostWorkIfStoppedAt(long now) {
        return (now - lastCheckpointMs(now)) * progress.runGpus();
    }

    /** When the scheduler expects the job to end if it started at {@code startMs}. */
    public long expectedEndIfStartedAt(long startMs) {
        long end = startMs + Math.max(1, runtimeEstimateMs - workDoneMs);
        return end < startMs ? Long.MAX_VALUE : end;
    }

    /** When the scheduler expects the running job to end, at its current size. */
    public long expectedEndMs() {
        return state == JobState.RUNNING ? expectedEnd : expectedEndIfStartedAt(startMs);
    }

    private void updateExpectedEnd() {
        long anchor = progress.anchorMs();
        long end = anchor + progress.msToReach(anchor, runtimeEstimateMs);
        expectedEnd = end < anchor ? Long.MAX_VALUE : end;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public int queue() {
        return queue;
    }

    public int priority() {
        return priority;
    }

    public long submitMs() {
        return submitMs;
    }

    public int gpus() {
        return gpus;
    }

    public long durationMs() {
        return durationMs;
    }

    public TopologyLevel required() {
        return required;
    }

    public TopologyLevel preferred() {
        return preferred;
    }

    /** Bit m set when hardware model m is allowed; 0 when every model is. */
    public long modelMask() {
        return modelMask;
    }

    public boolean allowsModel(int model) {
        return modelMask == 0 || (modelMask & (1L << model)) != 0;
    }

    public JobState state() {
        return state;
    }

    public long startMs() {
        return startMs;
    }

    /** Racks held while running, parallel to {@link #unitMasks()}. */
    public int[] racks() {
        return racks;
    }

    /** For each held rack, the trays or hosts held. */
    public long[] unitMasks() {
        return masks;
    }

    public int allocatedGpus() {
        return allocatedGpus;
    }

    public WaitReason waitReason() {
        return waitReason;
    }

    public void waitingBecause(WaitReason reason) {
        waitingBecause(reason, null);
    }

    /** Records why the job waits; {@code detail} names what it waits for (a gang holding racks), or is null. */
    public void waitingBecause(WaitReason reason, String detail) {
        this.waitReason = reason;
        this.waitDetail = detail;
    }

    /** What the job waits for, when its reason names something (the gang whose racks are held), else null. */
    public String waitDetail() {
        return waitDetail;
    }

    /** Marks the job running on the given units, computing on its full size. */
    public void start(long now, int[] heldRacks, long[] heldMasks, int heldGpus) {
        start(now, heldRacks, heldMasks, heldGpus, gpus);
    }

    /** Marks the job running on the given units, computing on {@code gpus} GPUs (less than full if elastic). */
    public void start(long now, int[] heldRacks, long[] heldMasks, int heldGpus, int gpus) {
        if (gpus < minGpus || gpus > this.gpus) {
            throw new IllegalArgumentException(name + " cannot run on " + gpus + " GPUs");
        }
        if (state != JobState.PENDING) {
            throw new IllegalStateException(name + " is " + state);
        }
        state = JobState.RUNNING;
        startMs = now;
        if (firstStartMs < 0) {
            firstStartMs = now;
        }
        runs++;
        racks = heldRacks;
        masks = heldMasks;
        allocatedGpus = heldGpus;
        waitReason = WaitReason.NONE;
        progress.start(now, gpus, workDoneMs, runs > 1 ? restartOverheadMs : 0, efficiency());
        allocationVersion++;
        updateExpectedEnd();
    }

    /**
     * Takes the job back as running (a server rebuilding its state after a restart): its {@code runs}-th run started at
     * {@code startedAt} from {@code workDoneMs} of saved full-size work, on the given units, at its full size or the
     * GPUs it holds if fewer.
     */
    public void resume(long startedAt, int runs, long workDoneMs, int[] heldRacks, long[] heldMasks, int heldGpus) {
        if (state != JobState.PENDING) {
            throw new IllegalStateException(name + " is " + state);
        }
        if (runs < 1 || workDoneMs < 0 || workDoneMs >= durationMs) {
            throw new IllegalArgumentException(name + ": run " + runs + " from " + workDoneMs + " ms of work");
        }
        this.runs = runs - 1;
        this.workDoneMs = workDoneMs;
        start(startedAt, heldRacks, heldMasks, heldGpus, Math.min(gpus, heldGpus));
    }

    /**
     * Stops the running job at {@code now} and puts it back to pending, keeping the work up to its last checkpoint;
     * its units must already be released. Returns the GPU-milliseconds of work lost.
     */
    public long preempt(long now) {
        if (state != JobState.RUNNING) {
            throw new IllegalStateException(name + " is " + state);
        }
        long lost = lostWorkIfStoppedAt(now);
        workDoneMs = Math.max(workDoneMs, Math.min(durationMs - 1, (long) progress.doneAt(lastCheckpointMs(now))));
        state = JobState.PENDING;
        racks = new int[0];
        masks = new long[0];
        allocatedGpus = 0;
        waitReason = WaitReason.PREEMPTED;
        return lost;
    }

    /**
     * Stops the running job at {@code now} because hardware or software under it failed, and puts it back to pending
     * from its last checkpoint; its units must already be released. Returns the GPU-milliseconds of work lost.
     */
    public long interrupt(long now) {
        long lost = preempt(now);
        waitReason = WaitReason.INTERRUPTED;
        return lost;
    }

    /** Withdraws a job that has not started (or waits to start again): it will not run. */
    public void cancel() {
        if (state != JobState.PENDING) {
            throw new IllegalStateException(name + " is " + state);
        }
        state = JobState.COMPLETED;
    }

    /** Marks the job ended; its units must already be released. */
    public void complete() {
        if (state != JobState.RUNNING) {
            throw new IllegalStateException(name + " is " + state);
        }
        state = JobState.COMPLETED;
        racks = new int[0];
        masks = new long[0];
    }

    /**
     * The job's run as it is now: its state, what it holds and how far it has got. A scheduling cycle takes one
     * before a change it may undo ({@link #restore}).
     */
    public RunState runState() {
        return new RunState(
                state,
                workDoneMs,
                racks,
                masks,
                allocatedGpus,
                allocationVersion,
                expectedEnd,
                restartOnResize,
                waitReason,
                waitDetail,
                progress.copy());
    }

    /** Puts the job back as it was when {@code s} was taken. */
    public void restore(RunState s) {
        state = s.state;
        workDoneMs = s.workDoneMs;
        racks = s.racks;
        masks = s.masks;
        allocatedGpus = s.allocatedGpus;
        allocationVersion = s.allocationVersion;
        expectedEnd = s.expectedEnd;
        restartOnResize = s.restartOnResize;
        waitReason = s.waitReason;
        waitDetail = s.waitDetail;
        progress.setTo(s.progress);
    }

    /** A job's run at one moment, taken by {@link #runState()}. */
    public static final class RunState {
        private final JobState state;
        private final long workDoneMs;
        private final int[] racks;
        private final long[] masks;
        private final int allocatedGpus;
        private final int allocationVersion;
        private final long expectedEnd;
        private final boolean restartOnResize;
        private final WaitReason waitReason;
        private final String waitDetail;
        private final RunProgress progress;

        private RunState(
                JobState state,
                long workDoneMs,
                int[] racks,
                long[] masks,
                int allocatedGpus,
                int allocationVersion,
                long expectedEnd,
                boolean restartOnResize,
                WaitReason waitReason,
                String waitDetail,
                RunProgress progress) {
            this.state = state;
            this.workDoneMs = workDoneMs;
            this.racks = racks;
            this.masks = masks;
            this.allocatedGpus = allocatedGpus;
            this.allocationVersion = allocationVersion;
            this.expectedEnd = expectedEnd;
            this.restartOnResize = restartOnResize;
            this.waitReason = waitReason;
            this.waitDetail = waitDetail;
            this.progress = progress;
        }
    }

    @Override
    public String toString() {
        return name + "#" + id + "(" + gpus + " GPUs, " + state + ")";
    }
}
