package io.ultrafleet.scheduling.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FragmentationTest {
    private static final int X = 0;
    private static final int Y = 1;

    @Test
    void gpusWithTooLittleFreeAreFragmentForATypeThatFits() {
        Fragmentation f =
                new Fragmentation(PodMix.of(List.of(Pods.share(4_000, 500).build()), new double[] {1}), 2);
        assertThat(f.of(X, 8_000, new int[] {1_000, 300}, 2)).isEqualTo(300.0);
        assertThat(f.of(X, 2_000, new int[] {1_000, 300}, 2))
                .as("lacks CPU: all is fragment")
                .isEqualTo(1_300.0);
        assertThat(f.of(X, 8_000, new int[] {0, 0}, 2)).isZero();
    }

    @Test
    void cpuOnlyAndMultiGpuTypes() {
        PodMix mix =
                PodMix.of(List.of(Pods.cpu(1_000).build(), Pods.whole(4_000, 2).build()), new double[] {1, 1});
        Fragmentation f = new Fragmentation(mix, 2);
        assertThat(f.of(X, 8_000, new int[] {1_000, 1_000, 500}, 3)).isCloseTo(1_500.0, within(1e-9));
        assertThat(f.of(X, 8_000, new int[] {1_000, 500}, 2)).isCloseTo(1_500.0, within(1e-9));
    }

    @Test
    void aTypeThatMayNotUseTheModelSeesAllAsFragment() {
        PodMix mix = PodMix.of(List.of(Pods.share(1_000, 200).models(1L << Y).build()), new double[] {1});
        Fragmentation f = new Fragmentation(mix, 2);
        assertThat(f.of(X, 8_000, new int[] {1_000}, 1)).isEqualTo(1_000.0);
        assertThat(f.of(Y, 8_000, new int[] {1_000}, 1)).isZero();
    }

    @Test
    void matchesTheDefinitionTypeByTypeOnRandomNodes() {
        SplittableRandom rng = new SplittableRandom(7);
        int[] millis = {100, 230, 500, 810, 1_000};
        for (int round = 0; round < 200; round++) {
            List<ShareRequest> types = new ArrayList<>();
            int k = 1 + rng.nextInt(12);
            double[] w = new double[k];
            for (int i = 0; i < k; i++) {
                int kind = rng.nextInt(3);
                long models = rng.nextBoolean() ? ShareRequest.ANY_MODEL : 1L << rng.nextInt(2);
                int cpu = 1_000 * rng.nextInt(20);
                types.add(
                        kind == 0
                                ? Pods.cpu(cpu).build()
                                : kind == 1
                                        ? Pods.share(cpu, millis[rng.nextInt(4)])
                                                .models(models)
                                                .build()
                                        : Pods.whole(cpu, 1 + rng.nextInt(4))
                                                .models(models)
                                                .build());
                w[i] = 1 + rng.nextInt(10);
            }
            PodMix mix = PodMix.of(types, w);
            Fragmentation f = new Fragmentation(mix, 2);
            for (int node = 0; node < 20; node++) {
                int gpus = 1 + rng.nextInt(8);
                int[] free = new int[gpus];
                for (int g = 0; g < gpus; g++) {
                    free[g] = millis[rng.nextInt(millis.length)] - (rng.nextBoolean() ? 0 : 100);
                }
                int model = rng.nextInt(2);
                int cpu = 1_000 * rng.nextInt(24);
                assertThat(f.of(model, cpu, free, gpus)).isCloseTo(reference(mix, model, cpu, free), within(1e-6));
            }
        }
    }

    /** The paper's definition, one type at a time. */
    private static double reference(PodMix mix, int model, int cpuFree, int[] free) {
        double total = 0;
        for (int f : free) {
            total += f;
        }
        double frag = 0;
        for (int i = 0; i < mix.size(); i++) {
            ShareRequest t = mix.type(i);
            boolean runs = t.gpus() > 0 && t.allowsModel(model) && cpuFree >= t.cpuMilli();
            int enough = 0;
            double tooLittle = 0;
            for (int f : free) {
                if (f >= t.gpuMilli()) {
                    enough++;
                } else {
                    tooLittle += f;
                }
            }
            frag += mix.share(i) * (runs && enough >= t.gpus() ? tooLittle : total);
        }
        return frag;
    }
}
