package io.ultrafleet.twin.failures;

import io.ultrafleet.twin.reliability.FailureCause;
import io.ultrafleet.twin.workload.SimulatedProgress;
import io.ultrafleet.workload.Job;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What failures cost: interruptions by cause, and GPU time lost by cause in four parts: work thrown away (since the
 * last checkpoint), restarts (the restart overhead of the next run), waiting for capacity (from the interruption to
 * the restart), and repair (hardware down). Also the effective training time ratio (ETTR) of the training jobs:
 * useful work over the GPU time from each job's first start to its end (or the horizon).
 */
public final class ReliabilityLedger {
    /** GPU-milliseconds lost to one cause, by part. */
    public static final class Loss {
        long lostWork;
        long restart;
        long waiting;
        long repair;

        public long lostWorkGpuMs() {
            return lostWork;
        }

        public long restartGpuMs() {
            return restart;
        }

        public long waitingGpuMs() {
            return waiting;
        }

        public long repairGpuMs() {
            return repair;
        }
    }

    private record Stop(long atMs, FailureCause cause) {}

    private final Map<String, Long> interruptions = new LinkedHashMap<>();
    private final Map<String, Loss> losses = new LinkedHashMap<>();
    private final Map<Job, Stop> stopped = new IdentityHashMap<>();
    private double usefulGpuMs;
    private double spanGpuMs;
    private double[] usefulByQueue = new double[8];
    private double[] spanByQueue = new double[8];

    private Loss loss(FailureCause cause) {
        return losses.computeIfAbsent(cause.name(), k -> new Loss());
    }

    /** {@code job} was stopped at {@code now} by {@code cause}, losing {@code lostGpuMs} of work. */
    public void interrupted(Job job, FailureCause cause, long now, long lostGpuMs) {
        interruptions.merge(cause.name(), 1L, Long::sum);
        loss(cause).lostWork += lostGpuMs;
        stopped.put(job, new Stop(now, cause));
    }

    /**
     * An elastic {@code job} lost part of its racks to {@code cause} at {@code now} and carries on smaller from its
     * last checkpoint: the work lost and the restart are charged at once; it does not wait.
     */
    public void carriedOn(Job job, FailureCause cause, long lostGpuMs) {
        interruptions.merge(cause.name(), 1L, Long::sum);
        Loss l = loss(cause);
        l.lostWork += lostGpuMs;
        l.restart += job.request().restartOverheadMs() * job.runGpus();
    }

    /** {@code job} started at {@code now}; if a failure had stopped it, charge its wait and its restart. */
    public void started(Job job, long now) {
        Stop s = stopped.remove(job);
        if (s != null) {
            Loss l = loss(s.cause());
            l.waiting += (now - s.atMs()) * job.gpus();
            l.restart += job.request().restartOverheadMs() * job.runGpus();
        }
    }

    /** A job leaves the books (finished, or counted at the horizon): adds its useful work and its span. */
    public void account(Job job, long now) {
        if (job.firstStartMs() < 0) {
            return;
        }
        double useful = SimulatedProgress.of(job).workDoneAt(now, job.state()) * job.gpus();
        double span = (double) (now - job.firstStartMs()) * job.gpus();
        usefulGpuMs += useful;
        spanGpuMs += span;
        int q = job.queue();
        if (q >= usefulByQueue.length) {
            int n = Math.max(q + 1, usefulByQueue.length * 2);
            usefulByQueue = java.util.Arrays.copyOf(usefulByQueue, n);
            spanByQueue = java.util.Arrays.copyOf(spanByQueue, n);
        }
        usefulByQueue[q] += useful;
        spanByQueue[q] += span;
    }

    /** Useful work of the queue's jobs accounted, GPU-milliseconds at full size. */
    public double goodputGpuMs(int queue) {
        return queue < usefulByQueue.length ? usefulByQueue[queue] : 0;
    }

    /** GPU time since first start of the queue's jobs accounted, GPU-milliseconds: the denominator of its ETTR. */
    public double spanGpuMs(int queue) {
        return queue < spanByQueue.length ? spanByQueue[queue] : 0;
    }

    /** Repairs completed, by cause name, GPU-milliseconds. */
    public void repaired(Map<String, Long> repairGpuMsByCause) {
        repairGpuMsByCause.forEach((name, ms) -> losses.computeIfAbsent(name, k -> new Loss()).repair = ms);
    }

    public long interruptionsTotal() {
        long n = 0;
        for (long v : interruptions.values()) {
            n += v;
        }
        return n;
    }

    public Map<String, Long> interruptionsByCause() {
        return new LinkedHashMap<>(interruptions);
    }

    public Map<String, Loss> lossesByCause() {
        return new LinkedHashMap<>(losses);
    }

    /** Useful training work of the jobs accounted, GPU-milliseconds at full size. */
    public double goodputGpuMs() {
        return usefulGpuMs;
    }

    /** Useful work over GPU time since first start, for the jobs accounted; 1 when none ran. */
    public double ettr() {
        return spanGpuMs == 0 ? 1.0 : usefulGpuMs / spanGpuMs;
    }
}
