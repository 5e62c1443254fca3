package io.ultrafleet.scheduling;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.placement.FlavorFilter;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.workload.Job;

/** Where a job's queue may take its GPUs: its quotas (borrowing included) and the queue book's site rules. */
final class QuotaFilters {
    private QuotaFilters() {}

    /**
     * Where the job's queue may take the job's GPUs now (its quotas, borrowing included, and the queue book's site
     * rules): {@link FlavorFilter#ALL} for an unlimited queue without site rules, null when nowhere.
     */
    static FlavorFilter quotaFilter(FleetView fleet, QueueBook queues, Job job) {
        return queues.siteRules().restrict(fleet, job, quotaOnly(fleet, queues, job));
    }

    /**
     * For a job refused by {@link #quotaFilter}: words saying that the concentration cap refused it, when its quotas
     * alone would let it go somewhere; null when its quotas refused it (or there is no cap). Cost: O(models x sites),
     * only under a cap.
     */
    static String capDetail(FleetView fleet, QueueBook queues, Job job) {
        if (queues.siteRules().cap() == null || quotaOnly(fleet, queues, job) == null) {
            return null;
        }
        return "the concentration cap: its priority class holds its share at every provider with room for it";
    }

    private static FlavorFilter quotaOnly(FleetView fleet, QueueBook queues, Job job) {
        int q = job.queue();
        if (queues.unlimited(q)) {
            return FlavorFilter.ALL;
        }
        int sites = fleet.topology().siteCount();
        // one flat array (model by site): a two-level array takes a slow path to allocate, for every job a cycle asks
        boolean[] ok = new boolean[fleet.modelCount() * sites];
        boolean any = false;
        for (int m = 0; m < fleet.modelCount(); m++) {
            if (!job.allowsModel(m)) {
                continue;
            }
            long need = Placer.allocatedGpus(fleet.model(m), job);
            // Sites under the same quota entry share one answer: ask once per entry.
            int lastEntry = -2;
            boolean lastAnswer = false;
            for (int s = 0; s < sites; s++) {
                int e = queues.entryFor(q, m, s);
                if (e != lastEntry) {
                    lastEntry = e;
                    lastAnswer = e >= 0 && queues.admits(q, m, s, need);
                }
                ok[m * sites + s] = lastAnswer;
                any |= lastAnswer;
            }
        }
        return any ? (m, s) -> ok[m * sites + s] : null;
    }

    /**
     * True when the queue's quotas, borrowing included, refuse even one unit (a tray or host) of every model on line at
     * every site: then every job of the queue is refused, whatever its size and models. Cost: O(models x sites).
     */
    static boolean quotaUsedUp(FleetView fleet, QueueBook queues, int q) {
        if (queues.unlimited(q)) {
            return false;
        }
        int sites = fleet.topology().siteCount();
        for (int m = 0; m < fleet.modelCount(); m++) {
            int unit = fleet.model(m).gpusPerUnit();
            for (int s = 0; s < sites; s++) {
                if (queues.admits(q, m, s, unit)) {
                    return false;
                }
            }
        }
        return true;
    }
}
