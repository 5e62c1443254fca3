package io.ultrafleet.twin.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Holds {@link SingleJobSimulator} against {@link RecoveryMath} over a grid of job sizes (1,024, 16,384 and 100,000
 * GPUs at the Llama 3 hazard: MTBF 49.5 h, 3.09 h and 0.51 h), checkpoint intervals (Young, Daly, half and twice
 * Young, fixed 1, 5 and 30 min), restart costs (20 s and 10 min) and a 10 s checkpoint stall. Each point is the mean
 * over {@value #SEEDS} seeds of runs long enough for about {@value #FAILURES_PER_RUN} interruptions each.
 */
class RecoverySimulationTest {
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final double MS_PER_HOUR = 3_600_000.0;
    private static final int SEEDS = 40;
    private static final int FAILURES_PER_RUN = 1000;
    private static final long[] GPUS = {1024, 16_384, 100_000};
    private static final long[] RESTARTS = {20 * SECOND, 10 * MINUTE};
    private static final long STALL = 10 * SECOND;

    private record Point(long gpus, String interval, long tau, long restart, double sim, double se) {}

    @Test
    void simulatedEttrMatchesTheExactModelEverywhereAndTheFirstOrderModelWhereValid() {
        List<Point> points = grid();
        int valid = 0;
        double worstFirst = 0;
        double worstExact = 0;
        StringBuilder table = new StringBuilder();
        for (Point p : points) {
            double m = HazardModel.llama3().jobMtbfHours(p.gpus());
            double tau = p.tau() / MS_PER_HOUR;
            double c = STALL / MS_PER_HOUR;
            double r = p.restart() / MS_PER_HOUR;
            double exact = RecoveryMath.ettrExact(m, tau, c, r);
            double first = RecoveryMath.ettrFirstOrder(m, tau, c, r);
            boolean ok = RecoveryMath.firstOrderValid(m, tau, c, r);
            table.append(String.format(
                    Locale.ROOT,
                    "%7d GPUs  R %4d s  %-6s tau %6.2f min  sim %.4f (se %.4f)  exact %.4f  first %.4f  %s%n",
                    p.gpus(),
                    p.restart() / SECOND,
                    p.interval(),
                    p.tau() / (double) MINUTE,
                    p.sim(),
                    p.se(),
                    exact,
                    first,
                    ok ? "valid" : "outside"));
            assertThat(p.se()).as("standard error at %s", p).isLessThan(0.0025);
            assertThat(Math.abs(p.sim() - exact))
                    .as("simulated vs exact ETTR at %s", p)
                    .isLessThanOrEqualTo(4 * p.se() + 1e-4);
            worstExact = Math.max(worstExact, Math.abs(p.sim() - exact));
            if (ok) {
                valid++;
                assertThat(Math.abs(p.sim() - first))
                        .as("simulated vs first-order ETTR at %s", p)
                        .isLessThanOrEqualTo(0.01);
                worstFirst = Math.max(worstFirst, Math.abs(p.sim() - first));
            }
        }
        System.out.print(table);
        System.out.printf(
                Locale.ROOT,
                "ETTR agreement: %d points, %d where first order is valid; worst |sim - first| %.4f, worst |sim -"
                        + " exact| %.4f%n",
                points.size(),
                valid,
                worstFirst,
                worstExact);
        assertThat(valid).isGreaterThanOrEqualTo(20);
    }

    @Test
    void youngAndDalyLoseLessThanHalfOrTwiceTheInterval() {
        for (long gpus : GPUS) {
            for (long restart : RESTARTS) {
                long m = Math.round(HazardModel.llama3().jobMtbfHours(gpus) * MS_PER_HOUR);
                long young = RecoveryMath.youngIntervalMillis(STALL, m);
                long daly = RecoveryMath.dalyIntervalMillis(STALL, m);
                double atYoung = overheadFraction(gpus, young, restart);
                double atDaly = overheadFraction(gpus, daly, restart);
                for (double f : new double[] {0.5, 2}) {
                    double other = overheadFraction(gpus, Math.round(f * young), restart);
                    assertThat(atYoung)
                            .as("%d GPUs, R %d ms: Young vs %sx", gpus, restart, f)
                            .isLessThan(other);
                    assertThat(atDaly)
                            .as("%d GPUs, R %d ms: Daly vs %sx", gpus, restart, f)
                            .isLessThan(other);
                }
            }
        }
    }

    @Test
    void aRunIsDeterministicAndAccountsForEveryMillisecond() {
        SingleJobSimulator.Config cfg = new SingleJobSimulator.Config(
                16_384, HazardModel.llama3(), 100 * 3_600_000L, 8 * MINUTE, STALL, MINUTE);
        SingleJobSimulator.Result a = SingleJobSimulator.run(cfg, 5);
        SingleJobSimulator.Result b = SingleJobSimulator.run(cfg, 5);
        assertThat(a).isEqualTo(b);
        assertThat(a.usefulMillis()).isEqualTo(100 * 3_600_000L);
        assertThat(a.checkpoints()).isEqualTo(100 * 60 / 8);
        assertThat(a.checkpointMillis()).isEqualTo(a.checkpoints() * STALL);
        assertThat(a.lostMillis()).isPositive();
        assertThat(a.wallMillis()).isEqualTo(a.usefulMillis() + a.checkpointMillis() + a.lostMillis());
        assertThat(a.interruptions()).isBetween(15L, 60L); // about 100 h / 3.09 h
        assertThat(SingleJobSimulator.run(cfg, 6)).isNotEqualTo(a);
    }

    @Test
    void withoutFailuresTheJobOnlyPaysItsCheckpoints() {
        SingleJobSimulator.Config cfg = new SingleJobSimulator.Config(
                1, HazardModel.constant(1e-12), 10 * 3_600_000L + 7 * MINUTE, 30 * MINUTE, STALL, MINUTE);
        SingleJobSimulator.Result r = SingleJobSimulator.run(cfg, 1);
        assertThat(r.interruptions()).isZero();
        assertThat(r.checkpoints()).isEqualTo(20);
        assertThat(r.wallMillis()).isEqualTo(10 * 3_600_000L + 7 * MINUTE + 20 * STALL);
    }

    @Test
    void rejectsAnAgeDependentHazard() {
        assertThatThrownBy(() -> new SingleJobSimulator.Config(
                        8, HazardModel.llama3().withWeibullAge(0.5, 100), MINUTE, MINUTE, 0, 0))
                .hasMessageContaining("constant hazard");
    }

    private static List<Point> grid() {
        List<Point> out = new ArrayList<>();
        for (long gpus : GPUS) {
            long m = Math.round(HazardModel.llama3().jobMtbfHours(gpus) * MS_PER_HOUR);
            long young = RecoveryMath.youngIntervalMillis(STALL, m);
            String[] names = {"young", "daly", "0.5x", "2x", "1m", "5m", "30m"};
            long[] taus = {
                young, RecoveryMath.dalyIntervalMillis(STALL, m), young / 2, 2 * young, MINUTE, 5 * MINUTE, 30 * MINUTE
            };
            for (long restart : RESTARTS) {
                for (int i = 0; i < taus.length; i++) {
                    double[] ms = ettrMoments(gpus, taus[i], restart);
                    out.add(new Point(gpus, names[i], taus[i], restart, ms[0], ms[1]));
                }
            }
        }
        return out;
    }

    /** Mean ETTR over the seeds and its standard error. */
    private static double[] ettrMoments(long gpus, long tau, long restart) {
        double sum = 0;
        double sumSq = 0;
        for (int s = 0; s < SEEDS; s++) {
            double e =
                    SingleJobSimulator.run(config(gpus, tau, restart), 100 + s).ettr();
            sum += e;
            sumSq += e * e;
        }
        double mean = sum / SEEDS;
        double var = (sumSq - SEEDS * mean * mean) / (SEEDS - 1);
        return new double[] {mean, Math.sqrt(Math.max(0, var) / SEEDS)};
    }

    /** Unproductive share of wall time (1 - ETTR) over all seeds' runs together, seeds shared across intervals. */
    private static double overheadFraction(long gpus, long tau, long restart) {
        long wall = 0;
        long overhead = 0;
        for (int s = 0; s < SEEDS; s++) {
            SingleJobSimulator.Result r = SingleJobSimulator.run(config(gpus, tau, restart), 500 + s);
            wall += r.wallMillis();
            overhead += r.overheadMillis();
        }
        return overhead / (double) wall;
    }

    /** A job whose work is about {@value #FAILURES_PER_RUN} MTBFs, so a run sees about that many interruptions. */
    private static SingleJobSimulator.Config config(long gpus, long tau, long restart) {
        double m = HazardModel.llama3().jobMtbfHours(gpus);
        long work = Math.round(FAILURES_PER_RUN * m * MS_PER_HOUR);
        return new SingleJobSimulator.Config(gpus, HazardModel.llama3(), work, tau, STALL, restart);
    }
}
