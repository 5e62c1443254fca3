package io.ultrafleet.scheduling.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded loops over random pods on random clusters, for every registered policy: a placement never over-commits a
 * node, uses only allowed models and exactly the GPUs asked for, and a pod is refused only if it fits nowhere.
 */
class NoOverCommitPropertyTest {
    private static final String[] MODELS = {"A", "B", "C"};
    private static final int[] MILLIS = {100, 250, 300, 470, 500, 650, 810, 1000};

    @Test
    void noPolicyEverOverCommitsOrRefusesAPodThatFits() {
        for (String policy : SharePolicies.names()) {
            for (long seed = 1; seed <= 30; seed++) {
                check(policy, seed);
            }
        }
    }

    private static void check(String policy, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        ShareCluster c = randomCluster(rng);
        List<ShareRequest> pods = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            pods.add(randomPod(rng, c));
        }
        int[] rank = new int[c.nodeCount()];
        for (int i = 0; i < rank.length; i++) {
            rank[i] = rank.length - 1 - i;
        }
        SharePolicy p = SharePolicies.create(
                policy, new PolicyContext(rank, c.modelNames().size(), PodMix.typical(pods, PodMix.DEFAULT_COVERAGE)));
        long placedDemand = 0;
        for (ShareRequest pod : pods) {
            boolean fitsSomewhere = false;
            for (int n = 0; n < c.nodeCount(); n++) {
                fitsSomewhere |= c.fits(n, pod);
            }
            SharePlacement where = p.place(c, pod);
            String what = policy + " seed " + seed + " pod " + pod;
            assertThat(where.found()).as(what).isEqualTo(fitsSomewhere);
            if (!where.found()) {
                continue;
            }
            int n = where.node();
            assertThat(c.fits(n, pod)).as(what).isTrue();
            assertThat(Integer.bitCount(where.gpuMask())).as(what).isEqualTo(pod.gpus());
            assertThat(pod.allowsModel(c.model(n))).as(what).isTrue();
            for (int m = where.gpuMask(); m != 0; m &= m - 1) {
                int g = Integer.numberOfTrailingZeros(m);
                assertThat(g).as(what).isLessThan(c.gpuCount(n));
                assertThat(c.gpuFree(n, g)).as(what).isGreaterThanOrEqualTo(pod.gpuMilli());
            }
            c.allocate(n, where.gpuMask(), pod);
            placedDemand += pod.gpuDemandMilli();
            assertWithinCapacity(c, what);
            assertThat(c.gpuAllocatedMilli()).as(what).isEqualTo(placedDemand);
        }
    }

    private static void assertWithinCapacity(ShareCluster c, String what) {
        long used = 0;
        for (int n = 0; n < c.nodeCount(); n++) {
            assertThat(c.cpuFree(n)).as(what).isBetween(0, c.cpuCapacity(n));
            assertThat(c.memoryFree(n)).as(what).isBetween(0L, c.memoryCapacity(n));
            int total = 0;
            for (int g = 0; g < c.gpuCount(n); g++) {
                assertThat(c.gpuFree(n, g)).as(what).isBetween(0, ShareRequest.MILLI_PER_GPU);
                total += c.gpuFree(n, g);
            }
            assertThat(c.gpuFreeTotal(n)).as(what).isEqualTo(total);
            used += c.gpuCount(n) * 1000L - total;
        }
        assertThat(c.gpuAllocatedMilli()).as(what).isEqualTo(used);
    }

    private static ShareCluster randomCluster(SplittableRandom rng) {
        ShareCluster.Builder b = ShareCluster.builder();
        int nodes = 5 + rng.nextInt(30);
        for (int i = 0; i < nodes; i++) {
            int gpus = new int[] {0, 1, 2, 4, 8}[rng.nextInt(5)];
            b.node(
                    "n" + i,
                    8_000 * (1 + rng.nextInt(16)),
                    16_384L * (1 + rng.nextInt(32)),
                    gpus,
                    MODELS[rng.nextInt(MODELS.length)]);
        }
        return b.build();
    }

    private static ShareRequest randomPod(SplittableRandom rng, ShareCluster c) {
        int cpu = 500 * rng.nextInt(64);
        long memory = 1_024L * rng.nextInt(64);
        long models = ShareRequest.ANY_MODEL;
        if (rng.nextInt(4) == 0) {
            models = rng.nextInt(1, 8) & ((1L << c.modelNames().size()) - 1);
        }
        switch (rng.nextInt(4)) {
            case 0:
                return new ShareRequest(cpu, memory, 0, 0, models);
            case 1:
                return new ShareRequest(cpu, memory, 1, MILLIS[rng.nextInt(MILLIS.length)], models);
            default:
                return new ShareRequest(cpu, memory, new int[] {1, 2, 4, 8}[rng.nextInt(4)], 1000, models);
        }
    }
}
