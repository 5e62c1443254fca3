package io.ultrafleet.cli;

import io.ultrafleet.twin.engine.Simulation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The progress of a run on stderr: on a terminal, a one-line bar (the simulated date, a bar, the events per second of
 * wall time); otherwise, once the run has taken a few seconds, a line for each further tenth of the simulated time.
 * It is also where a run notices Ctrl-C or SIGTERM: each report of progress checks the {@link StopSignal}. The wall
 * clock is read here, in the command line, never in the twin.
 */
final class Progress implements Simulation.ProgressListener {
    private static final int WIDTH = 30;

    /** Without a terminal, nothing is printed before the run has taken this long. */
    static final long QUIET_NS = 3_000_000_000L;

    private final PrintStream err;
    private final long startMs;
    private final long endMs;
    private final boolean terminal;
    private final StopSignal stop;
    private final long t0 = System.nanoTime();
    private long lastDraw;
    private boolean drawn;
    private int tenthsShown;

    private Progress(PrintStream err, long startMs, long endMs, boolean terminal, StopSignal stop) {
        this.err = err;
        this.startMs = startMs;
        this.endMs = endMs;
        this.terminal = terminal;
        this.stop = stop;
    }

    static Progress forStderr(long startMs, long endMs, StopSignal stop) {
        return new Progress(System.err, startMs, endMs, stderrIsTerminal(), stop);
    }

    /** Whether stderr is a terminal, where a bar redrawn in place can be shown. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    @Override
    public void progress(long now, long events) {
        stop.check();
        long wall = System.nanoTime();
        double frac = Math.min(1.0, now / (double) Math.max(1, endMs - startMs));
        if (!terminal) {
            int tenths = (int) (frac * 10);
            if (tenths > tenthsShown && wall - t0 >= QUIET_NS) {
                tenthsShown = tenths;
                err.printf("simulated to %s (%d %%)%n", date(now), tenths * 10);
                err.flush();
            }
            return;
        }
        if (wall - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = wall;
        int filled = (int) Math.round(frac * WIDTH);
        double rate = events / Math.max(1e-9, (wall - t0) / 1e9);
        err.printf(
                "\r%s [%s%s] %3.0f%%  %,.0f events/s ",
                date(now), "#".repeat(filled), " ".repeat(WIDTH - filled), frac * 100, rate);
        err.flush();
        drawn = true;
    }

    private LocalDate date(long now) {
        return Instant.ofEpochMilli(startMs + now).atZone(ZoneOffset.UTC).toLocalDate();
    }

    void done() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
            err.flush();
        }
    }
}
