package io.ultrafleet.server.live;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.Decision;
import io.ultrafleet.scheduling.DecisionWords;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.scheduling.placement.Placement;
import io.ultrafleet.scheduling.quota.Quota;
import io.ultrafleet.scheduling.sites.ConcentrationCap;
import io.ultrafleet.scheduling.sites.PlacementFacts;
import io.ultrafleet.server.executor.Dispatch;
import io.ultrafleet.server.executor.Executor;
import io.ultrafleet.server.store.QueueRow;
import io.ultrafleet.spec.FleetLayout;
import io.ultrafleet.spec.SchedulerSpec;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live scheduler's world in memory: the fleet as delivered up to the server's clock, its queues, the queued and
 * running jobs, drained racks, and the scheduler core that decides over them. Every change is applied here and
 * recorded in {@link #changes()}, which the loop commits in one transaction before telling the executor anything. Used
 * by the scheduler loop's thread only.
 */
final class LiveState {
    private final FleetLayout layout;
    private final FleetState fleet;
    private final ClusterState cluster;
    private final PendingQueue pending;
    private final LiveCycles cycles;
    private final QueueDirectory queues = new QueueDirectory();
    private final List<String> classes;
    private final Map<Long, LiveJob> live = new HashMap<>();
    private final RunningJobs running = new RunningJobs();

    private final HeldOutUnits heldOut;

    private final Deliveries deliveries;
    private final TurnRecord turn = new TurnRecord();
    private final QueueRanks ranks;
    private boolean cycleWanted = true;
    private long fleetVersion;
    /** Jobs taken into the queue so far. */
    private long joined;

    /**
     * @param sites the sites' prices and carbon for the scheduler section's site rules, or null when unknown (every
     *     site then ranks alike)
     * @param classes the priority classes' names, which a concentration cap counts queues in
     */
    LiveState(FleetLayout layout, SchedulerSpec scheduler, long epochMs, PlacementFacts sites, List<String> classes) {
        this.layout = layout;
        this.fleet = layout.emptyFleet();
        this.cluster = new ClusterState(fleet, new QueueBook());
        this.classes = List.copyOf(classes);
        cluster.queues().siteRules(scheduler.placement().siteRules(sites, fleet, classes, new int[0]));
        this.pending = new PendingQueue();
        this.ranks = new QueueRanks(queues, pending, turn);
        this.cycles = new LiveCycles(scheduler);
        this.deliveries = new Deliveries(layout, epochMs);
        this.heldOut = new HeldOutUnits(cluster);
    }

    // ---- reading ---------------------------------------------------------------------------------------------------

    FleetView fleet() {
        return cluster.fleet();
    }

    QueueBook book() {
        return cluster.queues();
    }

    QueueDirectory queues() {
        return queues;
    }

    /** The priority classes' names, by index. */
    List<String> classes() {
        return classes;
    }

    PendingQueue pending() {
        return pending;
    }

    Collection<LiveJob> running() {
        return running.all();
    }

    /** Whether job {@code id} is in the state, or ended since it was built. */
    boolean knows(long id) {
        return live.containsKey(id) || turn.endedNow(id);
    }

    /** Per queue id, the jobs held whose last run started after {@code at} (the server's clock). */
    long[] runsStartedAfter(long at) {
        long[] out = new long[queues.size()];
        for (LiveJob lj : live.values()) {
            if (lj.job.startMs() > at) {
                out[lj.job.queue()]++;
            }
        }
        return out;
    }

    LiveJob job(long id) {
        return live.get(id);
    }

    int liveJobs() {
        return live.size();
    }

    boolean drained(int rack) {
        return heldOut.drained(rack);
    }

    java.util.Set<Integer> drainedRacks() {
        return heldOut.drainedRacks();
    }

    /** Units of {@code rack} out of service because of its drain, not a failure. */
    long drainHeldMask(int rack) {
        return heldOut.drainHeldMask(rack);
    }

    /** A number that changes whenever racks come, go, drain, or jobs take or give back units. */
    long fleetVersion() {
        return fleetVersion;
    }

    /**
     * A number that moves on with every change of the fleet and every job that joins the queue: changes that a turn
     * may write no row for (units the executor's engine lost, a job whose row was stored at its submission).
     */
    long version() {
        return fleetVersion + joined;
    }

    /** What the last backfill pass reserved for queued gangs. */
    Reservations reservations() {
        return cycles.reservations();
    }

    Changes changes() {
        return turn.changes();
    }

    boolean cycleWanted() {
        return cycleWanted;
    }

    void wantCycle() {
        cycleWanted = true;
    }

    // ---- queues ----------------------------------------------------------------------------------------------------

    /** Adds a queue; its id must be the next index of the queue book. */
    void addQueue(QueueRow row, int priority, List<Quota> quotas) {
        int id = cluster.queues().add(row.fullName(), row.cohort(), row.weight(), quotas);
        if (id != row.id()) {
            throw new IllegalStateException("queue " + row.fullName() + " got index " + id + " for id " + row.id());
        }
        queues.add(row, priority, quotas);
        countInClass(id, row.priorityClass());
    }

    /** Puts the queue in its priority class under the concentration cap, if there is one. */
    private void countInClass(int queue, String priorityClass) {
        ConcentrationCap cap = cluster.queues().siteRules().cap();
        if (cap != null) {
            cap.assign(queue, classes.indexOf(priorityClass));
        }
    }

    /**
     * Changes a queue's settings at once. A new priority (its class changed) is its waiting jobs' at once, each
     * re-ranked with an event saying so; its running jobs keep theirs until they wait again. Returns false, changing
     * nothing, when its running jobs hold GPUs of a flavour its new quotas do not cover.
     */
    boolean changeQueue(QueueRow row, int priority, List<Quota> quotas, long now) {
        List<Job> of = new ArrayList<>();
        for (LiveJob lj : running.all()) {
            if (lj.job.queue() == row.id()) {
                of.add(lj.job);
            }
        }
        if (!cluster.changeQueue(
                row.id(), row.cohort(), row.weight(), quotas, of, () -> countInClass(row.id(), row.priorityClass()))) {
            return false;
        }
        queues.replace(row, priority, quotas);
        turn.changes().queues.add(row);
        ranks.rerankWaiting(row, priority, now, live::get);
        cycleWanted = true;
        return true;
    }

    /** How waiting jobs take their queue's priority. */
    QueueRanks ranks() {
        return ranks;
    }

    // ---- capacity --------------------------------------------------------------------------------------------------

    /** Brings the racks delivered up to {@code now} online and starts the departures due; true if any. */
    boolean advanceFleet(long now) {
        boolean changed = deliveries.advance(now, cluster, heldOut::undrain);
        if (changed) {
            fleetVersion++;
            cycleWanted = true;
        }
        return changed;
    }

    /** The executor's engine cannot use the units of {@link HeldOutUnits#applyUnavailable}; true when any changed. */
    boolean applyUnavailable(Map<Integer, Long> want) {
        boolean changed = heldOut.applyUnavailable(want);
        if (changed) {
            turn.changes().unitsOut = heldOut.executorDown();
            fleetVersion++;
            cycleWanted = true;
        }
        return changed;
    }

    /** Drains {@code rack} (no new work; running jobs carry on) or ends its drain. */
    void drain(int rack, boolean on) {
        if (on) {
            heldOut.drain(rack);
        } else {
            heldOut.undrain(rack);
            cycleWanted = true;
        }
        turn.changes().drains.put(rack, on);
        fleetVersion++;
    }

    // ---- jobs ------------------------------------------------------------------------------------------------------

    /**
     * Jobs just committed as queued join the queue. A job given its queue's priority before a change of the queue's
     * class reached the loop (on a request thread, or on a standby whose view lags) takes the new one.
     */
    void submitted(List<LiveJob> jobs, long now) {
        for (LiveJob lj : jobs) {
            if (knows(lj.id())) {
                continue; // taken from the inbox already, or the other way round
            }
            live.put(lj.id(), lj);
            pending.add(lj.job);
            ranks.takeQueuePriority(lj, now);
            joined++;
        }
        cycleWanted = true;
    }

    /**
     * A job that was running when the server last stopped takes back what it held, and goes on from its last change
     * of size in its run ({@code resizedAt} and the work done by then; {@code resizedAt} is {@code startedAt} when it
     * had none).
     */
    void adopt(
            LiveJob lj,
            Placement p,
            long firstStartedAt,
            long startedAt,
            int runs,
            long resizedAt,
            long resizedWorkMs) {
        live.put(lj.id(), lj);
        cluster.adopt(lj.job, p, firstStartedAt, startedAt, runs, resizedAt, resizedWorkMs);
        running.add(lj);
        fleetVersion++;
    }

    /** A job that was queued when the server last stopped joins the queue again. */
    void requeue(LiveJob lj) {
        live.put(lj.id(), lj);
        pending.add(lj.job);
    }

    /** What a cancellation found. */
    enum Cancelled {
        /** The job was queued or running and is cancelled now. */
        NOW,
        /** The job is not in memory: it ended before (or never existed). */
        NOT_LIVE
    }

    Cancelled cancel(long id, long now, String by) {
        LiveJob lj = live.get(id);
        if (lj == null) {
            return Cancelled.NOT_LIVE;
        }
        Job job = lj.job;
        if (job.state() == JobState.RUNNING) {
            cluster.interrupt(job, now);
            running.remove(id);
            turn.changes().stops.add(id);
            lj.holdsChanged = true;
            fleetVersion++;
        } else {
            pending.remove(job);
        }
        job.cancel();
        ended(lj, now, null);
        event(lj, now, "cancelled by " + by);
        cycleWanted = true;
        return Cancelled.NOW;
    }

    /** The executor says the job ran to its end with {@code exitCode}. */
    void ended(long id, long at, int exitCode) {
        LiveJob lj = running.remove(id);
        if (lj == null) {
            return;
        }
        cluster.finish(lj.job);
        lj.holdsChanged = true;
        ended(lj, at, exitCode);
        event(lj, at, exitCode == 0 ? DecisionWords.finished() : "failed with exit code " + exitCode);
        fleetVersion++;
        cycleWanted = true;
    }

    /** The executor lost the job (its node failed): it waits again from its last checkpoint. */
    void lost(long id, long at, String why) {
        LiveJob lj = running.remove(id);
        if (lj == null) {
            return;
        }
        long lost = cluster.interrupt(lj.job, at);
        pending.add(lj.job);
        lj.holdsChanged = true;
        touch(lj);
        event(lj, at, DecisionWords.interrupted(why, lost));
        ranks.takeQueuePriority(lj, at);
        fleetVersion++;
        cycleWanted = true;
    }

    private void ended(LiveJob lj, long at, Integer exitCode) {
        live.remove(lj.id());
        turn.ended(lj, at, exitCode);
    }

    // ---- the scheduling cycle --------------------------------------------------------------------------------------

    /** Runs the backfill pass when due, then one scheduling cycle, and records what it decided. */
    CycleResult runCycle(long now, Executor executor) {
        cycleWanted = false;
        CycleResult result = cycles.run(now, cluster, pending);
        DecisionRecorder recorder = new DecisionRecorder(this, now, executor);
        for (Decision d : result.decisions()) {
            d.applyTo(recorder);
        }
        if (result.started() > 0 || result.preempted() > 0) {
            fleetVersion++;
            cycleWanted |= cycles.leftJobsUnexamined(result, pending);
        }
        if (heldOut.holdDrainedUnits()) {
            fleetVersion++;
        }
        return result;
    }

    /**
     * Whether the last scheduling cycle that examined jobs passed over the rest of queue {@code queue}'s jobs,
     * because the queue's quota was used up.
     */
    boolean quotaPassedOver(int queue) {
        return cycles.quotaPassedOver(queue);
    }

    /** When the next backfill pass is due, in the server's clock; Long.MAX_VALUE when none is wanted. */
    long nextBackfillAt() {
        return cycles.nextBackfillAt(pending);
    }

    /** When the next delivery or departure of racks is due, in the server's clock. */
    long nextFleetChangeAt() {
        return deliveries.nextAt();
    }

    /** A dispatch that starts again, after a restart, the run of a job the database says is running. */
    Dispatch redispatch(LiveJob lj, long now, Executor executor) {
        return Dispatches.of(lj, lj.job.startMs(), executor, fleet, false);
    }

    /**
     * The run of {@code lj} from {@code now} on the units it holds, as the executor is told it; {@code first} when the
     * cycle has just started it (see {@link Dispatch#first()}).
     */
    Dispatch dispatch(LiveJob lj, long now, Executor executor, boolean first) {
        return Dispatches.of(lj, now, executor, fleet, first);
    }

    /** How many jobs of queue {@code q} run. */
    int runningIn(int q) {
        return running.inQueue(q);
    }

    /** Job {@code id} as the state holds it (queued or running). */
    LiveJob live(long id) {
        return live.get(id);
    }

    /** {@code lj} runs now, or ({@code on} false) does not any more. */
    void running(LiveJob lj, boolean on) {
        if (on) {
            running.add(lj);
        } else {
            running.remove(lj.id());
        }
    }

    // ---- what the turn changed -------------------------------------------------------------------------------------

    /** What this turn changed, for its transaction. */
    TurnRecord turn() {
        return turn;
    }

    void touch(LiveJob lj) {
        turn.touch(lj);
    }

    void event(LiveJob lj, long at, String text) {
        turn.event(lj, at, text);
    }

    /** Puts the next few thousand rows and lines owed for re-ranked jobs into this turn. */
    void payReranks() {
        ranks.payWrites(this::knows);
    }
}
