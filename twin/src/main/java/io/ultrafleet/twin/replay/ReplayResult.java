package io.ultrafleet.twin.replay;

import java.util.List;

/**
 * A replay over several seeds.
 *
 * @param policy the packing policy's name
 * @param target the tuned GPU demand as a multiple of the cluster's GPU capacity
 * @param seeds one result per seed, in the order the seeds were given
 */
public record ReplayResult(String policy, double target, List<SeedResult> seeds) {
    public ReplayResult {
        seeds = List.copyOf(seeds);
    }

    /** The mean over seeds of {@link SeedResult#allocPctAt}, over the seeds that reached that point; NaN if none. */
    public double meanAllocPctAt(int arrivedPct) {
        double sum = 0;
        int n = 0;
        for (SeedResult s : seeds) {
            double v = s.allocPctAt(arrivedPct);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
