package io.ultrafleet.scheduling.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pods restricted to GPU models run on those models only, under every policy. */
class GpuSpecTest {
    private static ShareCluster cluster() {
        ShareCluster.Builder b = ShareCluster.builder();
        for (int i = 0; i < 6; i++) {
            b.node("g2-" + i, 96_000, 393_216, 8, "G2");
        }
        b.node("v100-0", 96_000, 393_216, 8, "V100M32");
        b.node("t4-0", 104_000, 524_288, 2, "T4");
        return b.build();
    }

    @Test
    void restrictedPodsGoOnlyToTheirModelsUntilThoseAreFull() {
        for (String policy : SharePolicies.names()) {
            ShareCluster c = cluster();
            long v100OrT4 = c.modelMask(List.of("V100M32", "T4"));
            ShareRequest pod = Pods.whole(4_000, 1).models(v100OrT4).build();
            SharePolicy p =
                    SharePolicies.create(policy, PolicyContext.inNodeOrder(c, PodMix.typical(List.of(pod), 1.0)));
            for (int i = 0; i < 10; i++) {
                SharePlacement where = p.place(c, pod);
                assertThat(where.found()).as(policy + " pod " + i).isTrue();
                assertThat(c.modelNames().get(c.model(where.node()))).as(policy).isIn("V100M32", "T4");
                c.allocate(where.node(), where.gpuMask(), pod);
            }
            assertThat(p.place(c, pod).found())
                    .as(policy + ": the 11th finds no V100M32 or T4 GPU free, though G2 GPUs are")
                    .isFalse();
            ShareRequest share = Pods.share(1_000, 300).models(v100OrT4).build();
            assertThat(p.place(c, share).found()).as(policy).isFalse();
        }
    }

    @Test
    void podsAskingOnlyForAModelNoNodeHasFitNowhere() {
        ShareCluster c = cluster();
        long none = c.modelMask(List.of("H100"));
        ShareRequest pod = Pods.share(1_000, 200).models(none).build();
        for (String policy : SharePolicies.names()) {
            SharePolicy p =
                    SharePolicies.create(policy, PolicyContext.inNodeOrder(c, PodMix.typical(List.of(pod), 1.0)));
            assertThat(p.place(c, pod)).as(policy).isEqualTo(SharePlacement.NONE);
        }
    }
}
