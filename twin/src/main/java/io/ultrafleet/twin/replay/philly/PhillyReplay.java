package io.ultrafleet.twin.replay.philly;

import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.Decision;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.scheduling.SchedulingCycle;
import io.ultrafleet.scheduling.backfill.ReservationPass;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.scheduling.placement.Placement;
import io.ultrafleet.spec.SchedulerSpec;
import io.ultrafleet.twin.engine.Simulation;
import io.ultrafleet.workload.Job;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replays Philly's jobs on Philly's fleet with the scheduler core, on the twin's discrete-event engine, as the twin
 * drives the core: a job joins the pending queue at its submission and asks for a scheduling cycle; a start schedules
 * the job's end after its duration; an end gives its GPUs back and asks for another cycle. Cycles run at once, but at
 * most every {@link #CYCLE_INTERVAL_MS}. A cycle examines at most the core's default queue depth; when it started jobs
 * and stopped there, another follows. With a backfilling policy, the reservation pass runs hourly, as in the twin.
 *
 * <p>Beside each trace job, unseen work of the same VC and size may stand: the work the cluster ran that the trace
 * does not carry (docs/replay.md). It is scheduled like any job and counts in the active servers and GPU time, not
 * in the delays and completion times, which are the trace jobs'. Nothing is random: the same inputs give the same
 * result.
 */
public final class PhillyReplay {
    /**
     * How a replay runs.
     *
     * @param policy the scheduling policy
     * @param servers servers in service, taken from the machine list by {@link InServicePool}
     * @param unseenWork unseen work beside each trace job, as a multiple of its duration; 0 for none
     */
    public record Settings(PhillyPolicy policy, int servers, double unseenWork) {
        public Settings {
            if (!(unseenWork >= 0 && unseenWork <= MAX_UNSEEN_WORK)) {
                throw new IllegalArgumentException("unseen work " + unseenWork + ", allowed 0.." + MAX_UNSEEN_WORK);
            }
        }
    }

    /** The unseen work calibrated on the first half of October 2017 (docs/replay.md). */
    public static final double CALIBRATED_UNSEEN_WORK = 2.1;

    public static final double MAX_UNSEEN_WORK = 10.0;

    /**
     * Cycles run at most this often: arrivals and ends within it are scheduled together, as a batch scheduler's loop
     * runs on an interval. It adds at most this much to a wait (docs/replay.md).
     */
    public static final long CYCLE_INTERVAL_MS = 10_000L;

    /** Told every so many events how far the replay is. */
    public interface Progress {
        void at(long nowMs, long events);
    }

    private final Simulation sim = new Simulation();
    private final PhillyFleet fleet;
    private final ClusterState cluster;
    private final PendingQueue pending;
    private final int queueDepth = SchedulerSpec.DEFAULT.queueDepth();
    private final SchedulingCycle cycle = new SchedulingCycle(queueDepth);
    private final Reservations reservations = Reservations.none();
    private final ReservationPass reservationPass = new ReservationPass(SchedulerSpec.DEFAULT.backfillMaxGangs());
    private final ServerUse use = new ServerUse();
    private final ActiveSeries active;
    private final JobBook book;
    private final FifoGate gate;
    private boolean cycleRequested;
    private long lastCycleMs = Long.MIN_VALUE / 2;
    private long cycles;
    private int arrived;
    private int running;
    private int largestStartedGang;

    private PhillyReplay(PhillyFleet fleet, JobBook book, ActiveSeries active) {
        this.fleet = fleet;
        this.cluster = fleet.cluster();
        this.pending = PendingQueue.forFleet(cluster.fleet());
        this.book = book;
        this.active = active;
        this.gate = new FifoGate(book.policy().firstComeFirstServedPerVc(), pending);
    }

    /** Replays {@code jobs} on the {@code machines} and {@code vcs} given. */
    public static PhillyResult run(
            List<PhillyJob> jobs,
            List<PhillyMachine> machines,
            List<PhillyVc> vcs,
            Settings settings,
            Progress progress) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("no jobs to replay");
        }
        List<PhillyJob> sorted = new ArrayList<>(jobs);
        sorted.sort(Comparator.comparingLong(PhillyJob::submitMs).thenComparingInt(PhillyJob::line));
        PhillyFleet fleet = PhillyFleet.build(InServicePool.choose(machines, settings.servers()), vcs);
        JobBook book = new JobBook(sorted, fleet, vcs, settings);
        long day = ActiveSeries.MINUTES_PER_DAY * ActiveSeries.MINUTE_MS;
        long start = Math.floorDiv(sorted.get(0).submitMs(), day) * day;
        long end = (Math.floorDiv(sorted.get(sorted.size() - 1).submitMs(), day) + 1) * day;
        PhillyReplay r = new PhillyReplay(fleet, book, new ActiveSeries(start, (int) ((end - start) / 60_000L)));
        r.sim.onAdvance((from, to) -> r.active.hold(from, to, r.use.active()));
        r.sim.onProgress((now, events) -> progress.at(now, events));
        r.sim.at(book.job(0).submitMs(), now -> r.arrive());
        if (settings.policy().backfill()) {
            r.sim.at(start, now -> r.backfillPass());
        }
        r.sim.runUntil(Long.MAX_VALUE);
        return book.result(settings, fleet, r.active, r.pending, r.gate.held(), r.largestStartedGang, r.cycles);
    }

    /** The next job (and its unseen work, just after it) joins the queue; the one after is scheduled. */
    private void arrive() {
        long now = sim.now();
        while (arrived < book.size() && book.job(arrived).submitMs() == now) {
            Job job = book.job(arrived++);
            book.submitted(job);
            if (fleet.couldEverStart(job.gpus())) {
                gate.arrive(job);
            } else {
                book.setAside(job);
            }
        }
        if (arrived < book.size()) {
            sim.at(book.job(arrived).submitMs(), t -> arrive());
        }
        requestCycle();
    }

    private void requestCycle() {
        cycle(Math.max(sim.now(), lastCycleMs + CYCLE_INTERVAL_MS));
    }

    /** Another cycle at this instant: the last one left work it may start now. */
    private void cycleNow() {
        cycle(sim.now());
    }

    private void cycle(long at) {
        if (!cycleRequested) {
            cycleRequested = true;
            sim.at(at, now -> {
                cycleRequested = false;
                lastCycleMs = now;
                cycles++;
                CycleResult result = cycle.run(now, cluster, pending, reservations);
                boolean letIn = false;
                for (Decision d : result.decisions()) {
                    if (d instanceof Decision.Start st) {
                        started(st.job(), st.placement());
                        letIn |= gate.started(st.job());
                    } else if (!(d instanceof Decision.Wait)) {
                        throw new IllegalStateException("no preemption or resizing in a Philly replay: " + d);
                    }
                }
                if (letIn || (result.started() > 0 && result.examined() == queueDepth && !pending.isEmpty())) {
                    cycleNow();
                }
            });
        }
    }

    private void started(Job job, Placement placement) {
        long now = sim.now();
        use.take(placement);
        running++;
        largestStartedGang = Math.max(largestStartedGang, job.gpus());
        book.started(job, now);
        sim.after(job.request().estimateMs(), t -> {
            cluster.finish(job);
            use.release(placement);
            running--;
            book.ended(job, placement.allocatedGpus(), now, t, active.startMs(), active.endMs());
            requestCycle();
        });
    }

    /** The slow half of backfill, hourly while jobs are still to come or running. */
    private void backfillPass() {
        if (!pending.isEmpty()) {
            reservationPass.run(sim.now(), cluster.fleet(), cluster.occupancy(), pending, reservations);
            if (reservations.size() > 0) {
                requestCycle();
            }
        }
        if (arrived < book.size() || running > 0) {
            sim.after(SchedulerSpec.DEFAULT.backfillIntervalMs(), now -> backfillPass());
        }
    }
}
