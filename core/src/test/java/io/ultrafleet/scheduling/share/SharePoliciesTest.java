package io.ultrafleet.scheduling.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry and what each policy prefers, on clusters small enough to reason about. */
class SharePoliciesTest {
    private static final PodMix ONE_GPU_PODS =
            PodMix.typical(List.of(Pods.whole(4_000, 1).build()), 1.0);

    private static SharePolicy policy(String name, ShareCluster c, PodMix mix, int... rank) {
        int[] r = rank.length > 0 ? rank : PolicyContext.inNodeOrder(c, mix).tieRank();
        return SharePolicies.create(name, new PolicyContext(r, c.modelNames().size(), mix));
    }

    @Test
    void registryHasTheFourPoliciesByName() {
        assertThat(SharePolicies.names()).containsExactly("firstfit", "bestfit", "fgd", "best");
        ShareCluster c = ShareCluster.builder().node("a", 1, 1, 1, "X").build();
        for (String name : SharePolicies.names()) {
            assertThat(policy(name, c, ONE_GPU_PODS).name()).isEqualTo(name);
        }
        assertThatThrownBy(() -> policy("worstfit", c, ONE_GPU_PODS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("firstfit, bestfit, fgd, best");
        assertThat(SharePolicies.exists("fgd")).isTrue();
        assertThat(SharePolicies.exists("FGD")).isFalse();
    }

    private static ShareCluster emptyAndHalfUsed() {
        ShareCluster c = ShareCluster.builder()
                .node("empty", 64_000, 262_144, 4, "X")
                .node("used", 64_000, 262_144, 4, "X")
                .build();
        c.allocate(1, 0b0011, Pods.whole(8_000, 2).build());
        c.allocate(1, 0b0100, Pods.share(1_000, 600).build());
        return c;
    }

    @Test
    void firstFitTakesTheFirstNodeAndItsFirstGpus() {
        ShareCluster c = emptyAndHalfUsed();
        assertThat(policy("firstfit", c, ONE_GPU_PODS)
                        .place(c, Pods.share(1_000, 300).build()))
                .isEqualTo(new SharePlacement(0, 0b0001));
    }

    @Test
    void bestFitTakesTheFullestNodeAndTheTightestGpu() {
        ShareCluster c = emptyAndHalfUsed();
        assertThat(policy("bestfit", c, ONE_GPU_PODS)
                        .place(c, Pods.share(1_000, 300).build()))
                .isEqualTo(new SharePlacement(1, 0b0100));
        assertThat(policy("bestfit", c, ONE_GPU_PODS)
                        .place(c, Pods.whole(1_000, 1).build()))
                .isEqualTo(new SharePlacement(1, 0b1000));
    }

    @Test
    void tiesBreakByTheTieRank() {
        ShareCluster c = ShareCluster.builder()
                .node("a", 64_000, 262_144, 4, "X")
                .node("b", 64_000, 262_144, 4, "X")
                .node("c", 64_000, 262_144, 4, "X")
                .build();
        for (String name : List.of("bestfit", "fgd", "best")) {
            assertThat(policy(name, c, ONE_GPU_PODS, 2, 0, 1)
                            .place(c, Pods.whole(4_000, 1).build())
                            .node())
                    .as(name)
                    .isEqualTo(1);
        }
    }

    @Test
    void fgdFillsAGpuWhosePartCouldServeNothingElse() {
        ShareCluster c = ShareCluster.builder()
                .node("fresh", 64_000, 262_144, 2, "X")
                .node("part", 64_000, 262_144, 2, "X")
                .build();
        c.allocate(1, 0b01, Pods.share(1_000, 500).build());
        PodMix mix = PodMix.of(
                List.of(Pods.share(1_000, 500).build(), Pods.whole(4_000, 1).build()), new double[] {1, 1});
        SharePlacement where =
                policy("fgd", c, mix).place(c, Pods.share(1_000, 500).build());
        assertThat(where).isEqualTo(new SharePlacement(1, 0b01));
    }

    @Test
    void bestKeepsCpuOnlyPodsOffNodesWhoseGpusNeedTheCpu() {
        ShareCluster c = ShareCluster.builder()
                .node("dense", 96_000, 393_216, 8, "X")
                .node("cpu-rich", 104_000, 524_288, 2, "X")
                .build();
        PodMix mix = PodMix.of(
                List.of(Pods.whole(12_000, 1).build(), Pods.cpu(16_000).build()), new double[] {3, 1});
        ShareRequest cpuPod = Pods.cpu(16_000).build();
        assertThat(policy("fgd", c, mix).place(c, cpuPod).node())
                .as("fgd: a tie, the rank decides")
                .isZero();
        assertThat(policy("best", c, mix).place(c, cpuPod).node()).isEqualTo(1);
    }

    @Test
    void bestKeepsModelsThatRestrictedPodsNeedForThem() {
        ShareCluster c = ShareCluster.builder()
                .node("scarce", 64_000, 262_144, 4, "S")
                .node("common-1", 64_000, 262_144, 4, "C")
                .node("common-2", 64_000, 262_144, 4, "C")
                .build();
        ShareRequest restricted =
                Pods.whole(4_000, 1).models(1L << c.modelId("S")).build();
        ShareRequest anywhere = Pods.whole(4_000, 1).build();
        PodMix mix = PodMix.of(List.of(restricted, anywhere), new double[] {1, 3});
        // a quarter of the demand may only use S, which has a third of the GPUs: r_S = 0.25 / (1/3) = 0.75
        assertThat(BestPolicy.scarcity(c, mix)).containsExactly(0.75, 0.0);
        SharePolicy best = policy("best", c, mix);
        for (int i = 0; i < 8; i++) {
            SharePlacement where = best.place(c, anywhere);
            assertThat(c.model(where.node())).as("pod " + i).isEqualTo(c.modelId("C"));
            c.allocate(where.node(), where.gpuMask(), anywhere);
        }
        assertThat(best.place(c, anywhere).node()).as("only S is left").isZero();
        assertThat(best.place(c, restricted).node()).isZero();
    }
}
