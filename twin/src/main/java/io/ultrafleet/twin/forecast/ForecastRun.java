package io.ultrafleet.twin.forecast;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.RackStatus;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.Decision;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.scheduling.SchedulingCycle;
import io.ultrafleet.scheduling.backfill.ReservationPass;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.scheduling.sites.PlacementFacts;
import io.ultrafleet.spec.Cycles;
import io.ultrafleet.spec.SchedulerSpec;
import io.ultrafleet.twin.demand.Sampler;
import io.ultrafleet.twin.engine.RandomStreams;
import io.ultrafleet.twin.engine.Simulation;
import io.ultrafleet.twin.failures.FailureEffects;
import io.ultrafleet.twin.failures.FleetFailures;
import io.ultrafleet.twin.reliability.FailureCause;
import io.ultrafleet.twin.scenario.ReliabilitySpec;
import io.ultrafleet.twin.workload.SimulatedProgress;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import io.ultrafleet.workload.JobState;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One replication of a forecast: the snapshot's state on a fresh simulated clock, driven forward by the production
 * scheduling cycle as the twin drives it (a cycle per instant that asks for one, the hourly backfill pass, preemption
 * and elasticity as the scheduler section says), with the run times, arrivals and failures of this replication's
 * draws. It records what the forecast asks about ({@link Outcome}). Single-threaded; build one per replication.
 */
final class ForecastRun implements Decision.Handler, FailureEffects {
    /** The clock advances in steps of this much between looks at whether the run may stop. */
    private static final long STEP_MS = 600_000L;

    private final LiveSnapshot snapshot;
    private final StartingState start;
    private final DemandModel demand;
    private final ReliabilitySpec reliability;
    private final RandomStreams streams;
    private final Simulation sim = new Simulation();
    private final ClusterState cluster;
    private final PendingQueue pending;
    private final SchedulingCycle cycle;
    private final ReservationPass reservationPass;
    private final Reservations reservations;
    private final Map<Job, Integer> queuedIndex = new IdentityHashMap<>();
    private final Map<Job, Integer> runningIndex = new IdentityHashMap<>();
    private final long end;
    private Outcome outcome;
    private FleetFailures failures;
    private long nextId;
    /** The last id a new job may take: beyond it the run would hold more jobs than it may. */
    private final long lastId;

    private boolean cycleRequested;
    private int target = -1;
    private boolean targetStarted;

    /**
     * @param sites the sites' facts for the scheduler's site rules, or null when none are known
     * @param demand what arrives and how long jobs run ({@link DemandModel#declared} for a Slurm-style estimate)
     * @param reliability the failures to draw ({@link ReliabilitySpec#OFF} for none)
     * @param streams this replication's random streams
     * @param horizonMs how far past the snapshot the run may go
     * @param maxJobs the most jobs the run may hold, the snapshot's included: the horizon was chosen so that the
     *     demand's bound fits ({@link Forecaster#horizonMs}); a run that outgrows it fails rather than take the heap
     */
    ForecastRun(
            LiveSnapshot snapshot,
            HardwareCatalogue catalogue,
            PlacementFacts sites,
            DemandModel demand,
            ReliabilitySpec reliability,
            RandomStreams streams,
            long horizonMs,
            long maxJobs) {
        this.snapshot = snapshot;
        // this replication's own sample of the window's run-time ratios
        this.demand = demand.resampled(streams.stream("ratios"));
        this.reliability = reliability;
        this.streams = streams;
        this.start = new StartingState(snapshot, catalogue, sites, this.demand, streams.stream("durations"));
        this.cluster = start.cluster;
        this.pending = start.pending;
        this.reservations = start.reservations;
        this.nextId = start.nextId;
        this.end = snapshot.takenAt() + horizonMs;
        this.lastId = start.nextId - 1 + Math.max(0, maxJobs - start.queued.length - start.running.length);
        SchedulerSpec sched = snapshot.scheduler();
        // the scheduler section's own cycle, with its preemption policy, as the twin and a live server build it
        this.cycle = Cycles.of(sched);
        this.reservationPass = new ReservationPass(sched.backfillMaxGangs());
        for (int i = 0; i < start.queued.length; i++) {
            queuedIndex.put(start.queued[i], i);
        }
        for (int i = 0; i < start.running.length; i++) {
            runningIndex.put(start.running[i], i);
        }
    }

    /** Runs until queued job {@code index} of the snapshot starts, or to the horizon; no bands. */
    Outcome untilStart(int index) {
        target = index;
        outcome = new Outcome(start.queued.length, start.running.length, 0);
        begin();
        while (!targetStarted && sim.now() < end) {
            sim.runUntil(Math.min(end, sim.now() + STEP_MS));
        }
        return outcome;
    }

    /** Runs to the horizon, taking the fleet's bands every {@code stepMs} from the snapshot on. */
    Outcome toHorizon(long stepMs) {
        int points = (int) ((end - snapshot.takenAt()) / stepMs) + 1;
        outcome = new Outcome(start.queued.length, start.running.length, points);
        begin();
        for (int k = 0; k < points; k++) {
            int point = k;
            sim.at(snapshot.takenAt() + k * stepMs, t -> sample(point));
        }
        // the last point is the horizon itself: run through it
        sim.runUntil(end + 1);
        return outcome;
    }

    private void begin() {
        long now = snapshot.takenAt();
        sim.runUntil(now);
        PlannedFleet.schedule(start.layout, snapshot.epoch(), sim, now, end, cluster, this::capacityChanged);
        if (reliability.enabled()) {
            failures = new FleetFailures(withoutSpares(reliability), cluster, sim, streams.stream("failures"), this);
            failures.capacityChanged();
            repairWhatIsDown(now, streams.stream("repairs"));
        }
        restOfBatches(now, streams.stream("batches"));
        armArrival(demand.arrivals(streams.stream("arrivals")));
        for (Job job : start.running) {
            scheduleEnd(job, job.runGpus(), job.allocationVersion());
        }
        // the first cycle before any pass at the same instant: a pass reserves only for gangs a cycle found waiting
        requestCycle();
        long interval = snapshot.scheduler().backfillIntervalMs();
        if (interval > 0) {
            long last = snapshot.backfillAt();
            backfillPass(last == LiveSnapshot.NO_BACKFILL ? now : Math.max(now, last + interval), interval);
        }
    }

    /**
     * Spares held in the live fleet are down in the snapshot already; a replication keeps them so and sets up no more,
     * so failures are repaired without spares.
     */
    private static ReliabilitySpec withoutSpares(ReliabilitySpec r) {
        return new ReliabilitySpec(
                r.enabled(),
                r.hazardPerGpuHour(),
                r.generationMultiplier(),
                r.modelMultipliers(),
                r.weibullShape(),
                r.weibullScaleHours(),
                r.detectionMs(),
                r.traySwapMs(),
                r.trayRepair(),
                r.rackRepair(),
                0,
                0);
    }

    /**
     * Units down in the snapshot come back after the rest of a repair: a repair time drawn from the reliability
     * section (rack or tray, with detection) times a uniform fraction, since how long each has been down is not known.
     * Not with spares, which a snapshot cannot tell from failed units.
     */
    private void repairWhatIsDown(long now, SplittableRandom random) {
        if (reliability.sparesPerRack() > 0 || reliability.spareRacksPerBlock() > 0) {
            return;
        }
        Sampler tray = new Sampler(reliability.trayRepair(), random.split());
        Sampler rack = new Sampler(reliability.rackRepair(), random.split());
        for (int r = 0; r < snapshot.racks().size(); r++) {
            LiveSnapshot.Rack k = snapshot.racks().get(r);
            if (k.downMask() == 0 || k.status() == RackStatus.GONE) {
                continue;
            }
            long full = cluster.fleet().model(cluster.fleet().rackModel(r)).fullMask();
            double repair = reliability.detectionMs() + (k.downMask() == full ? rack : tray).next();
            long at = now + Math.max(1, Math.round(random.nextDouble() * repair));
            if (at < end) {
                int id = r;
                sim.at(at, t -> {
                    cluster.bringUp(id, k.downMask());
                    requestCycle();
                });
            }
        }
    }

    private void capacityChanged() {
        if (failures != null) {
            failures.capacityChanged();
        }
        requestCycle();
    }

    /**
     * The rest of the batches submitted at the snapshot's instant: when jobs come in batches (a service adding
     * replicas, a sweep of runs, several services at one autoscaler step), the job just submitted may be one of many
     * submitted in the same millisecond, and those after it are not in the snapshot yet. Each replication draws what
     * follows the last job submitted at that instant, from what followed a submission of its queue in the window, of
     * every queue at once, and submits them like the last of their queue at that instant (or its latest shape): they
     * compete for the same capacity in the same cycle.
     */
    private void restOfBatches(long now, SplittableRandom random) {
        Job trigger = null;
        Job[] last = new Job[demand.queues()];
        for (Job j : start.queued) {
            if (j.submitMs() == now) {
                if (trigger == null || j.id() > trigger.id()) {
                    trigger = j;
                }
                if (last[j.queue()] == null || j.id() > last[j.queue()].id()) {
                    last[j.queue()] = j;
                }
            }
        }
        if (trigger == null) {
            return;
        }
        int[] more = demand.followers(trigger.queue(), random);
        for (int k = 0; k + 1 < more.length; k += 2) {
            int q = more[k];
            JobRequest template = last[q] != null ? last[q].request() : demand.latest(q);
            for (int i = 0; template != null && i < more[k + 1]; i++) {
                JobRequest request = DemandModel.resubmitted(template, newId(), now);
                pending.add(new Job(request, new SimulatedProgress(request, demand.workMs(request, 0, random))));
            }
        }
    }

    /** The id of a job arriving after the snapshot. */
    private long newId() {
        if (nextId > lastId) {
            throw new Forecaster.ForecastTooLarge(String.format(
                    java.util.Locale.ROOT,
                    "a forecast run outgrew its budget of %,d jobs: the demand brought more than its bound",
                    lastId - start.nextId + 1 + start.queued.length + start.running.length));
        }
        return nextId++;
    }

    /** Puts the next arrival on the clock, if it comes before the horizon. */
    private void armArrival(Arrivals arrivals) {
        long at = arrivals.nextAt();
        if (at >= end) {
            return;
        }
        sim.at(at, now -> {
            JobRequest request = arrivals.take(newId());
            pending.add(new Job(request, new SimulatedProgress(request, arrivals.workMs())));
            requestCycle();
            armArrival(arrivals);
        });
    }

    /**
     * Backfill passes keep the scheduler's beat: the first one interval after the snapshot's last (at once when that
     * is overdue, or when the snapshot has had none), then one every interval.
     */
    private void backfillPass(long at, long interval) {
        if (at >= end) {
            return;
        }
        sim.at(at, now -> {
            if (!pending.isEmpty()) {
                reservationPass.run(now, cluster.fleet(), cluster.occupancy(), pending, reservations);
                if (reservations.size() > 0) {
                    requestCycle();
                }
            }
            backfillPass(now + interval, interval);
        });
    }

    /**
     * One cycle for all that ask for one, as the scheduler runs them: at the instant firing, or with a cycle interval,
     * at the end of the interval the request falls in (counted from the scheduler's time 0, as the twin counts it).
     */
    private void requestCycle() {
        if (cycleRequested) {
            return;
        }
        cycleRequested = true;
        long every = snapshot.scheduler().cycleIntervalMs();
        long delay = every <= 0 ? 0 : Math.floorMod(-sim.now(), every);
        sim.after(delay, now -> {
            cycleRequested = false;
            CycleResult result = cycle.run(now, cluster, pending, reservations);
            for (Decision d : result.decisions()) {
                d.applyTo(this);
            }
            if (result.started() > 0
                    && result.examined() >= snapshot.scheduler().queueDepth()) {
                // stopped at its queue depth while jobs were still starting: the jobs after them may start too
                requestCycle();
            }
        });
    }

    private void sample(int point) {
        outcome.allocated[point] = cluster.fleet().allocatedGpus();
        int[] lengths = new int[demand.queues()];
        for (int q = 0; q < lengths.length; q++) {
            lengths[q] = pending.size(q);
        }
        outcome.queueLength[point] = lengths;
    }

    // ---- the cycle's decisions ------------------------------------------------------------------------------------

    @Override
    public void start(Decision.Start d) {
        Integer i = queuedIndex.get(d.job());
        if (i != null && outcome.starts[i] == Outcome.LATER) {
            outcome.starts[i] = sim.now();
            targetStarted |= i == target;
        }
        scheduleEnd(d.job(), d.runGpus(), d.version());
    }

    @Override
    public void preempt(Decision.Preempt d) {
        // The cycle has put the job back in the queue; its end, scheduled before, is now stale.
    }

    @Override
    public void shrink(Decision.Shrink d) {
        scheduleEnd(d.job(), d.after().runGpus(), d.version());
    }

    @Override
    public void grow(Decision.Grow d) {
        scheduleEnd(d.job(), d.after().runGpus(), d.version());
    }

    @Override
    public void waits(Decision.Wait d) {}

    // ---- ends -----------------------------------------------------------------------------------------------------

    /**
     * A fault under the job: it stops from its last checkpoint and waits to run again, or, when it is elastic and keeps
     * at least its minimum without the failed rack, carries on smaller, as the twin has it.
     */
    @Override
    public void interrupt(Job job, FailureCause cause, int rack) {
        if (rack >= 0 && job.isElastic() && canCarryOn(job, rack)) {
            SimulatedProgress.of(job).failOver(sim.now());
            cluster.shrink(job, new int[] {rack}, sim.now());
            scheduleEnd(job, job.runGpus(), job.allocationVersion());
        } else {
            cluster.interrupt(job, sim.now());
            pending.add(job);
        }
        requestCycle();
    }

    /** Whether the elastic job holds {@code rack} and other racks enough for its minimum without it. */
    private boolean canCarryOn(Job job, int rack) {
        int perDomain = cluster.fleet().model(cluster.fleet().rackModel(rack)).gpusPerDomain();
        boolean holds = false;
        for (int r : job.racks()) {
            holds |= r == rack;
        }
        return holds && job.racks().length > 1 && (job.racks().length - 1) * perDomain >= job.minGpus();
    }

    /** The job's end at the size and allocation version a decision gave it; a later decision makes it stale. */
    private void scheduleEnd(Job job, int runGpus, int version) {
        long delay = SimulatedProgress.of(job).msToFinishOn(sim.now(), runGpus);
        if (delay >= end - sim.now()) {
            return;
        }
        sim.after(delay, t -> {
            if (job.allocationVersion() == version && job.state() == JobState.RUNNING) {
                cluster.finish(job);
                Integer i = runningIndex.get(job);
                if (i != null) {
                    outcome.ends[i] = t;
                }
                requestCycle();
            }
        });
    }
}
