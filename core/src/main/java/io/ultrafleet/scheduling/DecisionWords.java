package io.ultrafleet.scheduling;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.WaitReason;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The words for each decision about a job, as {@code simulate --explain} prints them and a live server records them in
 * a job's events: one place, so that the twin and the server tell a job's story the same way.
 */
public final class DecisionWords {
    private DecisionWords() {}

    /** The job was submitted to {@code queue}, to run {@code durationMs} (the scheduler told {@code estimateMs}). */
    public static String submitted(Job j, String queue, long durationMs, long estimateMs) {
        return "submitted to " + queue + ": " + j.gpus() + " GPUs for " + hours(durationMs) + " (scheduler told "
                + hours(estimateMs) + "), priority " + j.priority() + ", topology required "
                + j.required().yamlName()
                + ", preferred " + j.preferred().yamlName();
    }

    /** The job waits, for {@code reason} (and behind {@code detail}, when there is one). */
    public static String waiting(WaitReason reason, String detail) {
        return "waiting: " + reason.description() + (detail == null ? "" : " (" + detail + ")");
    }

    /** The job started, or resumed with {@code remainingMs} of its run left, on {@code racks}. */
    public static String started(Job j, int[] racks, int allocatedGpus, long remainingMs, FleetView fleet) {
        Topology t = fleet.topology();
        TreeSet<String> blocks = new TreeSet<>();
        TreeSet<String> sites = new TreeSet<>();
        for (int r : racks) {
            int b = fleet.rackBlock(r);
            blocks.add(String.valueOf(b));
            sites.add(t.siteName(t.blockSite(b)));
        }
        String model = fleet.model(fleet.rackModel(racks[0])).name();
        return (j.runs() == 1 ? "started" : "resumed (run " + j.runs() + ", " + hours(remainingMs) + " left)")
                + " on " + allocatedGpus + " GPUs of " + model + ": " + racks.length + " rack(s) in " + blocks.size()
                + " block(s) at " + String.join(", ", sites);
    }

    /** The job was stopped for {@code by}, losing {@code lostGpuMs} of work. */
    public static String preempted(Job by, long lostGpuMs) {
        return "preempted for " + by.name() + " (priority " + by.priority() + "); lost " + gpuHours(lostGpuMs)
                + " GPU-hours since its last checkpoint";
    }

    /** The job was stopped by a failure, {@code cause}, losing {@code lostGpuMs} of work. */
    public static String interrupted(String cause, long lostGpuMs) {
        return "interrupted by a failure (" + cause + "); lost " + gpuHours(lostGpuMs)
                + " GPU-hours since its last checkpoint";
    }

    /** The elastic job gave up racks for {@code forJob}. */
    public static String shrunk(int runGpus, Job forJob) {
        return "shrunk to " + runGpus + " GPUs for " + forJob.name();
    }

    /** The elastic job grew. */
    public static String grew(int runGpus) {
        return "grew to " + runGpus + " GPUs";
    }

    /** The waiting job now has {@code priority}, since its queue's priority class is now {@code priorityClass}. */
    public static String reprioritised(int priority, String priorityClass) {
        return "priority now " + priority + ": its queue's priority class is now " + priorityClass;
    }

    public static String finished() {
        return "finished";
    }

    /** A duration in hours, or in days from two days on. */
    public static String hours(long ms) {
        double h = ms / 3_600_000.0;
        return h >= 48 ? String.format(Locale.ROOT, "%.1f d", h / 24) : String.format(Locale.ROOT, "%.1f h", h);
    }

    private static String gpuHours(long gpuMs) {
        return String.format(Locale.ROOT, "%.1f", gpuMs / 3_600_000.0);
    }
}
