package io.ultrafleet.server.live;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.quota.Quota;
import io.ultrafleet.server.clock.ServerClock;
import io.ultrafleet.server.executor.Dispatch;
import io.ultrafleet.server.executor.Executor;
import io.ultrafleet.server.executor.Report;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.QueueRow;
import io.ultrafleet.spec.ScenarioSpec;
import io.ultrafleet.spec.TenantSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that drives the scheduler core. Each turn it takes what arrived (committed submissions,
 * cancellations, queue and rack changes), brings deliveries online, takes the executor's reports, runs at most one
 * scheduling cycle (so a burst of submissions makes a few cycles, not one each), commits everything the turn changed
 * in one transaction, and only then tells the executor to start or stop jobs and answers the requests waiting on it.
 * When a commit fails, nothing is dispatched and the state is rebuilt from the database before the next turn.
 */
public final class SchedulerLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerLoop.class);

    /** The longest a turn waits for something to happen, in wall milliseconds: the picture and clock stay fresh. */
    static final long MAX_IDLE_MS = 1_000;

    /** Something for the loop to do; handled in the order it arrived. */
    public sealed interface Command {}

    /** Jobs committed as queued. */
    public record Submitted(List<LiveJob> jobs) implements Command {}

    /** Cancel job {@code id}; answers whether it was queued or running. */
    public record Cancel(long id, String by, CompletableFuture<Boolean> done) implements Command {}

    /**
     * Add queue {@code tenant/name} or change its settings; answers false when its running jobs hold GPUs its new
     * quotas do not cover.
     */
    public record PutQueue(
            String tenant,
            String name,
            TenantSpec.QueueSpec settings,
            String settingsJson,
            int priority,
            CompletableFuture<Boolean> done)
            implements Command {}

    /** Drain a rack or end its drain; answers false when there is no such rack yet. */
    public record Drain(int rack, boolean on, CompletableFuture<Boolean> done) implements Command {}

    /** What the loop measures, for the metrics. */
    public interface Meter {
        void cycle(long nanos, CycleResult result);

        void commit(long nanos, boolean ok);
    }

    private final Database db;
    private final ScenarioSpec spec;
    private final HardwareCatalogue catalogue;
    private final ServerClock clock;
    private final Executor executor;
    private final Meter meter;
    private final ConcurrentLinkedQueue<Command> inbox = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile LiveView view = LiveView.EMPTY;
    private volatile boolean ready;
    private LiveState state;
    private long lastClockWrite = Long.MIN_VALUE;
    private long lastViewFleetVersion = -1;
    /** Whether the rack list of the picture must be made again: racks came, went or drained. */
    private boolean forceFleetPicture = true;

    public SchedulerLoop(
            Database db,
            ScenarioSpec spec,
            HardwareCatalogue catalogue,
            ServerClock clock,
            Executor executor,
            Meter meter) {
        this.db = db;
        this.spec = spec;
        this.catalogue = catalogue;
        this.clock = clock;
        this.executor = executor;
        this.meter = meter;
        this.thread = new Thread(this::run, "ultrafleet-scheduler");
        this.thread.setDaemon(true);
    }

    /** Builds the state from the database, restarts the runs of running jobs, and starts the loop. */
    public void start() {
        long now = clock.now();
        state = LiveLoader.load(db, spec, catalogue, now);
        executor.fleetChanged(state.fleet());
        for (LiveJob lj : state.running()) {
            executor.start(state.redispatch(lj, now, executor));
        }
        executor.started();
        publish(now);
        ready = true;
        thread.start();
    }

    /** Whether the state was loaded and the loop runs. */
    public boolean ready() {
        return ready && thread.isAlive();
    }

    /** The last picture of the live state. */
    public LiveView view() {
        return view;
    }

    public void submit(Command c) {
        inbox.add(c);
        signal();
    }

    private void signal() {
        lock.lock();
        try {
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!stopping) {
            try {
                turn();
            } catch (RuntimeException e) {
                LOG.error("scheduler turn failed: {}; rebuilding the state from the database", e.toString(), e);
                rebuild();
            }
            await();
        }
    }

    private void turn() {
        long now = clock.now();
        Changes changes = state.changes();
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        List<Boolean> values = new ArrayList<>();
        for (Command c; (c = inbox.poll()) != null; ) {
            handle(c, now, answers, values);
        }
        if (state.advanceFleet(now)) {
            forceFleetPicture = true;
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
            forceFleetPicture = true;
        }
        if (state.cycleWanted()) {
            long t0 = System.nanoTime();
            CycleResult result = state.runCycle(now, executor);
            meter.cycle(System.nanoTime() - t0, result);
        }
        state.collect();
        boolean clockDue =
                lastClockWrite == Long.MIN_VALUE || now - lastClockWrite >= 10_000 * Math.max(1, (long) clock.scale());
        if (!changes.isEmpty() || clockDue) {
            changes.clockMs = now;
            long t0 = System.nanoTime();
            try {
                ChangeWriter.commit(db, changes);
                meter.commit(System.nanoTime() - t0, true);
                lastClockWrite = now;
            } catch (RuntimeException e) {
                meter.commit(System.nanoTime() - t0, false);
                LOG.error("commit failed, nothing dispatched: {}", e.toString());
                for (CompletableFuture<Boolean> f : answers) {
                    f.completeExceptionally(e);
                }
                rebuild();
                return;
            }
        }
        for (long id : changes.stops) {
            executor.stop(id);
        }
        for (Dispatch d : changes.dispatches) {
            executor.start(d);
        }
        state.committed();
        publish(now);
        for (int i = 0; i < answers.size(); i++) {
            answers.get(i).complete(values.get(i));
        }
    }

    private void handle(Command c, long now, List<CompletableFuture<Boolean>> answers, List<Boolean> values) {
        if (c instanceof Submitted s) {
            state.submitted(s.jobs());
        } else if (c instanceof Cancel k) {
            answers.add(k.done());
            values.add(state.cancel(k.id(), now, k.by()) == LiveState.Cancelled.NOW);
        } else if (c instanceof PutQueue q) {
            int id = state.queues().id(q.tenant() + "/" + q.name());
            boolean isNew = id < 0;
            QueueRow row = new QueueRow(
                    isNew ? state.queues().size() : id,
                    q.tenant(),
                    q.name(),
                    q.settings().priorityClass(),
                    q.settings().cohort(),
                    q.settings().weight(),
                    q.settingsJson());
            List<Quota> quotas = QueueSettings.quotas(q.settings(), state.fleet());
            boolean ok;
            if (isNew) {
                state.addQueue(row, q.priority(), quotas);
                state.changes().queues.add(row);
                state.wantCycle();
                ok = true;
            } else {
                ok = state.changeQueue(row, q.priority(), quotas);
            }
            answers.add(q.done());
            values.add(ok);
        } else if (c instanceof Drain d) {
            boolean ok = d.rack() >= 0 && d.rack() < state.fleet().rackCount();
            if (ok) {
                state.drain(d.rack(), d.on());
                forceFleetPicture = true;
            }
            answers.add(d.done());
            values.add(ok);
        }
    }

    /**
     * Publishes the picture of the state: GPU counts when the fleet changed, the rack list only after racks came,
     * went or drained.
     */
    private void publish(long now) {
        boolean fleetChanged = state.fleetVersion() != lastViewFleetVersion;
        view = LiveView.of(state, now, view, fleetChanged, forceFleetPicture);
        lastViewFleetVersion = state.fleetVersion();
        forceFleetPicture = false;
    }

    /** Throws away the state in memory and builds it again from the database; the executor's runs follow. */
    private void rebuild() {
        for (int attempt = 1; !stopping; attempt++) {
            try {
                long now = clock.now();
                LiveState fresh = LiveLoader.load(db, spec, catalogue, now);
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
                forceFleetPicture = true;
                publish(now);
                return;
            } catch (RuntimeException e) {
                LOG.error("cannot rebuild the state from the database (attempt {}): {}", attempt, e.toString());
                sleepQuietly(Math.min(5_000, 200L * attempt));
            }
        }
    }

    private void await() {
        if (!inbox.isEmpty()) {
            return;
        }
        long next = Math.min(executor.nextEventAt(), Math.min(state.nextFleetChangeAt(), state.nextBackfillAt()));
        long waitMs = Math.min(MAX_IDLE_MS, next == Long.MAX_VALUE ? MAX_IDLE_MS : clock.wallMsUntil(next));
        if (waitMs <= 0) {
            return;
        }
        lock.lock();
        try {
            if (inbox.isEmpty() && !stopping) {
                wake.await(waitMs, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            lock.unlock();
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
        signal();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.close();
    }
}
