package io.ultrafleet.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SelectTest {
    @Test
    void everyRankMatchesASortedCopyIncludingLongRunsOfEqualValues() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rnd.nextInt(400);
            int distinct = 1 + rnd.nextInt(trial % 3 == 0 ? 3 : 1000);
            long[] a = new long[n + 5];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextInt(distinct);
            }
            long[] sorted = Arrays.copyOf(a, n);
            Arrays.sort(sorted);
            // Several selections on the same array, as a backfill pass makes for gangs of several sizes.
            for (int q = 0; q < 6; q++) {
                int k = rnd.nextInt(n);
                assertThat(Select.kth(a, n, k)).as("trial %d, k %d", trial, k).isEqualTo(sorted[k]);
            }
            long[] firstN = Arrays.copyOf(a, n);
            Arrays.sort(firstN);
            assertThat(firstN)
                    .as("only the first n values are moved, none lost")
                    .isEqualTo(sorted);
        }
    }

    @Test
    void aRangeStillLongAfterItsRoundsIsSortedAndItsRankStillRight() {
        // the guard against an order that defeats the median of three: reached here by allowing few rounds
        SplittableRandom rnd = new SplittableRandom(13);
        for (int rounds = 0; rounds <= 3; rounds++) {
            for (int trial = 0; trial < 100; trial++) {
                int n = 3 + rnd.nextInt(300);
                long[] a = new long[n + 4];
                for (int i = 0; i < a.length; i++) {
                    a[i] = rnd.nextInt(1 + rnd.nextInt(500));
                }
                long[] sorted = Arrays.copyOfRange(a, 2, n);
                Arrays.sort(sorted);
                int k = 2 + rnd.nextInt(n - 2);
                long[] before = a.clone();
                assertThat(Select.kth(a, 2, n, k, rounds))
                        .as("rounds %d, trial %d, k %d", rounds, trial, k)
                        .isEqualTo(sorted[k - 2]);
                assertThat(a[k]).isEqualTo(sorted[k - 2]);
                for (int i = 2; i < n; i++) {
                    assertThat(i < k ? a[i] <= a[k] : a[i] >= a[k])
                            .as("rounds %d: index %d on its side of k", rounds, i)
                            .isTrue();
                }
                assertThat(Arrays.copyOfRange(a, 0, 2)).isEqualTo(Arrays.copyOfRange(before, 0, 2));
                assertThat(Arrays.copyOfRange(a, n, a.length)).isEqualTo(Arrays.copyOfRange(before, n, a.length));
            }
        }
    }

    @Test
    void withinARangeEachRankIsFoundAndTheValuesOutsideItAreNotMoved() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + rnd.nextInt(300);
            long[] a = shaped(trial % 5, n, rnd);
            int from = rnd.nextInt(n);
            int to = from + 1 + rnd.nextInt(n - from);
            long[] before = a.clone();
            long[] range = Arrays.copyOfRange(a, from, to);
            Arrays.sort(range);
            int k = from + rnd.nextInt(to - from);
            assertThat(Select.kth(a, from, to, k)).as("trial %d", trial).isEqualTo(range[k - from]);
            assertThat(a[k]).as("left at its index").isEqualTo(range[k - from]);
            for (int i = from; i < to; i++) {
                assertThat(i < k ? a[i] <= a[k] : a[i] >= a[k])
                        .as("trial %d, index %d", trial, i)
                        .isTrue();
            }
            assertThat(Arrays.copyOfRange(a, 0, from)).isEqualTo(Arrays.copyOfRange(before, 0, from));
            assertThat(Arrays.copyOfRange(a, to, n)).isEqualTo(Arrays.copyOfRange(before, to, n));
        }
    }

    @Test
    void ordersThatDefeatAMedianOfThreePivotStillGiveTheRank() {
        // sorted, reversed, organ pipe, sawtooth and one value: what wait times and free times look like in runs
        SplittableRandom rnd = new SplittableRandom(13);
        for (int shape = 0; shape < 5; shape++) {
            long[] a = shaped(shape, 200_000, rnd);
            long[] sorted = a.clone();
            Arrays.sort(sorted);
            for (int k : new int[] {0, 100_000, 190_000, 199_999}) {
                assertThat(Select.kth(a, a.length, k))
                        .as("shape %d, k %d", shape, k)
                        .isEqualTo(sorted[k]);
            }
        }
    }

    private static long[] shaped(int shape, int n, SplittableRandom rnd) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (shape) {
                case 0 -> i;
                case 1 -> n - i;
                case 2 -> Math.min(i, n - i);
                case 3 -> i % 97;
                default -> rnd.nextInt(3) == 0 ? 7 : 7 + rnd.nextInt(5);
            };
        }
        return a;
    }

    @Test
    void refusesARankOutsideTheValues() {
        assertThatThrownBy(() -> Select.kth(new long[] {1, 2}, 2, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
