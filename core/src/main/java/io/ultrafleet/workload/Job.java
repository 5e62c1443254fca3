package io.ultrafleet.workload;

/**
 * A job as the scheduler follows it through its life: the {@link JobRequest} (what was asked for), its
 * {@link JobState}, its {@link Allocation} while it runs, its {@link Progress} (when it is expected to end, what a stop
 * would lose), why it waits, and the scheduler's {@link SchedulerMemo}. A waiting job's priority may be changed (its
 * queue's class changed): it then carries a request with the new priority. Jobs are objects (there are few of them next
 * to GPUs); a job is dropped once it has ended and been counted. Only {@code ClusterState} changes a job's allocation.
 */
public final class Job {
    private JobRequest request;
    // the request's fields the scheduler reads most, kept here so its hot loops read them in one step
    private final long id;
    private final int queue;
    private int priority;
    private final long submitMs;
    private final int gpus;
    private final int minGpus;
    private final long modelMask;
    private final TopologyLevel required;
    private final TopologyLevel preferred;
    private final Progress progress;
    private final SchedulerMemo memo = new SchedulerMemo();
    private JobState state = JobState.PENDING;
    private Allocation allocation = Allocation.NONE;
    private int allocationVersion;
    private int runGpus;
    private long startMs = -1;
    private long firstStartMs = -1;
    private int runs;
    private WaitReason waitReason = WaitReason.NOT_YET_TRIED;
    private String waitDetail;
    private boolean resuming;

    /** A job of {@code request} whose progress {@code progress} follows. */
    public Job(JobRequest request, Progress progress) {
        this.request = request;
        this.progress = progress;
        this.id = request.id();
        this.queue = request.queue();
        this.priority = request.priority();
        this.submitMs = request.submitMs();
        this.gpus = request.gpus();
        this.minGpus = request.minGpus();
        this.modelMask = request.modelMask();
        this.required = request.required();
        this.preferred = request.preferred();
    }

    /** A job of {@code request} whose progress is measured against the run time it declares. */
    public static Job of(JobRequest request) {
        return new Job(request, new CheckpointedProgress(request));
    }

    public JobRequest request() {
        return request;
    }

    public Progress progress() {
        return progress;
    }

    public SchedulerMemo memo() {
        return memo;
    }

    // ---- the request, for the scheduler's hot paths ----------------------------------------------------------------

    public long id() {
        return id;
    }

    public String name() {
        return request.name();
    }

    public int queue() {
        return queue;
    }

    public int priority() {
        return priority;
    }

    /**
     * Gives the waiting job {@code newPriority}, and a request that says so. Only {@link
     * io.ultrafleet.scheduling.PendingQueue}'s {@code reprioritise} calls it, with the job out of the queue's order
     * while its rank changes; a running job's priority stays what it started with (the fleet's occupancy counts it
     * there).
     */
    public void reprioritise(int newPriority) {
        if (state != JobState.PENDING) {
            throw new IllegalStateException(name() + " is " + state);
        }
        request = request.withPriority(newPriority);
        priority = newPriority;
    }

    public long submitMs() {
        return submitMs;
    }

    public int gpus() {
        return gpus;
    }

    /** The fewest GPUs the job runs on; its full size when it is not elastic. */
    public int minGpus() {
        return minGpus;
    }

    public boolean isElastic() {
        return minGpus < gpus;
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

    // ---- state, allocation and progress ---------------------------------------------------------------------------

    public JobState state() {
        return state;
    }

    /** When the current (or last) run started, or -1. */
    public long startMs() {
        return startMs;
    }

    /** When the job first started, or -1. */
    public long firstStartMs() {
        return firstStartMs;
    }

    /** Times the job has been started (1 after its first start). */
    public int runs() {
        return runs;
    }

    public Allocation allocation() {
        return allocation;
    }

    /** Racks held while running, parallel to {@link #unitMasks()}. */
    public int[] racks() {
        return allocation.racks();
    }

    /** For each held rack, the trays or hosts held. */
    public long[] unitMasks() {
        return allocation.unitMasks();
    }

    public int allocatedGpus() {
        return allocation.allocatedGpus();
    }

    /** Number of changes of the running job's allocation (start or resize); an end computed before is stale. */
    public int allocationVersion() {
        return allocationVersion;
    }

    /** GPUs the running job computes on now: its full size, or less for a shrunk elastic job. */
    public int runGpus() {
        return runGpus;
    }

    /** When the scheduler expects the job to end if it started at {@code startMs}. */
    public long expectedEndIfStartedAt(long startMs) {
        return progress.expectedEndIfStartedAt(startMs);
    }

    /** When the scheduler expects the running job to end, at its current size. */
    public long expectedEndMs() {
        return state == JobState.RUNNING ? progress.expectedEnd() : progress.expectedEndIfStartedAt(startMs);
    }

    /** GPU-milliseconds of work that stopping the job at {@code now} would lose: since its last checkpoint. */
    public long lostWorkIfStoppedAt(long now) {
        return progress.lostWorkIfStoppedAt(now);
    }

    /** See {@link Progress#lostWorkRate}. */
    public long lostWorkRate(long now) {
        return progress.lostWorkRate(now);
    }

    /** See {@link Progress#lostWorkSteadyUntil}. */
    public long lostWorkSteadyUntil(long now) {
        return progress.lostWorkSteadyUntil(now);
    }

    public WaitReason waitReason() {
        return waitReason;
    }

    /** What the job waits for, when its reason names something (the gang whose racks are held), else null. */
    public String waitDetail() {
        return waitDetail;
    }

    public void waitingBecause(WaitReason reason) {
        waitingBecause(reason, null);
    }

    /** Records why the job waits; {@code detail} names what it waits for (a gang holding racks), or is null. */
    public void waitingBecause(WaitReason reason, String detail) {
        this.waitReason = reason;
        this.waitDetail = detail;
    }

    /**
     * Whether the job had run before it last joined the queue (stopped by a failure or a preemption): fixed while it
     * waits, so that an order by it holds while the job is in a sorted queue, even as it starts. Kept here rather than
     * in the {@link SchedulerMemo}, since the queue's order reads it at every comparison.
     */
    public boolean resuming() {
        return resuming;
    }

    /** Records, as the job joins the queue, whether it has run before. */
    public void queued(boolean hasRun) {
        this.resuming = hasRun;
    }

    // ---- changes of state ------------------------------------------------------------------------------------------

    /** Marks the job running on the given units, computing on its full size. */
    public void start(long now, int[] heldRacks, long[] heldMasks, int heldGpus) {
        start(now, heldRacks, heldMasks, heldGpus, request.gpus());
    }

    /** Marks the job running on the given units, computing on {@code gpus} GPUs (less than full if elastic). */
    public void start(long now, int[] heldRacks, long[] heldMasks, int heldGpus, int gpus) {
        if (gpus < request.minGpus() || gpus > request.gpus()) {
            throw new IllegalArgumentException(name() + " cannot run on " + gpus + " GPUs");
        }
        if (state != JobState.PENDING) {
            throw new IllegalStateException(name() + " is " + state);
        }
        state = JobState.RUNNING;
        startMs = now;
        if (firstStartMs < 0) {
            firstStartMs = now;
        }
        runs++;
        allocation = new Allocation(heldRacks, heldMasks, heldGpus);
        waitReason = WaitReason.NONE;
        waitDetail = null;
        progress.started(now, gpus, runs > 1);
        runGpus = gpus;
        allocationVersion++;
    }

    /**
     * Takes the job back as running (a server rebuilding its state after a restart): its {@code runs}-th run started at
     * {@code startedAt} (its first run at {@code firstStartedAt}), from the work its progress has saved, on the given
     * units, at its full size or the GPUs it holds if fewer.
     */
    public void resume(long firstStartedAt, long startedAt, int runs, Allocation held) {
        resume(firstStartedAt, startedAt, runs, held, startedAt, progress.savedWorkMs());
    }

    /**
     * As {@link #resume(long, long, int, Allocation)}, for a run that last changed size at {@code resizedAt} with
     * {@code resizedWorkMs} of full-size work done by then (kept work included): it goes on from there, with its
     * checkpoints counted from then, whatever sizes it ran on before.
     */
    public void resume(
            long firstStartedAt, long startedAt, int runs, Allocation held, long resizedAt, long resizedWorkMs) {
        if (state != JobState.PENDING) {
            throw new IllegalStateException(name() + " is " + state);
        }
        if (runs < 1 || firstStartedAt > startedAt) {
            throw new IllegalArgumentException(name() + ": run " + runs + " from " + firstStartedAt);
        }
        this.runs = runs - 1;
        this.firstStartMs = firstStartedAt;
        start(
                startedAt,
                held.racks(),
                held.unitMasks(),
                held.allocatedGpus(),
                Math.min(request.gpus(), held.allocatedGpus()));
        if (resizedAt > startedAt) {
            progress.resumeFrom(resizedAt, resizedWorkMs);
        }
    }

    /**
     * Changes the running elastic job's allocation at {@code now} (grown or shrunk) to {@code heldRacks} computing on
     * {@code gpus} GPUs; the units given back or taken must already be released or allocated.
     */
    public void resize(long now, int[] heldRacks, long[] heldMasks, int heldGpus, int gpus) {
        if (state != JobState.RUNNING || gpus < request.minGpus() || gpus > request.gpus()) {
            throw new IllegalStateException(name() + " cannot run on " + gpus + " GPUs");
        }
        progress.resized(now, gpus);
        runGpus = gpus;
        allocation = new Allocation(heldRacks, heldMasks, heldGpus);
        allocationVersion++;
    }

    /**
     * Stops the running job at {@code now} and puts it back to pending, keeping the work up to its last checkpoint;
     * its units must already be released. Returns the GPU-milliseconds of work lost.
     */
    public long preempt(long now) {
        if (state != JobState.RUNNING) {
            throw new IllegalStateException(name() + " is " + state);
        }
        long lost = progress.stopped(now);
        state = JobState.PENDING;
        allocation = Allocation.NONE;
        waitReason = WaitReason.PREEMPTED;
        waitDetail = null;
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

    /**
     * Stops the running job at {@code now} after a checkpoint it had notice to take (its GPUs are taken back): it
     * waits again with all its work kept.
     */
    public void interruptAfterCheckpoint(long now) {
        if (state != JobState.RUNNING) {
            throw new IllegalStateException(name() + " is " + state);
        }
        progress.checkpointedAndStopped(now);
        state = JobState.PENDING;
        allocation = Allocation.NONE;
        waitReason = WaitReason.INTERRUPTED;
        waitDetail = null;
    }

    /** Withdraws a job that has not started (or waits to start again): it will not run. */
    public void cancel() {
        if (state != JobState.PENDING) {
            throw new IllegalStateException(name() + " is " + state);
        }
        state = JobState.CANCELLED;
    }

    /** Marks the running job ended; its units must already be released. */
    public void complete() {
        end(JobState.COMPLETED);
    }

    /** Marks the running job failed by its own work; its units must already be released. */
    public void fail() {
        end(JobState.FAILED);
    }

    private void end(JobState how) {
        if (state != JobState.RUNNING) {
            throw new IllegalStateException(name() + " is " + state);
        }
        state = how;
        allocation = Allocation.NONE;
    }

    // ---- what-ifs --------------------------------------------------------------------------------------------------

    /**
     * The job's run as it is now: its state, what it holds and how far it has got. A scheduling cycle takes one
     * before a change it may undo ({@link #restore}).
     */
    public RunState runState() {
        return new RunState(
                state,
                allocation,
                allocationVersion,
                runGpus,
                startMs,
                firstStartMs,
                runs,
                waitReason,
                waitDetail,
                progress.copy());
    }

    /** Puts the job back as it was when {@code s} was taken. */
    public void restore(RunState s) {
        state = s.state;
        allocation = s.allocation;
        allocationVersion = s.allocationVersion;
        runGpus = s.runGpus;
        startMs = s.startMs;
        firstStartMs = s.firstStartMs;
        runs = s.runs;
        waitReason = s.waitReason;
        waitDetail = s.waitDetail;
        progress.restore(s.progress);
    }

    /** A job's run at one moment, taken by {@link #runState()}. */
    public static final class RunState {
        private final JobState state;
        private final Allocation allocation;
        private final int allocationVersion;
        private final int runGpus;
        private final long startMs;
        private final long firstStartMs;
        private final int runs;
        private final WaitReason waitReason;
        private final String waitDetail;
        private final Progress progress;

        private RunState(
                JobState state,
                Allocation allocation,
                int allocationVersion,
                int runGpus,
                long startMs,
                long firstStartMs,
                int runs,
                WaitReason waitReason,
                String waitDetail,
                Progress progress) {
            this.state = state;
            this.allocation = allocation;
            this.allocationVersion = allocationVersion;
            this.runGpus = runGpus;
            this.startMs = startMs;
            this.firstStartMs = firstStartMs;
            this.runs = runs;
            this.waitReason = waitReason;
            this.waitDetail = waitDetail;
            this.progress = progress;
        }
    }

    @Override
    public String toString() {
        return name() + "#" + id() + "(" + gpus() + " GPUs, " + state + ")";
    }
}
