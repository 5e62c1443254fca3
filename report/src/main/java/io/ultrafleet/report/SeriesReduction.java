package io.ultrafleet.report;

import java.util.List;
import java.util.Set;

/**
 * Shrinks a time series for a chart: {@code k} consecutive steps become one point, stamped with the end of its last
 * step, so a two-year hourly run draws as a few thousand points. Levels (GPUs, jobs queued, power) are averaged over
 * the steps; amounts per step (interruptions, spend, CO2) are summed; running totals keep their last value.
 */
final class SeriesReduction {
    /** Columns that hold an amount per step: a point holds the sum over its steps. */
    static final Set<String> PER_STEP_AMOUNTS = Set.of("interruptions", "spend_usd", "gpu_spend_usd", "co2_t");

    /** Prefixes of columns that hold running totals: a point holds the last value. */
    static final List<String> RUNNING_TOTAL_PREFIXES = List.of("contract_spent_usd.");

    private static final int[] NICE_STEPS = {1, 2, 3, 4, 6, 8, 12, 24, 48, 72, 96, 168, 336, 672};

    private SeriesReduction() {}

    /** How many steps go into one point so that at most {@code maxPoints} points remain. */
    static int stepsPerPoint(int rows, int maxPoints) {
        for (int k : NICE_STEPS) {
            if ((rows + k - 1) / k <= maxPoints) {
                return k;
            }
        }
        return (rows + maxPoints - 1) / maxPoints;
    }

    /** The table with {@code k} steps per point. */
    static SeriesTable reduce(SeriesTable t, int k) {
        if (k <= 1) {
            return t;
        }
        int n = (t.size() + k - 1) / k;
        long[] times = new long[n];
        for (int p = 0; p < n; p++) {
            times[p] = t.time(Math.min(t.size(), (p + 1) * k) - 1);
        }
        double[][] cols = new double[t.names().size()][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = reduceColumn(t.column(c), k, n, kind(t.names().get(c)));
        }
        return new SeriesTable(times, t.names(), cols);
    }

    private enum Kind {
        MEAN,
        SUM,
        LAST
    }

    private static Kind kind(String name) {
        if (PER_STEP_AMOUNTS.contains(name)) {
            return Kind.SUM;
        }
        for (String p : RUNNING_TOTAL_PREFIXES) {
            if (name.startsWith(p)) {
                return Kind.LAST;
            }
        }
        return Kind.MEAN;
    }

    private static double[] reduceColumn(double[] v, int k, int n, Kind kind) {
        double[] out = new double[n];
        for (int p = 0; p < n; p++) {
            int from = p * k;
            int to = Math.min(v.length, from + k);
            if (kind == Kind.LAST) {
                out[p] = v[to - 1];
                continue;
            }
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += v[i];
            }
            out[p] = kind == Kind.SUM ? sum : sum / (to - from);
        }
        return out;
    }
}
