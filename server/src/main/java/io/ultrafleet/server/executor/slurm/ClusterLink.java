package io.ultrafleet.server.executor.slurm;

import io.ultrafleet.server.executor.Dispatch;
import io.ultrafleet.server.executor.Report;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slurm executor's link to one cluster, on a thread of its own so that the scheduler never waits for Slurm. Each
 * round it first submits the runs the scheduler has just started (Slurm cannot have them yet), then reads the
 * cluster's nodes and jobs, carries out the other starts and stops it was given (a start whose run Slurm already has is
 * taken as that run, never submitted twice), follows each job's Slurm state into a {@link Report},
 * cancels a job Slurm leaves pending past the start timeout, ends a stopped job after its grace period, and cancels
 * jobs named {@code uf-ID} that the server does not run. A cluster that does not answer keeps its jobs; its units are
 * reported unavailable until it answers again.
 */
final class ClusterLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLink.class);

    sealed interface Command {}

    record Start(Dispatch d) implements Command {}

    record Stop(long jobId) implements Command {}

    /** Forget every run without touching it, and act on nothing until armed again: another server leads. */
    record Release() implements Command {}

    /** A run this link follows. */
    private static final class Run {
        final Dispatch d;
        long slurmId = -1;
        long submittedWall;
        long listedAfter;
        boolean seenRunning;
        boolean nodesChecked;
        /** When to send the stop signal (again, if Slurm could not take it yet); MAX_VALUE once sent. */
        long signalAt = Long.MAX_VALUE;

        long killAt = Long.MAX_VALUE;

        Run(Dispatch d) {
            this.d = d;
        }
    }

    private final SlurmSettings.Cluster cluster;
    private final SlurmSettings settings;
    private final String instance;
    private final SlurmRest rest;
    private final LongSupplier serverNow;
    private final double timeScale;
    private final ConcurrentLinkedQueue<Command> inbox = new ConcurrentLinkedQueue<>();
    /** Commands taken from the inbox and kept, in order, for a round whose listing succeeds (link thread only). */
    private final ArrayDeque<Command> carried = new ArrayDeque<>();

    private final ConcurrentLinkedQueue<Report> reports = new ConcurrentLinkedQueue<>();
    private final Map<Long, Run> active = new HashMap<>();
    private final List<Run> stopping = new ArrayList<>();
    private final Set<Long> cancelled = new HashSet<>();
    private final Set<String> logged = new LinkedHashSet<>();
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean armed;
    private volatile boolean reachable;
    private volatile FleetSlots slots = FleetSlots.EMPTY;
    private volatile NodeMap map = NodeMap.EMPTY;
    private volatile Set<Long> running = Set.of();
    private long rounds;
    private String lastProblem;

    ClusterLink(
            SlurmSettings.Cluster cluster,
            SlurmSettings settings,
            String instance,
            LongSupplier serverNow,
            double timeScale) {
        this.cluster = cluster;
        this.instance = instance;
        this.settings = settings;
        this.rest = new SlurmRest(cluster);
        this.serverNow = serverNow;
        this.timeScale = timeScale;
        this.thread = new Thread(this::loop, "ultrafleet-slurm-" + cluster.name());
        this.thread.setDaemon(true);
    }

    /** Asks for the REST version; a refusal is an {@link IllegalArgumentException}, no answer only a warning. */
    void checkVersion() {
        try {
            rest.chooseVersion();
        } catch (SlurmRest.Refused e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            problem(e.getMessage() + "; its jobs are kept and it gets no new work until it answers");
        }
    }

    /** Reads the cluster's nodes once, then follows it on its own thread. */
    void begin() {
        try {
            rest.chooseVersion();
            refreshNodes();
            reachable = true;
            LOG.info(
                    "cluster {} at site {}: slurmrestd {} answers, REST {}, {} node(s) placed in the fleet",
                    cluster.name(),
                    cluster.site(),
                    cluster.url(),
                    rest.version(),
                    map.places().size());
        } catch (SlurmRest.Refused e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            problem(e.getMessage() + "; its jobs are kept and it gets no new work until it answers");
        }
        thread.start();
    }

    void fleet(FleetSlots s) {
        slots = s;
    }

    void arm() {
        armed = true;
        LockSupport.unpark(thread);
    }

    /** Stops acting on the cluster for this server, which no longer leads; {@link #arm()} again when it does. */
    void release() {
        armed = false;
        send(new Release());
    }

    void send(Command c) {
        inbox.add(c);
        LockSupport.unpark(thread);
    }

    boolean reachable() {
        return reachable;
    }

    NodeMap map() {
        return map;
    }

    Set<Long> running() {
        return running;
    }

    void drainReports(List<Report> into) {
        for (Report r; (r = reports.poll()) != null; ) {
            into.add(r);
        }
    }

    private void loop() {
        while (!closing) {
            try {
                round();
            } catch (RuntimeException e) {
                LOG.error("cluster {}: {}", cluster.name(), e.toString(), e);
            }
            if (inbox.isEmpty()) {
                LockSupport.parkNanos(settings.pollMs() * 1_000_000L);
            }
        }
    }

    private void round() {
        submitFirstRuns();
        List<SlurmRest.Job> jobs;
        try {
            refreshNodes();
            jobs = rest.jobs();
            if (!reachable) {
                LOG.info("cluster {}: slurmrestd answers again; it takes new work", cluster.name());
                lastProblem = null;
            }
            reachable = true;
        } catch (IOException e) {
            problem(e.getMessage() + "; its jobs are kept and it gets no new work until it answers");
            map = NodeMap.unreachable(slots.bySite().getOrDefault(cluster.site(), List.of()), map);
            return;
        }
        rounds++;
        Map<Long, SlurmRest.Job> byId = new HashMap<>();
        for (SlurmRest.Job j : jobs) {
            byId.put(j.id(), j);
        }
        for (Command c; (c = nextCommand()) != null; ) {
            try {
                if (c instanceof Start s) {
                    start(s.d(), jobs);
                } else if (c instanceof Stop s) {
                    stop(s.jobId());
                } else if (c instanceof Release) {
                    active.clear();
                    stopping.clear();
                    reports.clear();
                }
            } catch (SlurmRest.Unreachable e) {
                // keep the command, first in line, for the next round
                problem(e.getMessage());
                carried.addFirst(c);
                break;
            } catch (IOException e) {
                refused(c, e);
            }
        }
        long wall = System.currentTimeMillis();
        for (Run r : new ArrayList<>(active.values())) {
            follow(r, byId.get(r.slurmId), wall);
        }
        for (Run r : new ArrayList<>(stopping)) {
            followStopping(r, byId.get(r.slurmId), wall);
        }
        if (armed && inbox.isEmpty()) {
            cancelStrays(jobs);
        }
        Set<Long> now = new HashSet<>(active.keySet());
        running = Set.copyOf(now);
    }

    /**
     * Submits the runs at the head of the inbox that this server's scheduler has just started, before the round's
     * listing: none of them can be in Slurm yet, so they need not wait for the two reads that a run handed over again
     * needs (to be found, never submitted twice). The first other command, and all after it, wait for the listing, so
     * the order of commands is kept.
     */
    private void submitFirstRuns() {
        if (!armed || !reachable || !carried.isEmpty()) {
            return;
        }
        while (inbox.peek() instanceof Start s && s.d().first()) {
            inbox.poll();
            try {
                start(s.d(), List.of());
            } catch (SlurmRest.Unreachable e) {
                // perhaps submitted, perhaps not: the listing decides once the cluster answers
                problem(e.getMessage());
                active.remove(s.d().jobId());
                carried.addLast(s);
                return;
            } catch (IOException e) {
                refused(s, e);
            }
        }
    }

    private Command nextCommand() {
        Command c = carried.pollFirst();
        return c != null ? c : inbox.poll();
    }

    /** Slurm refused {@code c}: a run it was to start is lost. */
    private void refused(Command c, IOException e) {
        LOG.warn("cluster {}: {}", cluster.name(), e.getMessage());
        if (c instanceof Start s) {
            active.remove(s.d().jobId());
            reports.add(new Report.Lost(s.d().jobId(), serverNow.getAsLong(), "Slurm refused it: " + e.getMessage()));
        }
    }

    private void refreshNodes() throws IOException {
        List<SlurmRest.Node> nodes = rest.nodes();
        NodeMap m = NodeMap.of(
                cluster.name(), cluster.site(), slots.bySite().getOrDefault(cluster.site(), List.of()), nodes);
        for (String line : m.refusals()) {
            if (logged.add(line)) {
                LOG.warn("{}", line);
            }
        }
        map = m;
    }

    private void start(Dispatch d, List<SlurmRest.Job> jobs) throws IOException {
        SlurmRest.Job found = null;
        for (SlurmRest.Job j : jobs) {
            if (j.name().equals(SlurmJobs.name(d.jobId()))
                    && j.comment().equals(SlurmJobs.comment(d, instance))
                    && (found == null || j.id() > found.id())) {
                found = j;
            }
        }
        Run r = new Run(d);
        Run old = active.put(d.jobId(), r);
        if (old != null && old.slurmId > 0 && old.d.run() != d.run()) {
            stopping.add(old);
        }
        if (found != null) {
            // this run was dispatched before (the server restarted, or rebuilt its state): follow it, never resubmit
            r.slurmId = found.id();
            r.submittedWall = System.currentTimeMillis();
            r.listedAfter = rounds;
            if (old == null || old.slurmId != found.id()) {
                LOG.info(
                        "cluster {}: job {} run {} is Slurm job {} ({}); following it",
                        cluster.name(),
                        d.jobId(),
                        d.run(),
                        found.id(),
                        found.state());
            }
            return;
        }
        r.slurmId = rest.submit(
                SlurmJobs.script(d, instance, timeScale), SlurmJobs.description(d, instance, cluster, timeScale));
        r.submittedWall = System.currentTimeMillis();
        r.listedAfter = rounds;
        LOG.debug(
                "cluster {}: job {} run {} submitted as Slurm job {} on {}",
                cluster.name(),
                d.jobId(),
                d.run(),
                r.slurmId,
                d.nodes());
    }

    private void stop(long jobId) throws IOException {
        Run r = active.remove(jobId);
        if (r == null) {
            return;
        }
        if (r.slurmId <= 0) {
            reports.add(new Report.Stopped(jobId, serverNow.getAsLong()));
            return;
        }
        stopping.add(r);
        long wall = System.currentTimeMillis();
        // a job Slurm has not started yet has nothing to checkpoint: it is cancelled at once
        boolean graced = settings.graceMs() > 0 && r.seenRunning;
        r.signalAt = graced ? wall : Long.MAX_VALUE;
        r.killAt = graced ? wall + settings.graceMs() : wall;
        sendStop(r, wall);
    }

    /** Sends the stop signal when due, then ends the job after the grace; what Slurm cannot take now is tried again. */
    private void sendStop(Run r, long wall) {
        if (wall >= r.signalAt) {
            try {
                rest.signal(r.slurmId, settings.signal());
                r.signalAt = Long.MAX_VALUE;
            } catch (IOException e) {
                LOG.debug(
                        "cluster {}: signal to Slurm job {} not taken yet: {}",
                        cluster.name(),
                        r.slurmId,
                        e.getMessage());
                r.signalAt = wall + 250;
            }
        }
        if (wall >= r.killAt) {
            try {
                rest.signal(r.slurmId, null);
                r.killAt = Long.MAX_VALUE;
                r.signalAt = Long.MAX_VALUE;
            } catch (IOException e) {
                LOG.debug("cluster {}: cannot end Slurm job {} yet: {}", cluster.name(), r.slurmId, e.getMessage());
                r.killAt = wall + 500;
            }
        }
    }

    private void follow(Run r, SlurmRest.Job j, long wall) {
        long id = r.d.jobId();
        if (j == null) {
            if (rounds > r.listedAfter + 1) {
                active.remove(id);
                reports.add(new Report.Lost(id, serverNow.getAsLong(), "Slurm no longer knows its job " + r.slurmId));
            }
            return;
        }
        String state = j.state();
        if (state.equals("RUNNING") || state.equals("COMPLETING") || state.equals("CONFIGURING")) {
            r.seenRunning = true;
            if (!r.nodesChecked && !j.nodes().isEmpty()) {
                r.nodesChecked = true;
                if (!new HashSet<>(j.nodes()).equals(new HashSet<>(r.d.nodes()))) {
                    cancel(j.id());
                    active.remove(id);
                    reports.add(new Report.Lost(
                            id,
                            serverNow.getAsLong(),
                            "Slurm ran it on " + j.nodes() + " instead of " + r.d.nodes() + "; cancelled there"));
                }
            }
            return;
        }
        if (SlurmJobs.live(state)) {
            if (r.seenRunning) {
                cancel(j.id());
                active.remove(id);
                reports.add(new Report.Lost(
                        id, serverNow.getAsLong(), "node failure: Slurm put its job " + j.id() + " back as " + state));
            } else if (wall - r.submittedWall > settings.startTimeoutMs()) {
                cancel(j.id());
                active.remove(id);
                reports.add(new Report.Lost(
                        id,
                        serverNow.getAsLong(),
                        "Slurm did not start it on its nodes within " + settings.startTimeoutMs() / 1000
                                + " s; cancelled there and placed again"));
            }
            return;
        }
        active.remove(id);
        long now = serverNow.getAsLong();
        switch (state) {
            case "COMPLETED" -> reports.add(new Report.Ended(id, now, 0));
            case "NODE_FAIL", "BOOT_FAIL", "PREEMPTED" ->
                reports.add(new Report.Lost(id, now, "node failure (Slurm job " + j.id() + " " + state + ")"));
            case "TIMEOUT", "DEADLINE" -> reports.add(new Report.Ended(id, now, 124));
            case "OUT_OF_MEMORY" -> reports.add(new Report.Ended(id, now, 137));
            default -> reports.add(new Report.Ended(id, now, Math.max(1, SlurmJobs.exitCode(j.exitCode()))));
        }
    }

    private void followStopping(Run r, SlurmRest.Job j, long wall) {
        if (j == null || !SlurmJobs.live(j.state()) && !j.state().equals("RUNNING")) {
            stopping.remove(r);
            reports.add(new Report.Stopped(r.d.jobId(), serverNow.getAsLong()));
            return;
        }
        sendStop(r, wall);
    }

    private void cancelStrays(List<SlurmRest.Job> jobs) {
        Set<Long> ours = new HashSet<>();
        active.values().forEach(r -> ours.add(r.slurmId));
        stopping.forEach(r -> ours.add(r.slurmId));
        for (SlurmRest.Job j : jobs) {
            Matcher m = SlurmJobs.OUR_NAME.matcher(j.name());
            if (!m.matches() || ours.contains(j.id()) || cancelled.contains(j.id())) {
                continue;
            }
            if (SlurmJobs.live(j.state()) || j.state().equals("RUNNING")) {
                LOG.warn(
                        "cluster {}: Slurm job {} ({}, {}) carries Ultrafleet job {}, which this server does not run;"
                                + " cancelling it",
                        cluster.name(),
                        j.id(),
                        j.name(),
                        j.state(),
                        m.group(1));
                cancel(j.id());
            }
        }
    }

    private void cancel(long slurmId) {
        cancelled.add(slurmId);
        try {
            rest.signal(slurmId, null);
        } catch (IOException e) {
            LOG.warn("cluster {}: cannot cancel Slurm job {}: {}", cluster.name(), slurmId, e.getMessage());
            cancelled.remove(slurmId);
        }
    }

    private void problem(String text) {
        reachable = false;
        if (!text.equals(lastProblem)) {
            LOG.warn("cluster {}: {}", cluster.name(), text);
            lastProblem = text;
        }
    }

    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
