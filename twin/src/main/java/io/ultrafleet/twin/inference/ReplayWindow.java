package io.ultrafleet.twin.inference;

/** The window a replay measures: whole flow steps from the first arrival until the step holding the last arrival. */
final class ReplayWindow {
    private ReplayWindow() {}

    /** Number of steps covering arrivals from 0 to {@code spanMs}. */
    static int steps(long spanMs, long stepMs) {
        return (int) (spanMs / stepMs + 1);
    }

    /** Length of the window, milliseconds. */
    static long lengthMs(long spanMs, long stepMs) {
        return steps(spanMs, stepMs) * stepMs;
    }
}
