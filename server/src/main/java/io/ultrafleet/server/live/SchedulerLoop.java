package io.ultrafleet.server.live;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.sites.PlacementFacts;
import io.ultrafleet.server.clock.ServerClock;
import io.ultrafleet.server.executor.Dispatch;
import io.ultrafleet.server.executor.Executor;
import io.ultrafleet.server.executor.Report;
import io.ultrafleet.server.ha.Leadership;
import io.ultrafleet.server.ha.NotLeader;
import io.ultrafleet.server.live.LoopCommand.Cancel;
import io.ultrafleet.server.live.LoopCommand.Drain;
import io.ultrafleet.server.live.LoopCommand.PutQueue;
import io.ultrafleet.server.live.LoopCommand.Snapshot;
import io.ultrafleet.server.live.LoopCommand.Submitted;
import io.ultrafleet.server.live.LoopCommand.TakeSnapshot;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.spec.ScenarioSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that drives the scheduler core. Each turn it takes what arrived (committed submissions,
 * cancellations, queue and rack changes), brings deliveries online, takes the executor's reports, runs at most one
 * scheduling cycle (so a burst of submissions makes a few cycles, not one each), commits everything the turn changed
 * in one transaction, and only then tells the executor to start or stop jobs and answers the requests waiting on it.
 * When a commit fails, nothing is dispatched and the state is rebuilt from the database before the next turn.
 *
 * <p>Only the leader schedules ({@link Leadership}). On a server that stands by, the loop reads the state from the
 * database every few seconds, so that reads and submissions are checked against a recent picture, and refuses the
 * changes only the leader makes ({@link NotLeader}); when it comes to lead, it rebuilds the state from the database
 * and carries on where the former leader stopped.
 */
public final class SchedulerLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerLoop.class);

    /** The longest a turn waits for something to happen, in wall milliseconds: the picture and clock stay fresh. */
    static final long MAX_IDLE_MS = 1_000;

    /** The shortest time between two reads of the inbox by the leader, in wall milliseconds. */
    static final long INBOX_MS = 100;

    /** The longest the leader waits between two reads of the inbox when nothing else happens. */
    static final long INBOX_WAIT_MS = 250;

    private final Database db;
    private final ScenarioSpec spec;
    private final HardwareCatalogue catalogue;

    private final ServerClock clock;
    private final Executor executor;
    private final LoopMeter meter;
    private final Leadership leadership;
    private final LoopCommands commands = new LoopCommands();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean ready;
    /** Goes up after every turn that changed the state, and after a rebuild. */
    private volatile long version;

    private final List<CompletableFuture<Snapshot>> snapshotsWanted = new ArrayList<>();
    private LiveState state;
    private long lastClockWrite = Long.MIN_VALUE;

    private final QueueTallies tallies = new QueueTallies();
    private final LivePictures pictures = new LivePictures();
    private final LiveHistory history = new LiveHistory();
    private final StoredSamples stored;
    /** Whether the loop runs as the leader: its state is the truth, and it schedules. */
    private volatile boolean leading;

    private final StateReads reads;
    private long lastInboxNanos;

    public SchedulerLoop(
            Database db,
            ScenarioSpec spec,
            HardwareCatalogue catalogue,
            PlacementFacts sites,
            ServerClock clock,
            Executor executor,
            LoopMeter meter,
            Leadership leadership) {
        this.db = db;
        this.spec = spec;
        this.catalogue = catalogue;
        this.clock = clock;
        this.executor = executor;
        this.meter = meter;
        this.leadership = leadership;
        this.reads = new StateReads(db, spec, catalogue, sites, meter, leadership);
        this.stored = new StoredSamples(db);
        leadership.onChange(commands::wake);
        this.thread = new Thread(this::run, "ultrafleet-scheduler");
        this.thread.setDaemon(true);
    }

    /** Builds the state from the database, restarts the runs of running jobs, and starts the loop. */
    public void start() {
        long now = clock.now();
        state = reads.load(now);
        stored.catchUp(history, now);
        if (leadership.leads()) {
            leading = true;
            stored.lead(history, tallies, state::runsStartedAfter);
            executor.fleetChanged(state.fleet());
            for (LiveJob lj : state.running()) {
                executor.start(state.redispatch(lj, now, executor));
            }
            executor.started();
        }
        pictures.publish(state, now, tallies);
        ready = true;
        thread.start();
    }

    /** Whether the state was loaded and the loop runs. */
    public boolean ready() {
        return ready && thread.isAlive();
    }

    /**
     * A number that goes up whenever the state changes (jobs come, start, end or change; queues or racks change;
     * racks are delivered): a forecast made at one version holds until the next.
     */
    public long version() {
        return version;
    }

    /**
     * Whether the loop schedules, as the leader; false while it stands by, and from the moment the lease runs out
     * (the loop may be waiting on the database then, but it commits and dispatches nothing more).
     */
    public boolean leading() {
        return leading && leadership.leads();
    }

    /** The last picture of the live state. */
    public LiveView view() {
        return pictures.view();
    }

    /** The recent past of the live state, sampled by the loop. */
    public LiveHistory history() {
        return history;
    }

    public void submit(LoopCommand c) {
        commands.add(c);
    }

    private void run() {
        while (!stopping) {
            try {
                boolean leads = leadership.leads();
                if (leads && !leading) {
                    LOG.info("leading from epoch {}: rebuilding the state from the database", leadership.epoch());
                    rebuild();
                    leading = leadership.leads();
                    if (leading) {
                        stored.catchUp(history, clock.now());
                        stored.lead(history, tallies, state::runsStartedAfter);
                        executor.started();
                    }
                } else if (!leads && leading) {
                    standDown("the lease ran out");
                }
                if (leading) {
                    turn();
                } else {
                    follow();
                }
            } catch (Leadership.Fenced e) {
                standDown(e.getMessage());
            } catch (RuntimeException e) {
                if (leading) {
                    LOG.error("scheduler turn failed: {}; rebuilding the state from the database", e.toString(), e);
                    rebuild();
                } else {
                    LOG.warn("cannot read the state from the database: {}", Database.rootMessage(e));
                }
            }
            await();
        }
    }

    /** Stops scheduling: another server leads, or may lead soon. Runs already dispatched are the next leader's. */
    private void standDown(String why) {
        LOG.warn("standing by ({}): nothing more is committed or dispatched here", why);
        leading = false;
        meter.rerankOwing(0); // the next leader writes them
        reads.followNow();
        executor.release();
    }

    /** A turn while standing by: refuse what only the leader does, and read the state again when it is due. */
    private void follow() {
        for (LoopCommand c; (c = commands.poll()) != null; ) {
            if (c instanceof Cancel k) {
                k.done().completeExceptionally(new NotLeader(leadership.leaderUrl()));
            } else if (c instanceof PutQueue q) {
                q.done().completeExceptionally(new NotLeader(leadership.leaderUrl()));
            } else if (c instanceof Drain d) {
                d.done().completeExceptionally(new NotLeader(leadership.leaderUrl()));
            } else if (c instanceof TakeSnapshot t) {
                snapshotsWanted.add(t.done()); // forecast from the state as last read
            } else if (c instanceof Submitted s) {
                // the leader takes the jobs from the database's inbox
                pictures.handedOver(s.handover());
            }
        }
        if (reads.msUntilFollow() > 0) {
            answerSnapshots(clock.now());
            return;
        }
        long now = clock.now();
        if (!reads.changedSince(now, state)) {
            // nothing stored changed since the last read: the same state, its picture as of now
            stored.catchUp(history, now);
            pictures.publish(state, now, tallies);
            answerSnapshots(now);
            return;
        }
        // the state read last goes before the next is read: two at once would double a standby's heap (nothing but
        // this thread reads it; the picture readers see is apart)
        long readBefore = reads.lastDigest();
        state = null;
        state = reads.follow(now);
        stored.catchUp(history, now);
        if (reads.lastDigest() != readBefore) {
            version++; // the same rows read again: a forecast kept from the last read still holds
        }
        pictures.redrawFleet();
        pictures.publish(state, now, tallies);
        answerSnapshots(now);
    }

    /** Takes into the state the submissions committed by other servers (or before a change of leader). */
    private void takeInbox(long now) {
        if (db.kind() != Database.Kind.POSTGRESQL || System.nanoTime() - lastInboxNanos < INBOX_MS * 1_000_000L) {
            return;
        }
        lastInboxNanos = System.nanoTime();
        List<LiveJob> taken = LiveLoader.fromInbox(db, spec, catalogue, state);
        if (!taken.isEmpty()) {
            state.submitted(taken, now);
        }
    }

    private void turn() {
        long now = clock.now();
        Changes changes = state.changes();
        TurnCommands taken = new TurnCommands();
        // moved on also by what the turn writes no row for: jobs joining, units the executor's engine lost or got back
        long stateVersion = state.version();
        takeInbox(now);
        for (LoopCommand c; (c = commands.poll()) != null; ) {
            if (c instanceof Submitted s) {
                pictures.handedOver(s.handover());
            }
            if (taken.take(c, state, now, tallies, snapshotsWanted)) {
                pictures.redrawFleet();
            }
            pictures.queueChanged();
        }
        if (state.advanceFleet(now)) {
            pictures.redrawFleet();
            executor.fleetChanged(state.fleet());
        }
        for (Report r : executor.poll(now)) {
            // a Stopped report was asked for by a preemption or cancellation, already recorded
            if (r instanceof Report.Ended e) {
                state.ended(e.jobId(), Math.min(now, Math.max(0, e.at())), e.exitCode());
            } else if (r instanceof Report.Lost l) {
                state.lost(l.jobId(), now, l.why());
            }
        }
        if (state.applyUnavailable(executor.unavailable())) {
            pictures.redrawFleet();
        }
        if (now >= state.nextBackfillAt()) {
            // the backfill pass is due (the loop woke for it): it runs with a cycle, which moves it on
            state.wantCycle();
        }
        if (state.cycleWanted()) {
            long t0 = System.nanoTime();
            CycleResult result = state.runCycle(now, executor);
            meter.cycle(System.nanoTime() - t0, result);
            pictures.queueChanged();
        }
        state.payReranks();
        meter.rerankOwing(state.ranks().owing());
        state.turn().collect();
        boolean changed = !changes.isEmpty() || state.version() != stateVersion;
        boolean clockDue =
                lastClockWrite == Long.MIN_VALUE || now - lastClockWrite >= 10_000 * Math.max(1, (long) clock.scale());
        boolean sampleDue = stored.due(history, changes);
        if (!changes.isEmpty() || clockDue || sampleDue) {
            changes.clockMs = now;
            long t0 = System.nanoTime();
            try {
                ChangeWriter.commit(db, leadership, changes);
                meter.commit(System.nanoTime() - t0, true);
                lastClockWrite = now;
                stored.committed();
            } catch (Leadership.Fenced e) {
                meter.commit(System.nanoTime() - t0, false);
                taken.fail(new NotLeader(leadership.leaderUrl()));
                throw e;
            } catch (RuntimeException e) {
                meter.commit(System.nanoTime() - t0, false);
                LOG.error("commit failed, nothing dispatched: {}", e.toString());
                taken.fail(e);
                for (CompletableFuture<Snapshot> f : snapshotsWanted) {
                    f.completeExceptionally(e);
                }
                snapshotsWanted.clear();
                rebuild();
                return;
            }
        }
        if (!leadership.leads()) {
            // committed while leading, but the lease ran out since: the next leader dispatches from the database
            state.turn().committed();
            taken.answer();
            throw new Leadership.Fenced("the lease ran out after the turn's commit");
        }
        for (long id : changes.stops) {
            executor.stop(id);
        }
        for (Dispatch d : changes.dispatches) {
            executor.start(d);
        }
        for (int q : changes.startedQueues) {
            tallies.started(q);
        }
        state.turn().committed();
        if (changed) {
            version++;
        }
        pictures.publish(state, now, tallies);
        history.offer(pictures.view(), System.currentTimeMillis());
        taken.answer();
        answerSnapshots(now);
    }

    private void answerSnapshots(long now) {
        if (snapshotsWanted.isEmpty() || state == null) {
            return;
        }
        Snapshot taken = new Snapshot(version, LiveSnapshots.of(state, spec, now));
        for (CompletableFuture<Snapshot> f : snapshotsWanted) {
            f.complete(taken);
        }
        snapshotsWanted.clear();
    }

    /** Throws away the state in memory and builds it again from the database; the executor's runs follow. */
    private void rebuild() {
        for (int attempt = 1; !stopping; attempt++) {
            try {
                long now = clock.now();
                state = null; // as in follow(): not two states at once
                LiveState fresh = reads.load(now);
                java.util.Set<Long> keep = new java.util.HashSet<>();
                for (LiveJob lj : fresh.running()) {
                    keep.add(lj.id());
                }
                // runs the database does not know as running stop; the others carry on (an executor that runs
                // real work takes a start of a run it already runs as that run, never as a second one)
                for (long id : executor.running()) {
                    if (!keep.contains(id)) {
                        executor.stop(id);
                    }
                }
                executor.poll(now);
                executor.fleetChanged(fresh.fleet());
                for (LiveJob lj : fresh.running()) {
                    executor.start(fresh.redispatch(lj, now, executor));
                }
                state = fresh;
                version++;
                pictures.redrawFleet();
                pictures.queueChanged();
                pictures.publish(state, now, tallies);
                return;
            } catch (RuntimeException e) {
                LOG.error("cannot rebuild the state from the database (attempt {}): {}", attempt, e.toString());
                if (!leadership.leads()) {
                    standDown("the lease ran out while the database did not answer");
                    return;
                }
                sleepQuietly(Math.min(5_000, 200L * attempt));
            }
        }
    }

    private void await() {
        if (!commands.isEmpty()
                || (leading
                        && state != null
                        && (state.cycleWanted() || state.ranks().owesWrites()))) {
            return;
        }
        long waitMs;
        if (leading) {
            long next = Math.min(executor.nextEventAt(), Math.min(state.nextFleetChangeAt(), state.nextBackfillAt()));
            waitMs = Math.min(MAX_IDLE_MS, next == Long.MAX_VALUE ? MAX_IDLE_MS : clock.wallMsUntil(next));
            if (db.kind() == Database.Kind.POSTGRESQL) {
                waitMs = Math.min(waitMs, INBOX_WAIT_MS); // other servers' submissions arrive through the inbox
            }
        } else {
            // a standby does nothing but read the state when that is due; commands and a change of leader wake it
            waitMs = Math.min(MAX_IDLE_MS, reads.msUntilFollow());
        }
        if (waitMs <= 0) {
            return;
        }
        try {
            commands.await(waitMs, () -> stopping);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the loop after its turn; what it committed stays, and the next start picks up from there. */
    @Override
    public void close() {
        stopping = true;
        commands.wake();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.close();
    }
}
