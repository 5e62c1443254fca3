package io.ultrafleet.cli;

import io.ultrafleet.twin.forecast.Backtest;
import java.io.PrintWriter;

/**
 * How a back-test goes, on stderr: the twin's run as a run's progress ({@link Progress}), and a line for each tenth of
 * the jobs forecast. Every report checks for Ctrl-C.
 */
final class BacktestProgress implements Backtest.Listener {
    private final StopSignal stop;
    private final PrintWriter err;
    private final Progress twin;
    private int tenthsShown;

    /** Progress of a run from {@code startMs} to {@code endMs} (absolute). */
    BacktestProgress(long startMs, long endMs, StopSignal stop, PrintWriter err) {
        this.stop = stop;
        this.err = err;
        this.twin = Progress.forStderr(startMs, endMs, stop);
    }

    @Override
    public void twin(long now, long events) {
        twin.progress(now, events);
    }

    @Override
    public void forecast(int done, int total) {
        stop.check();
        int tenths = done * 10 / total;
        if (tenths > tenthsShown) {
            tenthsShown = tenths;
            twin.done();
            err.printf("forecast %d of %d jobs%n", done, total);
            err.flush();
        }
    }
}
