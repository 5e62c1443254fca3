package io.ultrafleet.spec;

/**
 * The optimum checkpoint intervals a job can ask for by name ({@code young}, {@code daly}), from its MTBF {@code M}
 * and its checkpoint stall {@code C}. Young (1974), "A first order approximation to the optimum checkpoint
 * interval", CACM 17(9): {@code tau = sqrt(2 C M)}. Daly (2006), "A higher order estimate of the optimum checkpoint
 * interval for restart dumps", Future Generation Computer Systems 22(3): for {@code C < 2M}, {@code tau = sqrt(2 C M)
 * [1 + (1/3) sqrt(C/(2M)) + (1/9) (C/(2M))] - C}, else {@code tau = M}. Methods named {@code ...Hours} take and
 * return hours; those named {@code ...Millis} milliseconds.
 */
public final class CheckpointIntervals {
    private CheckpointIntervals() {}

    /** Young's interval {@code sqrt(2 C M)} in hours, from the checkpoint cost and the MTBF in hours. */
    public static double youngHours(double checkpointHours, double mtbfHours) {
        requirePositive("checkpoint cost", checkpointHours);
        requirePositive("MTBF", mtbfHours);
        return Math.sqrt(2 * checkpointHours * mtbfHours);
    }

    /** Young's interval in milliseconds, rounded to the nearest, at least 1. */
    public static long youngMillis(long checkpointMillis, long mtbfMillis) {
        return Math.max(1, Math.round(youngHours(checkpointMillis, mtbfMillis)));
    }

    /** Daly's higher-order interval in hours; {@code M} when {@code C >= 2M}. */
    public static double dalyHours(double checkpointHours, double mtbfHours) {
        requirePositive("checkpoint cost", checkpointHours);
        requirePositive("MTBF", mtbfHours);
        if (checkpointHours >= 2 * mtbfHours) {
            return mtbfHours;
        }
        double a = checkpointHours / (2 * mtbfHours);
        return Math.sqrt(2 * checkpointHours * mtbfHours) * (1 + Math.sqrt(a) / 3 + a / 9) - checkpointHours;
    }

    /** Daly's interval in milliseconds, rounded to the nearest, at least 1. */
    public static long dalyMillis(long checkpointMillis, long mtbfMillis) {
        return Math.max(1, Math.round(dalyHours(checkpointMillis, mtbfMillis)));
    }

    private static void requirePositive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be finite and > 0, found " + v);
        }
    }
}
