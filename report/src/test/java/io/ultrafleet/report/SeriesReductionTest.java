package io.ultrafleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesReductionTest {
    private static SeriesTable table(int rows) {
        long[] times = new long[rows];
        double[][] cols = new double[4][rows];
        for (int i = 0; i < rows; i++) {
            times[i] = (i + 1) * 3_600_000L;
            cols[0][i] = i; // a level
            cols[1][i] = 1; // an amount per step
            cols[2][i] = 10.0 * (i + 1); // a running total
            cols[3][i] = i % 2; // interruptions
        }
        return new SeriesTable(
                times, List.of("gpus_busy", "spend_usd", "contract_spent_usd.aws", "interruptions"), cols);
    }

    @Test
    void choosesWholeHoursPerPointUnderTheLimit() {
        assertThat(SeriesReduction.stepsPerPoint(2000, 2500)).isEqualTo(1);
        assertThat(SeriesReduction.stepsPerPoint(18_936, 2500)).isEqualTo(8);
        assertThat(SeriesReduction.stepsPerPoint(18_936, 1000)).isEqualTo(24);
        assertThat(SeriesReduction.stepsPerPoint(10_000_000, 1000)).isEqualTo(10_000);
    }

    @Test
    void levelsAreAveragedAmountsSummedAndTotalsKeptLast() {
        SeriesTable r = SeriesReduction.reduce(table(10), 4);
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.time(0)).isEqualTo(4 * 3_600_000L);
        assertThat(r.time(2)).isEqualTo(10 * 3_600_000L);
        assertThat(r.column("gpus_busy").orElseThrow()).containsExactly(1.5, 5.5, 8.5);
        assertThat(r.column("spend_usd").orElseThrow()).containsExactly(4, 4, 2);
        assertThat(r.column("contract_spent_usd.aws").orElseThrow()).containsExactly(40, 80, 100);
        assertThat(r.column("interruptions").orElseThrow()).containsExactly(2, 2, 1);
    }

    @Test
    void oneStepPerPointKeepsTheTable() {
        SeriesTable t = table(5);
        assertThat(SeriesReduction.reduce(t, 1)).isSameAs(t);
    }
}
