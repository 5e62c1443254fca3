package io.ultrafleet.twin.replay.philly;

import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import io.ultrafleet.workload.WaitReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay's jobs in submission order, as the core's jobs, and their tallies. Trace job {@code i} (of the sorted
 * list) has id {@code i}; its unseen work, when there is any, comes right after it with id {@code n + i}. Every trace
 * job is counted: completed, or never started with the reason it last waited for.
 */
final class JobBook {
    private final List<Job> jobs = new ArrayList<>();
    private final int traceJobs;
    private final int[] tallyOfTrace;
    private final List<VcTally> tallies = new ArrayList<>();
    private final VcTally all;
    private long unseenJobs;
    private final PhillyPolicy policy;

    JobBook(List<PhillyJob> sorted, PhillyFleet fleet, List<PhillyVc> vcs, PhillyReplay.Settings settings) {
        traceJobs = sorted.size();
        tallyOfTrace = new int[traceJobs];
        Map<String, Integer> tallyOfVc = new LinkedHashMap<>();
        for (PhillyVc vc : vcs) {
            tallyOfVc.put(vc.name(), tallies.size());
            tallies.add(new VcTally(vc.name(), true, fleet.shareGpus(fleet.queueOf(vc.name()))));
        }
        all = new VcTally("all", true, fleet.gpus());
        policy = settings.policy();
        for (int i = 0; i < traceJobs; i++) {
            PhillyJob t = sorted.get(i);
            int queue = fleet.queueOf(t.vc());
            tallyOfTrace[i] = tallyOfVc.computeIfAbsent(t.vc(), vc -> {
                tallies.add(new VcTally(vc, false, 0));
                return tallies.size() - 1;
            });
            jobs.add(
                    Job.of(JobRequest.of(i, "line " + t.line(), queue, 0, t.submitMs(), t.gpus(), runMs(t.durationMs()))
                            .topology(policy.required(), policy.preferred())
                            .build()));
            long unseenMs = Math.round(t.durationMs() * settings.unseenWork());
            if (unseenMs > 0) {
                jobs.add(Job.of(JobRequest.of(
                                traceJobs + i,
                                "unseen work beside line " + t.line(),
                                queue,
                                0,
                                t.submitMs(),
                                t.gpus(),
                                unseenMs)
                        .topology(policy.required(), policy.preferred())
                        .build()));
                unseenJobs++;
            }
        }
    }

    /** A job holds its GPUs at least a millisecond: the trace has jobs of 0 s. */
    private static long runMs(long durationMs) {
        return Math.max(1, durationMs);
    }

    PhillyPolicy policy() {
        return policy;
    }

    int size() {
        return jobs.size();
    }

    Job job(int i) {
        return jobs.get(i);
    }

    private VcTally tally(Job job) {
        return job.id() < traceJobs ? tallies.get(tallyOfTrace[(int) job.id()]) : null;
    }

    private VcTally tallyOfUnseen(Job job) {
        return tallies.get(tallyOfTrace[(int) (job.id() - traceJobs)]);
    }

    void submitted(Job job) {
        VcTally t = tally(job);
        if (t != null) {
            t.submitted();
            all.submitted();
        }
    }

    void started(Job job, long now) {
        VcTally t = tally(job);
        if (t != null) {
            t.started(now - job.submitMs());
            all.started(now - job.submitMs());
        }
    }

    /** The job ran on {@code gpus} GPUs from {@code start} to {@code end}; GPU time counts inside the window. */
    void ended(Job job, int gpus, long start, long end, long windowStart, long windowEnd) {
        long inside = Math.max(0, Math.min(end, windowEnd) - Math.max(start, windowStart));
        VcTally t = tally(job);
        if (t != null) {
            t.completed(end - job.submitMs());
            all.completed(end - job.submitMs());
        } else {
            t = tallyOfUnseen(job);
        }
        t.gpuTime(gpus * inside);
        all.gpuTime(gpus * inside);
    }

    /** A job larger than the fleet could ever hold: it never starts, and is counted so. */
    void setAside(Job job) {
        neverStarted(job, WaitReason.TOO_LARGE);
    }

    private void neverStarted(Job job, WaitReason why) {
        VcTally t = tally(job);
        if (t != null) {
            t.neverStarted(why);
            all.neverStarted(why);
        }
    }

    /** The tallies, with the trace jobs still waiting counted by why. */
    PhillyResult result(
            PhillyReplay.Settings settings,
            PhillyFleet fleet,
            ActiveSeries active,
            PendingQueue pending,
            List<Job> held,
            int largestStartedGang,
            long cycles) {
        for (Job job : pending) {
            neverStarted(job, job.waitReason());
        }
        for (Job job : held) {
            neverStarted(job, WaitReason.NOT_YET_TRIED);
        }
        List<VcTally> rows = new ArrayList<>();
        for (VcTally t : tallies) {
            if (t.jobs() > 0 || t.hasShare()) {
                rows.add(t);
            }
        }
        return new PhillyResult(
                settings.policy().name(),
                fleet.servers(),
                fleet.gpus(),
                rows,
                all,
                unseenJobs,
                settings.unseenWork(),
                active,
                largestStartedGang,
                cycles);
    }
}
