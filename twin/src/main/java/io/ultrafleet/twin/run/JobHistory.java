package io.ultrafleet.twin.run;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.DecisionWords;
import io.ultrafleet.scheduling.placement.Placement;
import io.ultrafleet.time.Epoch;
import io.ultrafleet.twin.workload.SimulatedProgress;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.WaitReason;
import java.util.ArrayList;
import java.util.List;

/**
 * The decisions about one job, by name, as the run makes them: submission, each change of the reason it waits,
 * starts (where), preemptions (by whom, work lost) and its end. For {@code simulate --explain JOB}.
 */
public final class JobHistory {
    /** One decision: when (epoch ms) and what. */
    public record Entry(long epochMs, String text) {}

    private final String name;
    private final Epoch epoch;
    private final List<Entry> entries = new ArrayList<>();
    private Job job;
    private WaitReason lastReason;
    private String lastDetail;

    public JobHistory(String name, Epoch epoch) {
        this.name = name;
        this.epoch = epoch;
    }

    public String name() {
        return name;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** True once the job was submitted. */
    public boolean seen() {
        return job != null;
    }

    boolean watches(Job j) {
        return j == job;
    }

    private void add(long now, String text) {
        entries.add(new Entry(epoch.toAbsolute(now), text));
    }

    void submitted(long now, Job j, String queue) {
        if (job == null && j.name().equals(name)) {
            job = j;
            add(
                    now,
                    DecisionWords.submitted(
                            j,
                            queue,
                            SimulatedProgress.of(j).durationMs(),
                            j.request().estimateMs()));
        }
    }

    /**
     * After a cycle: records the watched job's wait reason when it changed (a job that {@code lastExamining}, the last
     * cycle that examined jobs, passed over because its queue's quota was used up waits for quota).
     */
    void afterCycle(long now, CycleResult lastExamining) {
        if (job == null || job.state() != io.ultrafleet.workload.JobState.PENDING) {
            return;
        }
        boolean passedOver = lastExamining != null && lastExamining.passedOver(job.queue());
        WaitReason r = job.waitReason().shown(passedOver);
        String d = job.waitReason().shownDetail(job.waitDetail(), passedOver);
        if (r != lastReason || !java.util.Objects.equals(d, lastDetail)) {
            lastReason = r;
            lastDetail = d;
            if (r != WaitReason.PREEMPTED && r != WaitReason.INTERRUPTED) {
                add(now, DecisionWords.waiting(r, d));
            }
        }
    }

    void started(long now, Job j, Placement p, FleetView fleet) {
        if (j != job) {
            return;
        }
        add(
                now,
                DecisionWords.started(
                        j, p.racks(), p.allocatedGpus(), SimulatedProgress.of(j).remainingMs(), fleet));
        lastReason = null;
    }

    void preempted(long now, Job j, Job by, long lostGpuMs) {
        if (j == job) {
            add(now, DecisionWords.preempted(by, lostGpuMs));
            lastReason = WaitReason.PREEMPTED;
        }
    }

    void interrupted(long now, Job j, String cause, long lostGpuMs) {
        if (j == job) {
            add(now, DecisionWords.interrupted(cause, lostGpuMs));
            lastReason = WaitReason.INTERRUPTED;
        }
    }

    void resized(long now, Job j, String what) {
        if (j == job) {
            add(now, what);
        }
    }

    void finished(long now, Job j) {
        if (j == job) {
            add(now, DecisionWords.finished());
        }
    }
}
