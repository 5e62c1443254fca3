package io.ultrafleet.server.executor.slurm;

import io.ultrafleet.server.executor.Dispatch;
import io.ultrafleet.server.executor.Report;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs one cluster link follows in Slurm (link thread only): each start submitted, or found in Slurm when it was
 * dispatched before, never twice; each run's Slurm state followed into a {@link Report}; a stop sent as its signal,
 * then the end after the grace; and jobs named {@code uf-ID} that the server does not run cancelled.
 */
final class SlurmRuns {
    private static final Logger LOG = LoggerFactory.getLogger(SlurmRuns.class);

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

    private final String name;
    private final SlurmSettings.Cluster cluster;
    private final SlurmSettings settings;
    private final String instance;
    private final SlurmRest rest;
    private final LongSupplier serverNow;
    private final double timeScale;
    private final Queue<Report> reports;
    private final Map<Long, Run> active = new HashMap<>();
    private final List<Run> stopping = new ArrayList<>();
    private final Set<Long> cancelled = new HashSet<>();
    /** Listings of the cluster's jobs so far: a run not yet listed twice since its start is not taken as lost. */
    private long rounds;

    SlurmRuns(
            SlurmSettings.Cluster cluster,
            SlurmSettings settings,
            String instance,
            SlurmRest rest,
            LongSupplier serverNow,
            double timeScale,
            Queue<Report> reports) {
        this.name = cluster.name();
        this.cluster = cluster;
        this.settings = settings;
        this.instance = instance;
        this.rest = rest;
        this.serverNow = serverNow;
        this.timeScale = timeScale;
        this.reports = reports;
    }

    /** A listing of the cluster's jobs succeeded: the runs are followed against it. */
    void listed() {
        rounds++;
    }

    /** Follows every run, and every run being stopped, to its state in {@code jobs} (the latest listing). */
    void followAll(List<SlurmRest.Job> jobs) {
        Map<Long, SlurmRest.Job> byId = new HashMap<>();
        for (SlurmRest.Job j : jobs) {
            byId.put(j.id(), j);
        }
        long wall = System.currentTimeMillis();
        for (Run r : new ArrayList<>(active.values())) {
            follow(r, byId.get(r.slurmId), wall);
        }
        for (Run r : new ArrayList<>(stopping)) {
            followStopping(r, byId.get(r.slurmId), wall);
        }
    }

    /** The server's jobs that run here now. */
    Set<Long> running() {
        return Set.copyOf(active.keySet());
    }

    /** Forgets job {@code jobId}'s run without touching Slurm (its start was refused, or may not have reached it). */
    void forget(long jobId) {
        active.remove(jobId);
    }

    /** Forgets every run without touching Slurm: another server leads. */
    void clear() {
        active.clear();
        stopping.clear();
    }

    void start(Dispatch d, List<SlurmRest.Job> jobs) throws IOException {
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
                        name,
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
                name,
                d.jobId(),
                d.run(),
                r.slurmId,
                d.nodes());
    }

    void stop(long jobId) throws IOException {
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
                LOG.debug("cluster {}: signal to Slurm job {} not taken yet: {}", name, r.slurmId, e.getMessage());
                r.signalAt = wall + 250;
            }
        }
        if (wall >= r.killAt) {
            try {
                rest.signal(r.slurmId, null);
                r.killAt = Long.MAX_VALUE;
                r.signalAt = Long.MAX_VALUE;
            } catch (IOException e) {
                LOG.debug("cluster {}: cannot end Slurm job {} yet: {}", name, r.slurmId, e.getMessage());
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

    void cancelStrays(List<SlurmRest.Job> jobs) {
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
                        name,
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
            LOG.warn("cluster {}: cannot cancel Slurm job {}: {}", name, slurmId, e.getMessage());
            cancelled.remove(slurmId);
        }
    }
}
