package io.ultrafleet.twin.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ultrafleet.scheduling.share.ShareRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OpenbReplayTest {
    static final int PODS = 300;

    /** 144 GPUs on 24 nodes of two models, and 300 pods. */
    static OpenbWorkload small() {
        List<OpenbNode> nodes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            nodes.add(new OpenbNode("a" + i, 64_000, 262_144, 8, "A"));
        }
        for (int i = 0; i < 8; i++) {
            nodes.add(new OpenbNode("b" + i, 32_000, 131_072, 2, "B"));
        }
        List<OpenbPod> pods = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(3);
        int[] millis = {250, 500, 810, 1000, 1000};
        for (int i = 0; i < PODS; i++) {
            int kind = rng.nextInt(6);
            String name = String.format("pod-%03d", PODS - 1 - i);
            if (kind == 0) {
                pods.add(new OpenbPod(name, 4_000, 8_192, 0, 0, List.of()));
            } else if (kind == 1) {
                pods.add(new OpenbPod(name, 8_000, 16_384, 2, 1_000, List.of()));
            } else {
                List<String> spec = kind == 2 ? List.of("B") : List.of();
                pods.add(new OpenbPod(name, 2_000, 4_096, 1, millis[rng.nextInt(millis.length)], spec));
            }
        }
        return OpenbWorkload.of(nodes, pods);
    }

    @Test
    void podsAreSortedByNameAndGpuSpecsBecomeModelMasks() {
        OpenbWorkload w = small();
        assertThat(w.podNames()).isSorted().hasSize(PODS);
        assertThat(w.gpuCapacityMilli()).isEqualTo(144_000);
        assertThat(w.pods()).anyMatch(p -> p.gpus() > 0 && p.allowedModels() == 0b10);
    }

    @Test
    void tuningAppendsUntilTheNextDrawWouldPassTheTarget() {
        OpenbWorkload w = small();
        long trace = w.gpuDemandMilli();
        List<ShareRequest> pods = new ArrayList<>(w.pods());
        OpenbReplay.tune(pods, w.pods(), trace + 40_000, new SplittableRandom(1));
        long demand = pods.stream().mapToLong(ShareRequest::gpuDemandMilli).sum();
        assertThat(demand).isLessThanOrEqualTo(trace + 40_000).isGreaterThan(trace + 40_000 - 2_000);
        assertThat(pods.subList(0, PODS)).isEqualTo(w.pods());

        List<ShareRequest> fewer = new ArrayList<>(w.pods());
        OpenbReplay.tune(fewer, w.pods(), trace / 2, new SplittableRandom(1));
        assertThat(fewer.stream().mapToLong(ShareRequest::gpuDemandMilli).sum())
                .isLessThanOrEqualTo(trace / 2)
                .isGreaterThan(trace / 2 - 2_000);
        assertThat(w.pods()).containsAll(fewer);
    }

    @Test
    void theSameSeedGivesTheSameResultOnAnyNumberOfThreads() {
        OpenbWorkload w = small();
        List<Long> seeds = List.of(42L, 43L, 44L, 45L);
        for (String policy : List.of("firstfit", "bestfit", "fgd", "best")) {
            String one = ReplayJson.toJson(OpenbReplay.run(w, policy, seeds, 1.3, 1));
            String two = ReplayJson.toJson(OpenbReplay.run(w, policy, seeds, 1.3, 2));
            assertThat(two).as(policy).isEqualTo(one);
        }
        SeedResult a = OpenbReplay.runSeed(w, "fgd", 42, 1.3);
        SeedResult b = OpenbReplay.runSeed(w, "fgd", 7, 1.3);
        List<Double> arrivedA = new ArrayList<>();
        List<Double> arrivedB = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            arrivedA.add(a.curve().arrivedPct(i));
            arrivedB.add(b.curve().arrivedPct(i));
        }
        assertThat(arrivedA).as("another seed, another order").isNotEqualTo(arrivedB);
    }

    @Test
    void aRunRecordsOnePointPerPodAndNeverAllocatesMoreThanArrived() {
        SeedResult r = OpenbReplay.runSeed(small(), "best", 42, 1.3);
        AllocationCurve c = r.curve();
        assertThat(c.points()).isEqualTo(r.pods());
        assertThat(c.arrivedPct(c.points() - 1)).isLessThanOrEqualTo(130.0).isGreaterThan(120.0);
        for (int i = 0; i < c.points(); i++) {
            assertThat(c.allocatedPct(i)).isLessThanOrEqualTo(c.arrivedPct(i)).isLessThanOrEqualTo(100.0);
        }
        assertThat(r.failed()).isPositive();
        assertThat(r.allocPctAt(90)).isBetween(50.0, 100.0);
    }

    @Test
    void curvesAreReadAtRoundedArrivedDemandWithAFallbackOfOnePoint() {
        AllocationCurve c = new AllocationCurve(1_000_000, 4);
        c.record(895_000, 800_000); // 89.5 % rounds to 90 (half to even)
        c.record(904_000, 810_000); // 90.4 % rounds to 90
        c.record(905_000, 820_000); // 90.5 % rounds to 90 too
        c.record(1_013_000, 900_000); // 101.3 %
        assertThat(c.allocPctAt(90)).isCloseTo(81.0, within(1e-9));
        assertThat(c.allocPctAt(100)).as("no point at 100: those at 99..101").isCloseTo(90.0, within(1e-9));
        assertThat(c.allocPctAt(130)).isNaN();
    }

    @Test
    void jsonHasThePolicyTheMeanAndEachSeed() {
        ReplayResult r = OpenbReplay.run(small(), "bestfit", List.of(1L, 2L), 1.3, 1);
        String json = ReplayJson.toJson(r);
        assertThat(json)
                .startsWith("{\n  \"policy\": \"bestfit\",\n  \"mean\": {\n    \"alloc_pct_at\": {\n      \"90\": ")
                .contains("\"seeds\": [")
                .contains("\"seed\": 1,")
                .contains("\"seed\": 2,")
                .contains("\"130\": ");
        double mean = (r.seeds().get(0).allocPctAt(100) + r.seeds().get(1).allocPctAt(100)) / 2;
        assertThat(r.meanAllocPctAt(100)).isCloseTo(mean, within(1e-9));
        String low = ReplayJson.toJson(OpenbReplay.run(small(), "bestfit", List.of(1L), 1.0, 1));
        assertThat(low).contains("\"130\": null");
    }

    @Test
    void badArgumentsAreRefused() {
        OpenbWorkload w = small();
        assertThatThrownBy(() -> OpenbReplay.run(w, "nope", List.of(1L), 1.3, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("firstfit, bestfit, fgd, best");
        assertThatThrownBy(() -> OpenbReplay.run(w, "fgd", List.of(), 1.3, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenbReplay.run(w, "fgd", List.of(1L), 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
