package io.ultrafleet.server.executor.slurm;

import io.ultrafleet.server.executor.Dispatch;
import io.ultrafleet.server.executor.Report;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slurm executor's link to one cluster, on a thread of its own so that the scheduler never waits for Slurm. Each
 * round it first submits the runs the scheduler has just started (Slurm cannot have them yet), then reads the
 * cluster's nodes and jobs, carries out the other starts and stops it was given, in order, and has its {@link
 * SlurmRuns} follow each run's Slurm state into a {@link Report} and cancel jobs named {@code uf-ID} that the server
 * does not run. A cluster that does not answer keeps its jobs, and the commands it could not take wait for the next
 * round; its units are reported unavailable until it answers again.
 */
final class ClusterLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLink.class);

    sealed interface Command {}

    record Start(Dispatch d) implements Command {}

    record Stop(long jobId) implements Command {}

    /** Forget every run without touching it, and act on nothing until armed again: another server leads. */
    record Release() implements Command {}

    private final SlurmSettings.Cluster cluster;
    private final SlurmSettings settings;
    private final SlurmRest rest;
    private final LongSupplier serverNow;
    private final ConcurrentLinkedQueue<Command> inbox = new ConcurrentLinkedQueue<>();
    /** Commands taken from the inbox and kept, in order, for a round whose listing succeeds (link thread only). */
    private final ArrayDeque<Command> carried = new ArrayDeque<>();

    private final ConcurrentLinkedQueue<Report> reports = new ConcurrentLinkedQueue<>();
    private final SlurmRuns runs;
    private final Set<String> logged = new LinkedHashSet<>();
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean armed;
    private volatile boolean reachable;
    private volatile FleetSlots slots = FleetSlots.EMPTY;
    private volatile NodeMap map = NodeMap.EMPTY;
    private volatile Set<Long> running = Set.of();
    private String lastProblem;

    ClusterLink(
            SlurmSettings.Cluster cluster,
            SlurmSettings settings,
            String instance,
            LongSupplier serverNow,
            double timeScale) {
        this.cluster = cluster;
        this.settings = settings;
        this.rest = new SlurmRest(cluster);
        this.serverNow = serverNow;
        this.runs = new SlurmRuns(cluster, settings, instance, rest, serverNow, timeScale, reports);
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
            // commands that came during the round go at once; but a cluster that does not answer takes none, and
            // is asked again a poll interval later, commands waiting or not
            if (inbox.isEmpty() || !reachable) {
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
        runs.listed();
        for (Command c; (c = nextCommand()) != null; ) {
            try {
                if (c instanceof Start s) {
                    runs.start(s.d(), jobs);
                } else if (c instanceof Stop s) {
                    runs.stop(s.jobId());
                } else if (c instanceof Release) {
                    runs.clear();
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
        runs.followAll(jobs);
        if (armed && inbox.isEmpty()) {
            runs.cancelStrays(jobs);
        }
        running = runs.running();
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
                runs.start(s.d(), List.of());
            } catch (SlurmRest.Unreachable e) {
                // perhaps submitted, perhaps not: the listing decides once the cluster answers
                problem(e.getMessage());
                runs.forget(s.d().jobId());
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
            runs.forget(s.d().jobId());
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
