package io.ultrafleet.twin.run;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.SchedulingCycle;
import io.ultrafleet.scheduling.backfill.ReservationPass;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.scheduling.sites.ServingReserve;
import io.ultrafleet.spec.Cycles;
import io.ultrafleet.spec.SchedulerSpec;
import io.ultrafleet.twin.engine.RandomStreams;
import io.ultrafleet.twin.engine.Simulation;
import io.ultrafleet.twin.failures.FleetFailures;
import io.ultrafleet.twin.failures.ReliabilityLedger;
import io.ultrafleet.twin.failures.SpotReclaims;
import io.ultrafleet.twin.fleet.FleetModel;
import io.ultrafleet.twin.metrics.GpuLedger;
import io.ultrafleet.twin.metrics.QueueStats;
import io.ultrafleet.twin.metrics.TimeSeries;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.serving.InferenceFleet;
import io.ultrafleet.twin.serving.ReplicaHost;
import io.ultrafleet.twin.serving.SeriesWindow;
import io.ultrafleet.twin.serving.ServingResult;
import io.ultrafleet.workload.Job;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the twin on one scenario and seed: the fleet's ramp, the training work, and the production scheduler
 * core placing it, on the simulated clock. Build it, then call {@link #run()} once. It wires the run together: the
 * fleet and its events, demand, the scheduling cycle (whose decisions {@link TwinCommitter} follows up), failures,
 * inference services, the books ({@link FleetAccounts}) and the time series ({@link SeriesSampler}).
 */
public final class TwinRun implements ReplicaHost {

    private final Scenario scenario;
    private final Simulation sim = new Simulation();
    private final FleetModel fleet;
    private final JobCatalog catalog;
    private final ClusterState cluster;
    private final Reservations reservations = Reservations.none();
    private final ReservationPass reservationPass;
    private final PendingQueue pending;
    private final SchedulingCycle cycle;
    private final GpuLedger ledger = new GpuLedger();
    private final TimeSeries series;
    private final FleetAccounts accounts;
    private final long horizon;
    private final RunCounters counts = new RunCounters();
    private final ReliabilityLedger reliability = new ReliabilityLedger();
    private final TwinCommitter committer;
    private final SeriesSampler sampler;
    private boolean cycleRequested;
    /** The last cycle that examined jobs: which queues it passed over, their quota used up (for the end tallies). */
    private CycleResult lastExamining;

    private JobHistory history;
    private FleetFailures failures;
    private SpotReclaims reclaims;
    private InferenceFleet serving;
    private RunObserver observer = RunObserver.NONE;

    public TwinRun(Scenario scenario, HardwareCatalogue catalogue) {
        this.scenario = scenario;
        this.horizon = scenario.horizonMs();
        this.fleet = new FleetModel(scenario.fleet(), catalogue, scenario.epoch());
        FleetState state = fleet.state();
        this.pending = PendingQueue.forFleet(state);
        this.catalog = new JobCatalog(scenario, fleet);
        this.cluster = new ClusterState(state, catalog.queues());
        SchedulerSpec sched = scenario.scheduler();
        this.cycle = Cycles.of(sched);
        this.reservationPass = new ReservationPass(sched.backfillMaxGangs());
        this.accounts = new FleetAccounts(scenario, fleet, catalog.queues(), sim, catalogue);
        List<String> queueNames = new ArrayList<>();
        for (int q = 0; q < cluster.queues().size(); q++) {
            queueNames.add(cluster.queues().name(q));
        }
        List<String> extra = new ArrayList<>(List.of(SeriesWindow.COLUMNS));
        extra.addAll(accounts.columns());
        this.series = new TimeSeries(scenario.outputs().timeSeriesStepMs(), extra, queueNames);
        this.committer = new TwinCommitter(
                sim, cluster, catalog, pending, counts, reliability, ledger, horizon, this::requestCycle);
        this.sampler = new SeriesSampler(
                series,
                cluster.fleet(),
                fleet.cpuPools(),
                pending,
                committer.running(),
                counts,
                new StepAreas(ledger),
                committer,
                accounts,
                queueNames.size());
        fleet.onCapacityChange(() -> {
            if (failures != null) {
                failures.capacityChanged();
            }
            if (reclaims != null) {
                reclaims.capacityChanged();
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

    /**
     * Capacity held back for the services with a reserve: the services' queues are not limited by it, other work only
     * when it is neither elastic nor short (docs/model.md).
     */
    private void holdReserve() {
        QueueBook queues = cluster.queues();
        int[] exempt = new int[scenario.inference().services().size()];
        for (int i = 0; i < exempt.length; i++) {
            String q = scenario.inference().services().get(i).queue();
            for (int k = 0; k < queues.size(); k++) {
                if (queues.name(k).equals(q)) {
                    exempt[i] = k;
                }
            }
        }
        ServingReserve reserve = new ServingReserve(
                exempt,
                serving.reserveModels(cluster.fleet()),
                scenario.inference().borrowMaxRunMs(),
                cluster.fleet().topology().siteCount());
        queues.siteRules(queues.siteRules().withReserve(reserve));
        serving.sizeReserve(reserve, cluster.fleet());
    }

    /** Records the decisions about the job called {@code name}, for {@link RunResult#history()}. */
    public void explain(String name) {
        this.history = new JobHistory(name, scenario.epoch());
        committer.history(history);
    }

    /**
     * Shows {@code observer} every submission, with the run's state at that instant, and every end: what a back-test
     * of forecasts reads the run's past from. Call before {@link #run()}.
     */
    public void observe(RunObserver observer) {
        this.observer = observer;
        committer.observer(observer);
    }

    /** Lets a test look at the jobs behind each time-series row, to count them independently of the run. */
    void probeSamples(SeriesSampler.SampleProbe p) {
        sampler.probe(p);
    }

    /** Progress is reported every {@link Simulation#PROGRESS_EVERY} events. */
    public void onProgress(Simulation.ProgressListener listener) {
        sim.onProgress(listener);
    }

    public RunResult run() {
        RandomStreams streams = new RandomStreams(scenario.seed());
        if (scenario.reliability().enabled()) {
            failures = new FleetFailures(
                    scenario.reliability(), cluster, sim, streams.stream("failures"), committer::interrupt);
        }
        SpotReclaims spot = new SpotReclaims(
                scenario.costs().overflow(), cluster, sim, streams.stream("spot-reclaims"), committer::reclaimed);
        if (spot.any()) {
            reclaims = spot;
            accounts.reclaims(spot);
        }
        serving = new InferenceFleet(scenario, sim, cluster.fleet(), fleet.cpuPools(), streams, this);
        committer.serving(serving);
        sampler.serving(serving);
        if (scenario.inference().reserves()) {
            holdReserve();
        }
        fleet.schedule(scenario.fleet(), sim, scenario.endMs(), cluster);
        serving.schedule(horizon);
        new TrainingDemand(scenario, catalog, sim, streams, this::submit).schedule();
        sampler.schedule(sim, series.stepMs(), horizon);
        accounts.schedule(sim, horizon);
        if (scenario.scheduler().backfillIntervalMs() > 0) {
            scheduleBackfillPass(scenario.scheduler().backfillIntervalMs());
        }
        sim.runUntil(horizon);
        if (sampler.stepStart() < horizon) {
            sampler.take(horizon);
        }
        return result();
    }

    // ---- workload -------------------------------------------------------------------------------------------------

    private void submit(Job job) {
        counts.submitted++;
        counts.demandedGpus += job.gpus();
        catalog.stats().get(job.queue()).submitted();
        if (history != null) {
            history.submitted(sim.now(), job, catalog.queues().name(job.queue()));
        }
        pending.add(job);
        observer.submitted(
                job, new RunObserver.View(sim.now(), cluster.fleet(), pending, committer.running(), reservations));
        requestCycle();
    }

    /**
     * Asks for a scheduling cycle at the instant firing; several requests at one instant make one cycle. With a cycle
     * interval, the cycle runs at the end of the interval the request falls in, so that the requests of one interval
     * make one cycle.
     */
    private void requestCycle() {
        if (!cycleRequested) {
            cycleRequested = true;
            long every = scenario.scheduler().cycleIntervalMs();
            long delay = every <= 0 ? 0 : Math.floorMod(-sim.now(), every);
            sim.after(delay, now -> {
                cycleRequested = false;
                counts.cycles++;
                CycleResult result = cycle.run(now, cluster, pending, reservations);
                committer.apply(result);
                if (result.examined() > 0) {
                    lastExamining = result;
                }
                int[] waits = result.waitsByReason();
                for (int i = 0; i < waits.length; i++) {
                    counts.waitDecisions[i] += waits[i];
                }
                if (history != null) {
                    history.afterCycle(now, lastExamining);
                }
                committer.updateLevels();
                if (result.started() > 0
                        && result.examined() >= scenario.scheduler().queueDepth()) {
                    // Stopped at its queue depth while jobs were still starting: the jobs after them may start too,
                    // and nothing else may come to ask for a cycle (a service that added many replicas at once).
                    requestCycle();
                }
            });
        }
    }

    /** The slow half of backfill: when and where waiting gangs are expected to start. */
    private void scheduleBackfillPass(long at) {
        if (at < horizon) {
            sim.at(at, now -> {
                if (!pending.isEmpty()) {
                    reservationPass.run(now, cluster.fleet(), cluster.occupancy(), pending, reservations);
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
        committer.withdraw(replica);
    }

    @Override
    public long queueBusyGpus(String queue) {
        return catalog.stats().get(catalog.queueIndex(queue)).busyGpus();
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
        for (Iterable<Job> jobs : List.<Iterable<Job>>of(committer.running(), pending)) {
            for (Job j : jobs) {
                if (!serving.isReplica(j)) {
                    reliability.account(j, horizon);
                }
            }
        }
        if (failures != null) {
            reliability.repaired(failures.repairGpuMsByCause());
        }
        FleetView state = cluster.fleet();
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
                counts.submitted,
                counts.started,
                counts.completed,
                committer.running().size(),
                pending.size(),
                ledger.onlineArea(),
                ledger.allocatedArea(),
                ledger.busyArea(),
                counts.preemptions,
                counts.lostGpuMs,
                counts.resizes,
                List.copyOf(catalog.stats()),
                RunTallies.waitingByReason(pending, lastExamining),
                RunTallies.decisionsByReason(counts.waitDecisions),
                sim.eventsFired(),
                counts.cycles,
                series,
                history,
                scenario.reliability().enabled(),
                failures == null ? 0 : failures.faults(),
                reliability,
                served,
                accounts);
    }
}
