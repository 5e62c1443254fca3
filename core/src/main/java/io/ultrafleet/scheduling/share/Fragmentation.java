package io.ultrafleet.scheduling.share;

import java.util.ArrayList;
import java.util.List;

/**
 * The GPU fragmentation of a node measured against a {@link PodMix} (Weng et al., "Beware of Fragmentation",
 * USENIX ATC'23): the expected number of the node's free milli-GPU that a pod drawn from the mix could not use.
 *
 * <p>For one pod type, the node's free milli-GPU count as fragment, all of them, when the type cannot run there at
 * all: it asks for no GPU, its GPU model is not the node's, the node lacks the CPU, or fewer than the type's GPU count
 * have the type's milli-GPU free. When it can run there, only the GPUs with less free than the type's milli-GPU are
 * fragment. The node's fragmentation is the sum over the types weighted by their share, in milli-GPU. Memory plays
 * no part, as in the paper.
 *
 * <p>Computed as {@code free * 1 - sum over types that can run of share * (free on GPUs with enough free)}, with the
 * types that ask for GPUs grouped per GPU model by (milli-GPU, GPU count) and, within a group, sorted by CPU with
 * cumulative shares, so a node costs O(groups x GPUs), not O(types x GPUs).
 */
public final class Fragmentation {
    private final double totalShare;
    private final Groups[] byModel;

    public Fragmentation(PodMix mix, int modelCount) {
        double total = 0;
        for (int i = 0; i < mix.size(); i++) {
            total += mix.share(i);
        }
        totalShare = total;
        byModel = new Groups[modelCount];
        for (int m = 0; m < modelCount; m++) {
            byModel[m] = Groups.of(mix, m);
        }
    }

    /** The fragmentation of the node as it is, in milli-GPU. */
    public double ofNode(ShareView cluster, int node, int[] scratch) {
        int n = cluster.gpuCount(node);
        for (int g = 0; g < n; g++) {
            scratch[g] = cluster.gpuFree(node, g);
        }
        return of(cluster.model(node), cluster.cpuFree(node), scratch, n);
    }

    /**
     * The fragmentation of a node of GPU model {@code model} with {@code cpuFree} milli-CPU free and {@code
     * gpuFree[0..gpus-1]} milli-GPU free per GPU.
     */
    public double of(int model, int cpuFree, int[] gpuFree, int gpus) {
        int total = 0;
        for (int g = 0; g < gpus; g++) {
            total += gpuFree[g];
        }
        if (total == 0 || model < 0) {
            return 0;
        }
        Groups gs = byModel[model];
        double usable = 0;
        for (int k = 0; k < gs.milli.length; k++) {
            int need = gs.milli[k];
            int count = 0;
            int sum = 0;
            for (int g = 0; g < gpus; g++) {
                int f = gpuFree[g];
                if (f >= need) {
                    count++;
                    sum += f;
                }
            }
            if (count >= gs.gpus[k]) {
                usable += gs.shareUpToCpu(k, cpuFree) * sum;
            }
        }
        return total * totalShare - usable;
    }

    /** The GPU-asking types a node of one model can run, grouped by (milli-GPU, GPU count). */
    private static final class Groups {
        final int[] milli;
        final int[] gpus;
        final int[][] cpu;
        final double[][] cumulativeShare;

        private Groups(int[] milli, int[] gpus, int[][] cpu, double[][] cumulativeShare) {
            this.milli = milli;
            this.gpus = gpus;
            this.cpu = cpu;
            this.cumulativeShare = cumulativeShare;
        }

        static Groups of(PodMix mix, int model) {
            List<long[]> keys = new ArrayList<>();
            List<List<double[]>> members = new ArrayList<>();
            for (int i = 0; i < mix.size(); i++) {
                ShareRequest t = mix.type(i);
                if (t.gpus() == 0 || !t.allowsModel(model)) {
                    continue;
                }
                int at = -1;
                for (int k = 0; k < keys.size(); k++) {
                    if (keys.get(k)[0] == t.gpuMilli() && keys.get(k)[1] == t.gpus()) {
                        at = k;
                    }
                }
                if (at < 0) {
                    keys.add(new long[] {t.gpuMilli(), t.gpus()});
                    members.add(new ArrayList<>());
                    at = keys.size() - 1;
                }
                members.get(at).add(new double[] {t.cpuMilli(), mix.share(i)});
            }
            int n = keys.size();
            int[] milli = new int[n];
            int[] gpus = new int[n];
            int[][] cpu = new int[n][];
            double[][] cum = new double[n][];
            for (int k = 0; k < n; k++) {
                milli[k] = (int) keys.get(k)[0];
                gpus[k] = (int) keys.get(k)[1];
                List<double[]> ms = members.get(k);
                ms.sort((a, b) -> Double.compare(a[0], b[0]));
                cpu[k] = new int[ms.size()];
                cum[k] = new double[ms.size()];
                double c = 0;
                for (int j = 0; j < ms.size(); j++) {
                    c += ms.get(j)[1];
                    cpu[k][j] = (int) ms.get(j)[0];
                    cum[k][j] = c;
                }
            }
            return new Groups(milli, gpus, cpu, cum);
        }

        /** Summed share of the group's types that need no more than {@code cpuFree} milli-CPU. */
        double shareUpToCpu(int k, int cpuFree) {
            int[] c = cpu[k];
            int lo = 0;
            int hi = c.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (c[mid] <= cpuFree) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo == 0 ? 0 : cumulativeShare[k][lo - 1];
        }
    }
}
