package io.ultrafleet.twin.reliability;

import io.ultrafleet.spec.CheckpointIntervals;

/**
 * Checkpoint intervals and the effective training time ratio (ETTR) of one synchronous training job. Pure functions.
 *
 * <p>Units: methods named {@code ...Hours} take and return hours as {@code double}; methods named {@code ...Millis}
 * take and return milliseconds as {@code long}. Symbols: {@code M} the job's mean time between interruptions (MTBF),
 * {@code tau} the checkpoint interval (work between two checkpoints), {@code C} the checkpoint stall (the time the
 * job stops computing to write a checkpoint), {@code R} the restart overhead (from a failure until the job computes
 * again: detection, rescheduling, loading the checkpoint).
 *
 * <p><b>ETTR</b> is productive training time divided by wall-clock time, as defined by Kokolis et al., "Revisiting
 * Reliability in Large-Scale Machine Learning Research Clusters" (arXiv 2410.21680, HPCA 2025; fleet-facts sections
 * 3.2-3.3). Checkpoint stalls, restarts and recomputed work are all unproductive.
 *
 * <p><b>First-order ETTR, derivation.</b> Failures arrive at rate {@code 1/M} per hour of wall time, whatever the
 * job is doing. Each costs the restart {@code R} plus the work done since the last checkpoint, on average half an
 * interval, {@code tau/2} (first order: the failure falls uniformly in the interval). Over a wall time {@code T} the
 * expected loss is therefore {@code (T/M)(R + tau/2)}, and the rest of the time, {@code T (1 - (R + tau/2)/M)}, is
 * spent computing and checkpointing in the ratio {@code tau : C}. The useful part is {@code W = T (1 - (R +
 * tau/2)/M) tau / (tau + C)}, so
 *
 * <pre>ETTR = W / T = (1 - (R + tau/2) / M) / (1 + C / tau).</pre>
 *
 * To first order in {@code C/tau} and {@code (R + tau)/M} this equals {@code 1 / (1 + C/tau + (R + tau/2)/M)} and
 * the form {@code 1 - C/tau - (R + tau/2)/M} quoted in fleet-facts section 3.3; the product form above is the one
 * used here because it stays closer to the exact result (it drops no cross term of the loss and stall). It is valid
 * ({@link #firstOrderValid}) when {@code R + tau + C <= 0.1 M} and {@code C <= 0.25 tau}: there it is within 0.0063
 * of the exact expectation below (a numeric scan over {@code M} from 0.2 h to 500 h).
 *
 * <p><b>Exact ETTR of the exponential model</b> (Daly 2006, equation for the expected wall time with failures during
 * restart): with exponential failures that may strike during work, checkpoint stalls and restarts alike, a segment
 * of {@code tau + C} that must run failure-free after each restart {@code R} (itself retried until it runs
 * failure-free) takes in expectation {@code M e^(R/M) (e^((tau + C)/M) - 1)}, so {@code ETTR = tau / (M e^(R/M)
 * (e^((tau+C)/M) - 1))}. This is the model {@link SingleJobSimulator} simulates.
 *
 * <p><b>Intervals.</b> Young (1974), "A first order approximation to the optimum checkpoint interval", CACM 17(9):
 * {@code tau = sqrt(2 C M)}, which minimises {@code C/tau + tau/(2M)}. Daly (2006), "A higher order estimate of the
 * optimum checkpoint interval for restart dumps", Future Generation Computer Systems 22(3): for {@code C < 2M},
 * {@code tau = sqrt(2 C M) [1 + (1/3) sqrt(C/(2M)) + (1/9) (C/(2M))] - C}, else {@code tau = M}; it approximates the
 * optimum of the exact expression above, which does not depend on {@code R}.
 */
public final class RecoveryMath {
    private RecoveryMath() {}

    /** Young's interval {@code sqrt(2 C M)} in hours ({@link CheckpointIntervals#youngHours}). */
    public static double youngIntervalHours(double checkpointHours, double mtbfHours) {
        return CheckpointIntervals.youngHours(checkpointHours, mtbfHours);
    }

    /** Young's interval in milliseconds, rounded to the nearest, at least 1. */
    public static long youngIntervalMillis(long checkpointMillis, long mtbfMillis) {
        return CheckpointIntervals.youngMillis(checkpointMillis, mtbfMillis);
    }

    /** Daly's higher-order interval in hours ({@link CheckpointIntervals#dalyHours}). */
    public static double dalyIntervalHours(double checkpointHours, double mtbfHours) {
        return CheckpointIntervals.dalyHours(checkpointHours, mtbfHours);
    }

    /** Daly's interval in milliseconds, rounded to the nearest, at least 1. */
    public static long dalyIntervalMillis(long checkpointMillis, long mtbfMillis) {
        return CheckpointIntervals.dalyMillis(checkpointMillis, mtbfMillis);
    }

    /**
     * The first-order ETTR {@code (1 - (R + tau/2)/M) / (1 + C/tau)}, all arguments in hours, clamped at 0 (where it
     * would be negative the model is far outside its validity).
     */
    public static double ettrFirstOrder(
            double mtbfHours, double intervalHours, double checkpointHours, double restartHours) {
        check(mtbfHours, intervalHours, checkpointHours, restartHours);
        double e = (1 - expectedLossPerFailureHours(intervalHours, restartHours) / mtbfHours)
                / (1 + checkpointHours / intervalHours);
        return Math.max(0, e);
    }

    /** {@code 1 - ettrFirstOrder}: the expected fraction of wall time that is not productive training. */
    public static double expectedLostFraction(
            double mtbfHours, double intervalHours, double checkpointHours, double restartHours) {
        return 1 - ettrFirstOrder(mtbfHours, intervalHours, checkpointHours, restartHours);
    }

    /** Expected loss per failure to first order, {@code R + tau/2}, in hours. */
    public static double expectedLossPerFailureHours(double intervalHours, double restartHours) {
        return restartHours + intervalHours / 2;
    }

    /** The exact ETTR of the exponential model, {@code tau / (M e^(R/M) (e^((tau+C)/M) - 1))}, arguments in hours. */
    public static double ettrExact(
            double mtbfHours, double intervalHours, double checkpointHours, double restartHours) {
        check(mtbfHours, intervalHours, checkpointHours, restartHours);
        double m = mtbfHours;
        return intervalHours / (m * Math.exp(restartHours / m) * Math.expm1((intervalHours + checkpointHours) / m));
    }

    /**
     * Whether the first-order ETTR is valid here: {@code R + tau + C <= 0.1 M} and {@code C <= 0.25 tau}. Inside this
     * region it is within 0.0063 of {@link #ettrExact}.
     */
    public static boolean firstOrderValid(
            double mtbfHours, double intervalHours, double checkpointHours, double restartHours) {
        check(mtbfHours, intervalHours, checkpointHours, restartHours);
        return restartHours + intervalHours + checkpointHours <= 0.1 * mtbfHours
                && checkpointHours <= 0.25 * intervalHours;
    }

    private static void check(double m, double tau, double c, double r) {
        requirePositive("MTBF", m);
        requirePositive("checkpoint interval", tau);
        requireNonNegative("checkpoint cost", c);
        requireNonNegative("restart overhead", r);
    }

    private static void requirePositive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be finite and > 0, found " + v);
        }
    }

    private static void requireNonNegative(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be finite and >= 0, found " + v);
        }
    }
}
