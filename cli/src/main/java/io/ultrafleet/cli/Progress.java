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
 * A one-line progress bar on stderr, shown only when stderr is a terminal: the simulated date, a bar, and the
 * events per second of wall time. The wall clock is read here, in the command line, never in the twin.
 */
final class Progress implements Simulation.ProgressListener {
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final long startMs;
    private final long endMs;
    private final boolean enabled;
    private final long t0 = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private Progress(PrintStream err, long startMs, long endMs, boolean enabled) {
        this.err = err;
        this.startMs = startMs;
        this.endMs = endMs;
        this.enabled = enabled;
    }

    static Progress forStderr(long startMs, long endMs) {
        return new Progress(System.err, startMs, endMs, stderrIsTerminal());
    }

    private static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    @Override
    public void progress(long now, long events) {
        if (!enabled) {
            return;
        }
        long wall = System.nanoTime();
        if (wall - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = wall;
        double frac = Math.min(1.0, now / (double) Math.max(1, endMs - startMs));
        int filled = (int) Math.round(frac * WIDTH);
        LocalDate date =
                Instant.ofEpochMilli(startMs + now).atZone(ZoneOffset.UTC).toLocalDate();
        double rate = events / Math.max(1e-9, (wall - t0) / 1e9);
        err.printf(
                "\r%s [%s%s] %3.0f%%  %,.0f events/s ",
                date, "#".repeat(filled), " ".repeat(WIDTH - filled), frac * 100, rate);
        err.flush();
        drawn = true;
    }

    void done() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
            err.flush();
        }
    }
}
