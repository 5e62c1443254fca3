package io.ultrafleet.twin.replay;

import io.ultrafleet.scheduling.share.PolicyContext;
import io.ultrafleet.scheduling.share.ShareCluster;
import io.ultrafleet.scheduling.share.SharePlacement;
import io.ultrafleet.scheduling.share.SharePolicies;
import io.ultrafleet.scheduling.share.SharePolicy;
import io.ultrafleet.scheduling.share.ShareRequest;
import io.ultrafleet.twin.engine.RandomStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The FGD protocol (Weng et al., USENIX ATC'23, as its public simulator runs it) on an openb workload, one seed at a
 * time:
 *
 * <ol>
 *   <li>The trace's pods, sorted by name, are shuffled (stream {@code openb/order}).
 *   <li>The list is tuned to {@code target} x the cluster's GPU capacity (milli-GPU): below it, copies of pods
 *       drawn uniformly from the trace are appended until the next draw would exceed the target; above it, pods
 *       drawn uniformly from the list are removed until the demand is at or below the target (stream {@code
 *       openb/tune}).
 *   <li>Nodes get a random tie rank (stream {@code openb/tie-rank}): among equally scored nodes the policy takes the
 *       lowest rank.
 *   <li>Pods are placed one by one with no departures; a pod that fits nowhere fails and stays failed. After each
 *       pod the arrived and allocated milli-GPU are recorded ({@link AllocationCurve}).
 * </ol>
 *
 * Seeds are independent and may run side by side; the result does not depend on how many threads run them.
 */
public final class OpenbReplay {
    /** The arrived-demand points (% of capacity) that results are read at. */
    public static final List<Integer> POINTS = List.of(90, 100, 130);

    private OpenbReplay() {}

    /**
     * Replays {@code workload} under {@code policy} once per seed.
     *
     * @param threads how many seeds to run at once (1: one after the other on the calling thread)
     * @throws IllegalArgumentException for an unknown policy, no seeds or a target that is not positive
     */
    public static ReplayResult run(
            OpenbWorkload workload, String policy, List<Long> seeds, double target, int threads) {
        return run(workload, policy, seeds, target, threads, seed -> {});
    }

    /**
     * As {@link #run(OpenbWorkload, String, List, double, int)}, telling {@code onSeed} of each seed as it ends (from
     * the thread that ran it); an exception it throws ends the replay.
     */
    public static ReplayResult run(
            OpenbWorkload workload,
            String policy,
            List<Long> seeds,
            double target,
            int threads,
            Consumer<SeedResult> onSeed) {
        if (!SharePolicies.exists(policy)) {
            throw new IllegalArgumentException("no packing policy named '" + policy + "' (known: "
                    + String.join(", ", SharePolicies.names()) + ")");
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seeds");
        }
        if (!(target > 0) || Double.isInfinite(target)) {
            throw new IllegalArgumentException("target " + target + ": must be > 0");
        }
        if (workload.gpuDemandMilli() == 0) {
            throw new IllegalArgumentException("the pod list asks for no GPU, so it cannot be tuned to a GPU target");
        }
        List<SeedResult> results = new ArrayList<>();
        if (threads <= 1 || seeds.size() == 1) {
            for (long seed : seeds) {
                SeedResult r = runSeed(workload, policy, seed, target);
                onSeed.accept(r);
                results.add(r);
            }
            return new ReplayResult(policy, target, results);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, seeds.size()), r -> {
            Thread t = new Thread(r, "openb-replay");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SeedResult>> futures = new ArrayList<>();
            for (long seed : seeds) {
                futures.add(pool.submit(() -> {
                    SeedResult r = runSeed(workload, policy, seed, target);
                    onSeed.accept(r);
                    return r;
                }));
            }
            for (Future<SeedResult> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new ReplayResult(policy, target, results);
    }

    /** One seed of the protocol. */
    public static SeedResult runSeed(OpenbWorkload workload, String policy, long seed, double target) {
        RandomStreams streams = new RandomStreams(seed);
        List<ShareRequest> pods = new ArrayList<>(workload.pods());
        shuffle(pods, streams.stream("openb/order"));
        ShareCluster cluster = workload.newCluster();
        tune(pods, workload.pods(), target * cluster.gpuCapacityMilli(), streams.stream("openb/tune"));
        int[] rank = permutation(cluster.nodeCount(), streams.stream("openb/tie-rank"));
        SharePolicy p = SharePolicies.create(
                policy, new PolicyContext(rank, cluster.modelNames().size(), workload.mix()));

        AllocationCurve curve = new AllocationCurve(cluster.gpuCapacityMilli(), pods.size());
        long arrived = 0;
        int failed = 0;
        for (ShareRequest pod : pods) {
            arrived += pod.gpuDemandMilli();
            SharePlacement where = p.place(cluster, pod);
            if (where.found()) {
                cluster.allocate(where.node(), where.gpuMask(), pod);
            } else {
                failed++;
            }
            curve.record(arrived, cluster.gpuAllocatedMilli());
        }
        return new SeedResult(seed, curve, pods.size(), failed);
    }

    /** Appends copies of trace pods, or removes pods, to bring the GPU demand to {@code targetMilli}. */
    static void tune(List<ShareRequest> pods, List<ShareRequest> trace, double targetMilli, SplittableRandom rng) {
        long demand = 0;
        for (ShareRequest p : pods) {
            demand += p.gpuDemandMilli();
        }
        if (demand > targetMilli) {
            demand = removeUntil(pods, demand, targetMilli, rng);
        }
        if (demand < targetMilli) {
            while (true) {
                ShareRequest p = trace.get(rng.nextInt(trace.size()));
                if (demand + p.gpuDemandMilli() > targetMilli) {
                    break;
                }
                pods.add(p);
                demand += p.gpuDemandMilli();
            }
        }
    }

    /**
     * Removes pods drawn uniformly from those left until the demand is at or below {@code targetMilli}: the same
     * draws and the same result as removing them from the list one by one, in O(n log n) rather than O(n^2) time.
     * Returns the demand left.
     */
    private static long removeUntil(List<ShareRequest> pods, long demand, double targetMilli, SplittableRandom rng) {
        int n = pods.size();
        // A Fenwick tree of the pods still in the list: the k-th one left is found in O(log n).
        int[] tree = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            tree[i]++;
            int parent = i + (i & -i);
            if (parent <= n) {
                tree[parent] += tree[i];
            }
        }
        boolean[] removed = new boolean[n];
        int left = n;
        int top = Integer.highestOneBit(Math.max(1, n));
        while (demand > targetMilli && left > 0) {
            int k = rng.nextInt(left);
            int at = 0;
            for (int step = top; step > 0; step >>= 1) {
                if (at + step <= n && tree[at + step] <= k) {
                    at += step;
                    k -= tree[at];
                }
            }
            removed[at] = true;
            for (int i = at + 1; i <= n; i += i & -i) {
                tree[i]--;
            }
            left--;
            demand -= pods.get(at).gpuDemandMilli();
        }
        List<ShareRequest> kept = new ArrayList<>(left);
        for (int i = 0; i < n; i++) {
            if (!removed[i]) {
                kept.add(pods.get(i));
            }
        }
        pods.clear();
        pods.addAll(kept);
        return demand;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
