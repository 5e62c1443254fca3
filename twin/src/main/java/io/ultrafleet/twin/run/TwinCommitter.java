package io.ultrafleet.twin.run;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.Decision;
import io.ultrafleet.scheduling.DecisionWords;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.twin.engine.Simulation;
import io.ultrafleet.twin.failures.ReliabilityLedger;
import io.ultrafleet.twin.metrics.GpuLedger;
import io.ultrafleet.twin.metrics.QueueStats;
import io.ultrafleet.twin.reliability.FailureCause;
import io.ultrafleet.twin.serving.InferenceFleet;
import io.ultrafleet.twin.workload.SimulatedProgress;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobState;
import java.util.Collection;

/**
 * The twin's side of the scheduler's decisions, and of the ends a run brings about itself (a job runs to its end, a
 * fault stops it, a service withdraws a replica): it schedules each running job's end on the simulated clock, and
 * keeps the run's counts, the queues' figures, the reliability ledger and the GPU levels in step. The cluster itself
 * is changed only through {@link ClusterState}: by the cycle for its decisions, here for the rest.
 */
final class TwinCommitter implements Decision.Handler {
    private final Simulation sim;
    private final ClusterState cluster;
    private final JobCatalog catalog;
    private final PendingQueue pending;
    private final RunCounters counts;
    private final ReliabilityLedger reliability;
    private final GpuLedger ledger;
    private final long horizon;
    private final Runnable requestCycle;
    private final RunningJobs running = new RunningJobs();
    private InferenceFleet serving;
    private JobHistory history;
    private RunObserver observer = RunObserver.NONE;

    TwinCommitter(
            Simulation sim,
            ClusterState cluster,
            JobCatalog catalog,
            PendingQueue pending,
            RunCounters counts,
            ReliabilityLedger reliability,
            GpuLedger ledger,
            long horizon,
            Runnable requestCycle) {
        this.sim = sim;
        this.cluster = cluster;
        this.catalog = catalog;
        this.pending = pending;
        this.counts = counts;
        this.reliability = reliability;
        this.ledger = ledger;
        this.horizon = horizon;
        this.requestCycle = requestCycle;
    }

    void serving(InferenceFleet serving) {
        this.serving = serving;
    }

    void history(JobHistory history) {
        this.history = history;
    }

    void observer(RunObserver observer) {
        this.observer = observer;
    }

    /** Jobs running now, in the order they started. */
    Collection<Job> running() {
        return running;
    }

    private FleetView fleet() {
        return cluster.fleet();
    }

    private QueueStats stats(Job job) {
        return catalog.stats().get(job.queue());
    }

    // ---- the cycle's decisions ------------------------------------------------------------------------------------

    /** Does the twin's side of a cycle's decisions, in the order the cycle made them. */
    void apply(CycleResult result) {
        for (Decision d : result.decisions()) {
            d.applyTo(this);
        }
    }

    @Override
    public void start(Decision.Start d) {
        Job job = d.job();
        long now = sim.now();
        if (job.runs() == 1) {
            stats(job).started(now - job.submitMs());
            counts.started++;
        }
        running.add(job);
        if (serving.isReplica(job)) {
            serving.started(job, now);
        } else {
            reliability.started(job, now);
        }
        counts.busyGpus += d.runGpus();
        stats(job).adjust(d.runGpus(), d.placement().allocatedGpus());
        if (history != null) {
            history.started(now, job, d.placement(), fleet());
        }
        scheduleEnd(job, d.runGpus(), d.version());
    }

    @Override
    public void preempt(Decision.Preempt d) {
        Job victim = d.job();
        left(victim, d.held().runGpus(), d.held().allocatedGpus());
        counts.lostGpuMs += d.lostGpuMs();
        serving.stopped(victim);
        counts.preemptions++;
        if (history != null) {
            history.preempted(sim.now(), victim, d.forJob(), d.lostGpuMs());
        }
        stats(victim).preempted();
        updateLevels();
    }

    @Override
    public void shrink(Decision.Shrink d) {
        resized(d, d.before(), d.after());
        if (history != null) {
            history.resized(sim.now(), d.job(), DecisionWords.shrunk(d.after().runGpus(), d.forJob()));
        }
        scheduleEnd(d.job(), d.after().runGpus(), d.version());
        updateLevels();
    }

    @Override
    public void grow(Decision.Grow d) {
        resized(d, d.before(), d.after());
        if (history != null) {
            history.resized(sim.now(), d.job(), DecisionWords.grew(d.after().runGpus()));
        }
        scheduleEnd(d.job(), d.after().runGpus(), d.version());
        updateLevels();
    }

    @Override
    public void waits(Decision.Wait d) {
        // Waiting jobs are counted from the cycle's tallies, and the explained job's reason after the cycle.
    }

    private void resized(Decision d, Decision.Size before, Decision.Size after) {
        counts.busyGpus += after.runGpus() - before.runGpus();
        stats(d.job()).adjust(after.runGpus() - before.runGpus(), after.allocatedGpus() - before.allocatedGpus());
        counts.resizes++;
    }

    // ---- ends the run brings about --------------------------------------------------------------------------------

    /** The running job reached its end. */
    void finish(Job job) {
        int run = job.runGpus();
        int held = job.allocatedGpus();
        cluster.finish(job);
        left(job, run, held);
        stats(job).completed();
        counts.demandedGpus -= job.gpus();
        reliability.account(job, sim.now());
        counts.completed++;
        if (history != null) {
            history.finished(sim.now(), job);
        }
        observer.ended(job, sim.now());
        updateLevels();
        requestCycle.run();
    }

    /**
     * A failure under {@code job}: it stops from its last checkpoint and waits to run again, or, when it is elastic
     * and keeps at least its minimum without the failed rack, carries on smaller.
     */
    void interrupt(Job job, FailureCause cause, int rack) {
        stop(job, cause, rack, false);
    }

    /**
     * The provider takes back the rack under {@code job}, with notice: as {@link #interrupt}, except that a job that
     * had time to checkpoint ({@code checkpointed}) loses nothing. Returns the GPU-milliseconds of work lost.
     */
    long reclaimed(Job job, FailureCause cause, int rack, boolean checkpointed) {
        return stop(job, cause, rack, checkpointed);
    }

    private long stop(Job job, FailureCause cause, int rack, boolean checkpointed) {
        long now = sim.now();
        int run = job.runGpus();
        int held = job.allocatedGpus();
        if (serving.isReplica(job)) {
            cluster.interrupt(job, now);
            left(job, run, held);
            serving.stopped(job);
            counts.interruptionsInStep++;
            pending.add(job);
            updateLevels();
            requestCycle.run();
            return 0;
        }
        if (rack >= 0 && job.isElastic() && canCarryOn(job, rack)) {
            long lost = checkpointed ? 0 : SimulatedProgress.of(job).failOver(now);
            cluster.shrink(job, new int[] {rack}, now);
            counts.busyGpus += job.runGpus() - run;
            stats(job).adjust(job.runGpus() - run, job.allocatedGpus() - held);
            reliability.carriedOn(job, cause, lost);
            counts.interruptionsInStep++;
            counts.resizes++;
            if (history != null) {
                history.resized(
                        now,
                        job,
                        "carried on with " + job.runGpus() + " GPUs after a failure (" + cause.name()
                                + "), from its last checkpoint");
            }
            scheduleEnd(job, job.runGpus(), job.allocationVersion());
            updateLevels();
            requestCycle.run();
            return lost;
        }
        long lost = 0;
        if (checkpointed) {
            cluster.interruptAfterCheckpoint(job, now);
        } else {
            lost = cluster.interrupt(job, now);
        }
        left(job, run, held);
        reliability.interrupted(job, cause, now, lost);
        counts.interruptionsInStep++;
        if (history != null) {
            history.interrupted(now, job, cause.name(), lost);
        }
        pending.add(job);
        updateLevels();
        requestCycle.run();
        return lost;
    }

    /** Whether the elastic job still has at least its minimum GPUs without {@code rack}. */
    private boolean canCarryOn(Job job, int rack) {
        int perDomain = fleet().model(fleet().rackModel(rack)).gpusPerDomain();
        boolean holds = false;
        for (int r : job.racks()) {
            holds |= r == rack;
        }
        return holds && (job.racks().length - 1) * perDomain >= job.minGpus() && job.racks().length > 1;
    }

    /** A service no longer needs the replica: it stops if it runs, and is withdrawn if it waits. */
    void withdraw(Job replica) {
        if (replica.state() == JobState.RUNNING) {
            int run = replica.runGpus();
            int held = replica.allocatedGpus();
            cluster.finish(replica);
            left(replica, run, held);
            counts.demandedGpus -= replica.gpus();
            counts.completed++;
            stats(replica).completed();
            observer.ended(replica, sim.now());
            updateLevels();
            requestCycle.run();
        } else if (replica.state() == JobState.PENDING) {
            pending.remove(replica);
            replica.cancel();
            counts.demandedGpus -= replica.gpus();
        }
    }

    /** A job stopped running (it ended, or was preempted or interrupted) with the size it had. */
    private void left(Job job, int runGpus, int allocatedGpus) {
        stats(job).adjust(-runGpus, -allocatedGpus);
        running.remove(job);
        counts.busyGpus -= runGpus;
    }

    /** The GPU levels the ledger integrates from now on. */
    void updateLevels() {
        ledger.set(fleet().onlineGpus(), fleet().allocatedGpus(), counts.busyGpus);
    }

    // ---- ends on the clock ----------------------------------------------------------------------------------------

    /**
     * Schedules the end of the job at the size and allocation version one decision gave it; a later decision (of the
     * same cycle, or after) makes it stale. An end at or after the horizon would never fire (serving replicas run to
     * the horizon), so it is not queued.
     */
    private void scheduleEnd(Job job, int runGpus, int version) {
        long delay = SimulatedProgress.of(job).msToFinishOn(sim.now(), runGpus);
        if (delay >= horizon - sim.now()) {
            return;
        }
        sim.after(delay, t -> {
            if (job.allocationVersion() == version && job.state() == JobState.RUNNING) {
                finish(job);
            }
        });
    }
}
