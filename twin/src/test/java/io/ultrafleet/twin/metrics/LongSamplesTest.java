package io.ultrafleet.twin.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongSamplesTest {
    @Test
    void quantilesInAnyOrderAndAddsBetweenThemMatchASortedCopy() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] qs = {0.5, 0.95, 0.99, 1.0, 0.0, 0.25, 0.9, 0.999};
        for (int trial = 0; trial < 300; trial++) {
            LongSamples s = new LongSamples();
            long[] all = new long[0];
            for (int round = 0; round < 3; round++) {
                int add = rnd.nextInt(500);
                int distinct = trial % 3 == 0 ? 4 : 100_000;
                for (int i = 0; i < add; i++) {
                    long v = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(distinct);
                    s.add(v);
                    all = Arrays.copyOf(all, all.length + 1);
                    all[all.length - 1] = v;
                }
                long[] sorted = all.clone();
                Arrays.sort(sorted);
                for (int i = 0; i < 6; i++) {
                    double q = qs[rnd.nextInt(qs.length)];
                    long expected = sorted.length == 0
                            ? 0
                            : sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
                    assertThat(s.quantile(q))
                            .as("trial %d, round %d, q %s", trial, round, q)
                            .isEqualTo(expected);
                }
                assertThat(s.size()).isEqualTo(all.length);
            }
        }
    }

    @Test
    void mergedListsGiveTheQuantilesOfTheirUnionAfterSelectionsInEither() {
        SplittableRandom rnd = new SplittableRandom(6);
        for (int trial = 0; trial < 200; trial++) {
            long[] av = random(rnd, rnd.nextInt(400), trial % 2 == 0);
            long[] bv = random(rnd, rnd.nextInt(400), trial % 3 == 0);
            LongSamples a = of(av);
            LongSamples b = of(bv);
            a.quantile(0.5); // fences left in both, as a summary's queues leave them before its classes merge them
            b.quantile(0.95);
            b.quantile(1.0);
            LongSamples one = new LongSamples();
            one.addAll(b); // into an empty list: b's fences come along
            LongSamples both = new LongSamples();
            both.addAll(a);
            both.addAll(b);
            long[] union = java.util.stream.LongStream.concat(Arrays.stream(av), Arrays.stream(bv))
                    .toArray();
            for (double q : new double[] {0.5, 0.95, 0.99, 1.0, 0.1}) {
                assertThat(one.quantile(q)).as("trial %d, q %s", trial, q).isEqualTo(sortedQuantile(bv, q));
                assertThat(both.quantile(q)).as("trial %d, q %s", trial, q).isEqualTo(sortedQuantile(union, q));
            }
        }
    }

    private static long[] random(SplittableRandom rnd, int n, boolean ascending) {
        long[] out = new long[n];
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = ascending ? v + rnd.nextInt(3) : rnd.nextInt(50);
            out[i] = v;
        }
        return out;
    }

    private static LongSamples of(long[] values) {
        LongSamples s = new LongSamples();
        for (long v : values) {
            s.add(v);
        }
        return s;
    }

    private static long sortedQuantile(long[] values, double q) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0
                ? 0
                : sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    @Test
    void theMeanIsExactAndTheSameBeforeAndAfterQuantiles() {
        LongSamples s = new LongSamples();
        long[] vs = {3, 1_000_000_000_000L, 7, 0, 1, 1, 999};
        for (long v : vs) {
            s.add(v);
        }
        double before = s.mean();
        s.quantile(0.5);
        s.quantile(1.0);
        assertThat(s.mean()).isEqualTo(before).isEqualTo(1_000_000_001_011.0 / vs.length);
        LongSamples huge = new LongSamples();
        huge.add(Long.MAX_VALUE);
        huge.add(Long.MAX_VALUE);
        assertThat(huge.mean()).isEqualTo((double) Long.MAX_VALUE);
    }
}
