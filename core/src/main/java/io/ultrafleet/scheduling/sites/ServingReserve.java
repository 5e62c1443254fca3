package io.ultrafleet.scheduling.sites;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.workload.Job;
import java.util.Arrays;

/**
 * Capacity held back at some sites for inference services: at each site, {@code keep} GPUs of the services' hardware
 * models that other work may use only by borrowing. Work borrows when it can give the capacity back quickly: an
 * elastic job (it shrinks), or a job expected to run at most {@code borrowMaxRunMs} (it ends soon, and stopping it
 * loses little). Other work ("lasting" work, such as a pre-training gang of weeks) may hold at most the site's GPUs of
 * those models less {@code keep}, so that however the services' demand moves, what they need up to their reserve is
 * free or held by work that yields. The services' own replicas are not limited.
 *
 * <p>The twin sizes {@code keep} per site from the services' demand ({@link #keep(int, long)}); the cluster tells the
 * reserve of every charge and refund with the job ({@link #held}), so the lasting work per site is known exactly.
 */
public final class ServingReserve {
    private final boolean[] exemptQueue;
    private final long modelMask;
    private final long borrowMaxRunMs;
    private long[] keepGpus;
    private long[] lastingGpus;

    /**
     * @param exemptQueues the services' queues, whose jobs the reserve does not limit
     * @param modelMask the hardware models the reserve is made of (bit {@code m} for model index {@code m})
     * @param borrowMaxRunMs the longest expected run of a job that borrows
     * @param sites the sites of the fleet
     */
    public ServingReserve(int[] exemptQueues, long modelMask, long borrowMaxRunMs, int sites) {
        if (borrowMaxRunMs < 0) {
            throw new IllegalArgumentException("borrowMaxRunMs must be >= 0");
        }
        int n = 0;
        for (int q : exemptQueues) {
            n = Math.max(n, q + 1);
        }
        this.exemptQueue = new boolean[n];
        for (int q : exemptQueues) {
            exemptQueue[q] = true;
        }
        this.modelMask = modelMask;
        this.borrowMaxRunMs = borrowMaxRunMs;
        this.keepGpus = new long[Math.max(1, sites)];
        this.lastingGpus = new long[Math.max(1, sites)];
    }

    /** Holds back {@code gpus} GPUs at {@code site} from now on. */
    public void keep(int site, long gpus) {
        if (gpus < 0) {
            throw new IllegalArgumentException("gpus must be >= 0");
        }
        grow(site);
        keepGpus[site] = gpus;
    }

    /** GPUs held back at {@code site}. */
    public long kept(int site) {
        return site < keepGpus.length ? keepGpus[site] : 0;
    }

    /** GPUs of the reserve's models that lasting work holds at {@code site}. */
    public long lasting(int site) {
        return site < lastingGpus.length ? lastingGpus[site] : 0;
    }

    public long borrowMaxRunMs() {
        return borrowMaxRunMs;
    }

    private void grow(int site) {
        if (site >= keepGpus.length) {
            int n = Math.max(site + 1, keepGpus.length * 2);
            keepGpus = Arrays.copyOf(keepGpus, n);
            lastingGpus = Arrays.copyOf(lastingGpus, n);
        }
    }

    /** Whether the reserve limits {@code job}: it is not a service's, and it neither shrinks nor ends soon. */
    public boolean limits(Job job) {
        int q = job.queue();
        if (q < exemptQueue.length && exemptQueue[q]) {
            return false;
        }
        return !job.isElastic() && job.request().estimateMs() > borrowMaxRunMs;
    }

    /**
     * Whether {@code job} may take {@code gpus} more GPUs of {@code model} at {@code site}: always, unless the reserve
     * limits the job and covers that model, and then only while the lasting work there stays within the site's GPUs of
     * the reserve's models less what is kept.
     */
    public boolean admits(FleetView fleet, Job job, int model, int site, long gpus) {
        if ((modelMask & (1L << model)) == 0 || kept(site) == 0 || !limits(job)) {
            return true;
        }
        return lasting(site) + gpus <= siteGpus(fleet, site) - kept(site);
    }

    /** GPUs of the reserve's models online at {@code site}. */
    long siteGpus(FleetView fleet, int site) {
        long n = 0;
        for (int m = 0; m < fleet.modelCount(); m++) {
            if ((modelMask & (1L << m)) != 0) {
                n += (long) fleet.onlineRacks(site, m) * fleet.model(m).gpusPerDomain();
            }
        }
        return n;
    }

    /** {@code job} took ({@code gpus} > 0) or gave back ({@code gpus} < 0) GPUs of {@code model} at {@code site}. */
    public void held(Job job, int model, int site, long gpus) {
        if ((modelMask & (1L << model)) != 0 && limits(job)) {
            grow(site);
            lastingGpus[site] += gpus;
        }
    }
}
