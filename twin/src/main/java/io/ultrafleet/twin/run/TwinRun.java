package io.ultrafleet.twin.run;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.Committer;
import io.ultrafleet.scheduling.CycleStats;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.scheduling.SchedulingCycle;
import io.ultrafleet.scheduling.backfill.ReservationPass;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.scheduling.placement.Placement;
import io.ultrafleet.scheduling.preemption.PreemptionSearch;
import io.ultrafleet.scheduling.preemption.VictimOrders;
import io.ultrafleet.twin.engine.RandomStreams;
import io.ultrafleet.twin.engine.Simulation;
import io.ultrafleet.twin.failures.FleetFailures;
import io.ultrafleet.twin.failures.ReliabilityLedger;
import io.ultrafleet.twin.fleet.FleetModel;
import io.ultrafleet.twin.metrics.GpuLedger;
import io.ultrafleet.twin.metrics.QueueStats;
import io.ultrafleet.twin.metrics.TimeSeries;
import io.ultrafleet.twin.reliability.FailureCause;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.SchedulerSpec;
import io.ultrafleet.twin.serving.InferenceFleet;
import io.ultrafleet.twin.serving.ReplicaHost;
import io.ultrafleet.twin.serving.SeriesWindow;
import io.ultrafleet.twin.serving.ServingResult;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobState;
import io.ultrafleet.workload.WaitReason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One run of the twin on one scenario and seed: the fleet's ramp, the training work, and the production scheduler
 * core placing it, on the simulated clock. Build it, then call {@link #run()} once.
 */
public final class TwinRun implements Committer, ReplicaHost {

    private final Scenario scenario;
    private final Simulation sim = new Simulation();
    private final FleetModel fleet;
    private final FleetState state;
    private final JobCatalog catalog;
    private final ClusterState cluster;
    private final Reservations reservations = Reservations.none();
    private final ReservationPass reservationPass;
    private final PendingQueue pending;
    private final Set<Job> running = new LinkedHashSet<>();
    private final SchedulingCycle cycle;
    private final GpuLedger ledger = new GpuLedger();
    private final TimeSeries series;
    private final double[] sampleRow;
    private final FleetAccounts accounts;
    private final long horizon;
    private boolean cycleRequested;
    private long cycles;
    private long busyGpus;
    private long demandedGpus;
    private long jobsSubmitted;
    private long jobsStarted;
    private long jobsCompleted;
    private long preemptions;
    private long resizes;
    private final long[] waitDecisions = new long[WaitReason.values().length];
    private JobHistory history;
    private final ReliabilityLedger reliability = new ReliabilityLedger();
    private FleetFailures failures;
    private InferenceFleet serving;
    private long interruptionsInStep;
    private long lostGpuMs;
    private final StepAreas stepAreas = new StepAreas(ledger);
    private SampleProbe probe;

    public TwinRun(Scenario scenario, HardwareCatalogue catalogue) {
        this.scenario = scenario;
        this.horizon = scenario.endMs() - scenario.startMs();
        this.fleet = new FleetModel(scenario.fleet(), catalogue, scenario.startMs());
        this.state = fleet.state();
        this.pending = PendingQueue.forFleet(state);
        this.catalog = new JobCatalog(scenario, fleet);
        this.cluster = new ClusterState(state, catalog.queues());
        SchedulerSpec sched = scenario.scheduler();
        PreemptionSearch preemption = sched.preemption()
                ? new PreemptionSearch(VictimOrders.byName(sched.victimOrder()).orElseThrow())
                : null;
        this.cycle = new SchedulingCycle(sched.queueDepth(), preemption);
        this.reservationPass = new ReservationPass(sched.backfillMaxGangs());
        this.accounts = new FleetAccounts(scenario, fleet, catalog.queues(), sim, catalogue);
        List<String> queueNames = new ArrayList<>();
        for (int q = 0; q < cluster.queues().size(); q++) {
            queueNames.add(cluster.queues().name(q));
        }
        List<String> extra = new ArrayList<>(List.of(SeriesWindow.COLUMNS));
        extra.addAll(accounts.columns());
        this.series = new TimeSeries(scenario.outputs().timeSeriesStepMs(), extra, queueNames);
        this.sampleRow = new double[series.columnNames().size()];
        fleet.onCapacityChange(() -> {
            if (failures != null) {
                failures.capacityChanged();
            }
            requestCycle();
        });
        sim.onAdvance((from, to) -> {
            ledger.advance(from, to);
            accounts.advance(from, to);
            for (QueueStats q : catalog.stats()) {
                q.advance(to - from);
            }
        });
    }

    /** Records the decisions about the job called {@code name}, for {@link RunResult#history()}. */
    public void explain(String name) {
        this.history = new JobHistory(name, scenario.startMs());
    }

    /** What a test sees after each time-series row: the jobs running and waiting at that instant. */
    interface SampleProbe {
        void sampled(int row, long now, Iterable<Job> running, Iterable<Job> waiting);
    }

    /** Lets a test look at the jobs behind each time-series row, to count them independently of the run. */
    void probeSamples(SampleProbe p) {
        this.probe = p;
    }

    /** Progress is reported every {@link Simulation#PROGRESS_EVERY} events. */
    public void onProgress(Simulation.ProgressListener listener) {
        sim.onProgress(listener);
    }

    public RunResult run() {
        RandomStreams streams = new RandomStreams(scenario.seed());
        if (scenario.reliability().enabled()) {
            failures = new FleetFailures(
                    scenario.reliability(),
                    state,
                    cluster.occupancy(),
                    sim,
                    streams.stream("failures"),
                    this::interrupt);
        }
        serving = new InferenceFleet(scenario, sim, state, fleet.cpuPools(), streams, this);
        fleet.schedule(scenario.fleet(), sim, scenario.endMs());
        serving.schedule(horizon);
        new TrainingDemand(scenario, catalog, sim, streams, this::submit).schedule();
        scheduleSample(series.stepMs());
        accounts.schedule(sim, horizon);
        if (scenario.scheduler().backfillIntervalMs() > 0) {
            scheduleBackfillPass(scenario.scheduler().backfillIntervalMs());
        }
        sim.runUntil(horizon);
        if (stepAreas.since() < horizon) {
            takeSample(horizon);
        }
        return result();
    }

    // ---- workload -------------------------------------------------------------------------------------------------

    private void submit(Job job) {
        jobsSubmitted++;
        demandedGpus += job.gpus();
        catalog.stats().get(job.queue()).submitted();
        if (history != null) {
            history.submitted(sim.now(), job, catalog.queues().name(job.queue()));
        }
        pending.add(job);
        requestCycle();
    }

    private void requestCycle() {
        if (!cycleRequested) {
            cycleRequested = true;
            sim.after(0, now -> {
                cycleRequested = false;
                cycles++;
                CycleStats stats = cycle.run(now, cluster, pending, reservations, this);
                int[] waits = stats.waitsByReason();
                for (int i = 0; i < waits.length; i++) {
                    waitDecisions[i] += waits[i];
                }
                if (history != null) {
                    history.afterCycle(now);
                }
                updateLevels();
            });
        }
    }

    @Override
    public void start(Job job, Placement p) {
        long now = sim.now();
        cluster.start(job, p, now);
        if (job.runs() == 1) {
            catalog.stats().get(job.queue()).started(now - job.submitMs());
            jobsStarted++;
        }
        running.add(job);
        if (serving.isReplica(job)) {
            serving.started(job, now);
        } else {
            reliability.started(job, now);
        }
        busyGpus += job.runGpus();
        catalog.stats().get(job.queue()).adjust(job.runGpus(), job.allocatedGpus());
        if (history != null) {
            history.started(now, job, state);
        }
        scheduleFinish(job);
    }

    /**
     * Schedules the job's end at its current size; a later start or resize makes this one stale. An end at or after
     * the horizon would never fire (serving replicas run to the horizon), so it is not queued.
     */
    private void scheduleFinish(Job job) {
        long delay = job.msToFinish(sim.now());
        if (delay >= horizon - sim.now()) {
            return;
        }
        int version = job.allocationVersion();
        sim.after(delay, t -> {
            if (job.allocationVersion() == version && job.state() == JobState.RUNNING) {
                finish(job);
            }
        });
    }

    @Override
    public void shrink(Job donor, int[] racks, Job forJob) {
        long now = sim.now();
        int before = donor.runGpus();
        int held = donor.allocatedGpus();
        cluster.shrink(donor, racks, now);
        busyGpus += donor.runGpus() - before;
        catalog.stats().get(donor.queue()).adjust(donor.runGpus() - before, donor.allocatedGpus() - held);
        resizes++;
        if (history != null) {
            history.resized(now, donor, "shrunk to " + donor.runGpus() + " GPUs for " + forJob.name());
        }
        scheduleFinish(donor);
        updateLevels();
    }

    @Override
    public void grow(Job job, Placement extra) {
        long now = sim.now();
        int before = job.runGpus();
        int held = job.allocatedGpus();
        cluster.grow(job, extra, now);
        busyGpus += job.runGpus() - before;
        catalog.stats().get(job.queue()).adjust(job.runGpus() - before, job.allocatedGpus() - held);
        resizes++;
        if (history != null) {
            history.resized(now, job, "grew to " + job.runGpus() + " GPUs");
        }
        scheduleFinish(job);
        updateLevels();
    }

    /**
     * A failure under {@code job}: it stops from its last checkpoint and waits to run again, or, when it is elastic
     * and keeps at least its minimum without the failed rack, carries on smaller.
     */
    private void interrupt(Job job, FailureCause cause, int rack) {
        long now = sim.now();
        if (serving.isReplica(job)) {
            leaveRunning(job);
            job.interrupt(now);
            serving.stopped(job);
            interruptionsInStep++;
            pending.add(job);
            updateLevels();
            requestCycle();
            return;
        }
        if (rack >= 0 && job.isElastic() && canCarryOn(job, rack)) {
            long lost = job.failOver(now);
            int before = job.runGpus();
            int held = job.allocatedGpus();
            cluster.shrink(job, new int[] {rack}, now);
            busyGpus += job.runGpus() - before;
            catalog.stats().get(job.queue()).adjust(job.runGpus() - before, job.allocatedGpus() - held);
            reliability.carriedOn(job, cause, lost);
            interruptionsInStep++;
            resizes++;
            if (history != null) {
                history.resized(
                        now,
                        job,
                        "carried on with " + job.runGpus() + " GPUs after a failure (" + cause.name()
                                + "), from its last checkpoint");
            }
            scheduleFinish(job);
            updateLevels();
            requestCycle();
            return;
        }
        leaveRunning(job);
        long lost = job.interrupt(now);
        reliability.interrupted(job, cause, now, lost);
        interruptionsInStep++;
        if (history != null) {
            history.interrupted(now, job, cause.name(), lost);
        }
        pending.add(job);
        updateLevels();
        requestCycle();
    }

    /** Whether the elastic job still has at least its minimum GPUs without {@code rack}. */
    private boolean canCarryOn(Job job, int rack) {
        int perDomain = state.model(state.rackModel(rack)).gpusPerDomain();
        boolean holds = false;
        for (int r : job.racks()) {
            holds |= r == rack;
        }
        return holds && (job.racks().length - 1) * perDomain >= job.minGpus() && job.racks().length > 1;
    }

    @Override
    public void preempt(Job victim, Job forJob) {
        long now = sim.now();
        leaveRunning(victim);
        long lost = victim.preempt(now);
        lostGpuMs += lost;
        serving.stopped(victim);
        preemptions++;
        if (history != null) {
            history.preempted(now, victim, forJob, lost);
        }
        catalog.stats().get(victim.queue()).preempted();
        updateLevels();
    }

    /** A running job stops (it ended, was preempted or interrupted): its units and GPU levels are given back. */
    private void leaveRunning(Job job) {
        cluster.release(job);
        catalog.stats().get(job.queue()).adjust(-job.runGpus(), -job.allocatedGpus());
        running.remove(job);
        busyGpus -= job.runGpus();
    }

    private void finish(Job job) {
        leaveRunning(job);
        catalog.stats().get(job.queue()).completed();
        job.complete();
        demandedGpus -= job.gpus();
        reliability.account(job, sim.now());
        jobsCompleted++;
        if (history != null) {
            history.finished(sim.now(), job);
        }
        updateLevels();
        requestCycle();
    }

    private void updateLevels() {
        ledger.set(state.onlineGpus(), state.allocatedGpus(), busyGpus);
    }

    /** The slow half of backfill: when and where waiting gangs are expected to start. */
    private void scheduleBackfillPass(long at) {
        if (at < horizon) {
            sim.at(at, now -> {
                if (!pending.isEmpty()) {
                    reservationPass.run(now, state, cluster.occupancy(), pending, reservations);
                    if (reservations.size() > 0) {
                        requestCycle();
                    }
                }
                scheduleBackfillPass(now + scenario.scheduler().backfillIntervalMs());
            });
        }
    }

    // ---- replicas of inference services ---------------------------------------------------------------------------

    @Override
    public Job newReplica(String name, String queue, int gpus, List<String> models, long now) {
        return catalog.newReplica(name, queue, now, gpus, horizon, models);
    }

    @Override
    public void submitReplica(Job replica) {
        submit(replica);
    }

    @Override
    public void withdrawReplica(Job replica) {
        if (replica.state() == JobState.RUNNING) {
            leaveRunning(replica);
            replica.complete();
            demandedGpus -= replica.gpus();
            jobsCompleted++;
            catalog.stats().get(replica.queue()).completed();
            updateLevels();
            requestCycle();
        } else if (replica.state() == JobState.PENDING) {
            pending.remove(replica);
            replica.cancel();
            demandedGpus -= replica.gpus();
        }
    }

    @Override
    public long queueBusyGpus(String queue) {
        return catalog.stats().get(catalog.queueIndex(queue)).busyGpus();
    }

    // ---- sampling -------------------------------------------------------------------------------------------------

    private void scheduleSample(long at) {
        if (at < horizon) {
            sim.at(at, now -> {
                takeSample(now);
                scheduleSample(now + series.stepMs());
            });
        }
    }

    /** Records the row for the step ending at {@code now}: GPU means over the step, counts at its end. */
    private void takeSample(long now) {
        updateLevels();
        double[] row = sampleRow;
        double busyShare = stepAreas.fill(now, row);
        row[3] = state.onlineRacks();
        row[4] = pending.size();
        row[5] = running.size();
        row[6] = fleet.cpuPools().totalHosts();
        row[7] = fleet.cpuPools().totalVcpus();
        row[8] = state.downGpus();
        row[9] = interruptionsInStep;
        row[10] = demandedGpus;
        double[] servingRow = serving.sample();
        int at = TimeSeries.COLUMNS.length;
        System.arraycopy(servingRow, 0, row, at, servingRow.length);
        at += servingRow.length;
        at += accounts.columns().size(); // filled by the accounts after the row is added
        for (int q = at; q < row.length; q++) {
            row[q] = pending.size(q - at);
        }
        series.add(now, row);
        if (probe != null) {
            probe.sampled(series.size() - 1, now, running, pending);
        }
        accounts.sample(now, now - stepAreas.since(), busyShare, series);
        interruptionsInStep = 0;
        stepAreas.next(now);
    }

    /** Events still queued: after {@link #run()}, only those at or after the horizon. */
    int eventsQueued() {
        return sim.pending();
    }

    // ---- result ---------------------------------------------------------------------------------------------------

    private RunResult result() {
        ServingResult served = ServingResult.of(serving);
        if (served.tokensServed() > 0) {
            accounts.tokensServed(Math.round(served.tokensServed()));
        }
        for (Iterable<Job> jobs : List.<Iterable<Job>>of(running, pending)) {
            for (Job j : jobs) {
                if (!serving.isReplica(j)) {
                    reliability.account(j, horizon);
                }
            }
        }
        if (failures != null) {
            reliability.repaired(failures.repairGpuMsByCause());
        }
        return new RunResult(
                scenario.name(),
                scenario.seed(),
                scenario.startMs(),
                scenario.endMs(),
                state.onlineGpus(),
                state.onlineRacks(),
                fleet.cpuPools().totalVcpus(),
                fleet.cpuPools().totalHosts(),
                RunTallies.racksByModel(state),
                jobsSubmitted,
                jobsStarted,
                jobsCompleted,
                running.size(),
                pending.size(),
                ledger.onlineArea(),
                ledger.allocatedArea(),
                ledger.busyArea(),
                preemptions,
                lostGpuMs,
                resizes,
                List.copyOf(catalog.stats()),
                RunTallies.waitingByReason(pending),
                RunTallies.decisionsByReason(waitDecisions),
                sim.eventsFired(),
                cycles,
                series,
                history,
                scenario.reliability().enabled(),
                failures == null ? 0 : failures.faults(),
                reliability,
                served,
                accounts);
    }
}
