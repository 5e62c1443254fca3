package io.ultrafleet.bench;

import io.ultrafleet.scheduling.share.PodMix;
import io.ultrafleet.scheduling.share.PolicyContext;
import io.ultrafleet.scheduling.share.ShareCluster;
import io.ultrafleet.scheduling.share.SharePlacement;
import io.ultrafleet.scheduling.share.SharePolicies;
import io.ultrafleet.scheduling.share.SharePolicy;
import io.ultrafleet.scheduling.share.ShareRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One placement of a pod that asks for a fraction of a GPU, by a packing policy of {@code
 * io.ultrafleet.scheduling.share}, on a cluster shaped like the 1,213 GPU nodes of Alibaba's openb trace: the node
 * shapes and their counts are written below (from {@code openb_node_list_gpu_node.csv}), the nodes in a seeded order
 * with seeded tie ranks, as the FGD replay draws them. The pod-type mix that {@code fgd} measures fragmentation
 * against is the default trace's most common 35 types (95 % of its 8,152 pods), also written below. Before measuring,
 * pods drawn from that mix are placed with {@code bestfit} until about 70 % of the GPU capacity is taken.
 *
 * <p>{@code place} only asks the policy (for {@code fgd}, every node's score is then cached from earlier calls);
 * {@code placeAllocateRelease} also applies the placement and takes it back, which changes one node, so {@code fgd}
 * scores that node again the next time, as in a replay where each pod changes one node. The 16 measured pods are
 * drawn beforehand from the mix's fractional types and taken in turn.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar SharePlacementBench -wi 3 -i 5 -f 1}
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SharePlacementBench {
    /** openb GPU nodes by shape: count, milli-CPU, memory MiB, GPUs, GPU model (1,213 nodes, 6,212 GPUs). */
    private static final Object[][] NODE_SHAPES = {
        {549, 96_000, 393_216L, 8, "G2"},
        {387, 104_000, 524_288L, 2, "T4"},
        {107, 16_000, 122_880L, 2, "P100"},
        {39, 128_000, 786_432L, 8, "G3"},
        {28, 32_000, 131_072L, 4, "V100M16"},
        {22, 64_000, 262_144L, 2, "P100"},
        {21, 96_000, 786_432L, 8, "V100M32"},
        {19, 8_000, 32_768L, 1, "V100M16"},
        {17, 96_000, 393_216L, 4, "T4"},
        {9, 48_000, 376_832L, 4, "V100M32"},
        {7, 64_000, 262_144L, 8, "V100M16"},
        {3, 8_000, 61_440L, 1, "P100"},
        {2, 128_000, 1_048_576L, 1, "A10"},
        {2, 8_000, 61_440L, 2, "P100"},
        {1, 82_000, 344_064L, 8, "V100M16"},
    };

    /** The default openb trace's 35 most common pod types: pods, milli-CPU, GPUs, milli-GPU per GPU. */
    private static final int[][] POD_TYPES = {
        {1047, 3152, 1, 810}, {874, 11300, 1, 1000}, {599, 11400, 1, 1000}, {470, 3152, 1, 1000},
        {388, 11908, 1, 470}, {366, 12500, 0, 0}, {360, 8000, 1, 470}, {326, 12000, 1, 1000},
        {290, 32000, 0, 0}, {255, 18708, 1, 1000}, {237, 11908, 1, 650}, {232, 4000, 1, 320},
        {195, 9810, 1, 1000}, {185, 8000, 0, 0}, {164, 8000, 1, 1000}, {159, 4000, 1, 1000},
        {158, 15700, 1, 1000}, {153, 11908, 1, 1000}, {150, 16000, 1, 1000}, {122, 4000, 1, 230},
        {120, 15400, 0, 0}, {120, 6000, 1, 460}, {95, 16500, 0, 0}, {93, 14200, 1, 1000},
        {84, 24200, 1, 1000}, {75, 3152, 1, 590}, {72, 4152, 1, 550}, {72, 8000, 1, 320},
        {55, 11900, 1, 1000}, {54, 4000, 1, 160}, {45, 4152, 1, 370}, {43, 4000, 1, 220},
        {41, 8200, 1, 1000}, {36, 15200, 1, 1000}, {31, 4152, 1, 810},
    };

    /** Memory a synthetic pod asks for per milli-CPU, MiB (memory is not part of a pod type). */
    private static final long MIB_PER_MILLI_CPU = 2;

    private static final double FILL = 0.70;
    private static final int PODS = 16;

    @Param({"bestfit", "fgd"})
    String policy;

    private ShareCluster cluster;
    private SharePolicy packer;
    private ShareRequest[] pods;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        cluster = cluster(rnd);
        List<ShareRequest> types = new ArrayList<>();
        double[] weights = new double[POD_TYPES.length];
        for (int i = 0; i < POD_TYPES.length; i++) {
            types.add(request(POD_TYPES[i]));
            weights[i] = POD_TYPES[i][0];
        }
        PodMix mix = PodMix.of(types, weights);
        int[] rank = permutation(cluster.nodeCount(), rnd);
        int models = cluster.modelNames().size();
        fill(SharePolicies.create("bestfit", new PolicyContext(rank, models, mix)), types, weights, rnd);
        packer = SharePolicies.create(policy, new PolicyContext(rank, models, mix));

        List<ShareRequest> fractional = new ArrayList<>();
        double[] fractionalWeights = new double[POD_TYPES.length];
        for (int i = 0; i < POD_TYPES.length; i++) {
            if (types.get(i).isShare()) {
                fractionalWeights[fractional.size()] = weights[i];
                fractional.add(types.get(i));
            }
        }
        pods = new ShareRequest[PODS];
        for (int i = 0; i < PODS; i++) {
            pods[i] = fractional.get(draw(fractionalWeights, fractional.size(), rnd));
            if (!packer.place(cluster, pods[i]).found()) {
                throw new IllegalStateException("no node holds " + pods[i]);
            }
        }
        next = 0;
    }

    /** Asks the policy where the next pod goes; the cluster is not changed. */
    @Benchmark
    public SharePlacement place() {
        return packer.place(cluster, pods[next++ & (PODS - 1)]);
    }

    /** Asks the policy, places the pod there and takes it back. */
    @Benchmark
    public SharePlacement placeAllocateRelease() {
        ShareRequest pod = pods[next++ & (PODS - 1)];
        SharePlacement p = packer.place(cluster, pod);
        cluster.allocate(p.node(), p.gpuMask(), pod);
        cluster.release(p.node(), p.gpuMask(), pod);
        return p;
    }

    private static ShareCluster cluster(SplittableRandom rnd) {
        List<Object[]> nodes = new ArrayList<>();
        for (Object[] shape : NODE_SHAPES) {
            for (int i = 0; i < (Integer) shape[0]; i++) {
                nodes.add(shape);
            }
        }
        for (int i = nodes.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Object[] t = nodes.get(i);
            nodes.set(i, nodes.get(j));
            nodes.set(j, t);
        }
        ShareCluster.Builder b = ShareCluster.builder();
        for (int i = 0; i < nodes.size(); i++) {
            Object[] s = nodes.get(i);
            b.node(String.format("node-%04d", i), (Integer) s[1], (Long) s[2], (Integer) s[3], (String) s[4]);
        }
        return b.build();
    }

    private static ShareRequest request(int[] type) {
        return new ShareRequest(type[1], type[1] * MIB_PER_MILLI_CPU, type[2], type[3], ShareRequest.ANY_MODEL);
    }

    /** Places pods drawn from the mix until {@value #FILL} of the GPU capacity is taken or 100 pods in a row fail. */
    private void fill(SharePolicy filler, List<ShareRequest> types, double[] weights, SplittableRandom rnd) {
        long target = (long) (cluster.gpuCapacityMilli() * FILL);
        int misses = 0;
        while (cluster.gpuAllocatedMilli() < target && misses < 100) {
            ShareRequest pod = types.get(draw(weights, weights.length, rnd));
            SharePlacement p = filler.place(cluster, pod);
            if (p.found()) {
                cluster.allocate(p.node(), p.gpuMask(), pod);
            } else {
                misses++;
            }
        }
    }

    private static int draw(double[] weights, int n, SplittableRandom rnd) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += weights[i];
        }
        double x = rnd.nextDouble() * total;
        for (int i = 0; i < n - 1; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return n - 1;
    }

    private static int[] permutation(int n, SplittableRandom rnd) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
