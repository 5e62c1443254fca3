package io.ultrafleet.cli;

/** The exit statuses of the {@code ultrafleet} command, as the README lists them. */
final class ExitStatus {
    /** The command did what was asked. */
    static final int OK = 0;

    /** A run that really failed: a bug, a run out of memory, a file that could not be written. */
    static final int FAILED = 1;

    /** Bad input: a flag, a scenario, a trace or a run directory that cannot be used. Nothing was written. */
    static final int BAD_INPUT = 2;

    /** Stopped by Ctrl-C (SIGINT), 128 + 2; what was half-written is removed. */
    static final int INTERRUPTED = 130;

    /** Stopped by SIGTERM, 128 + 15; what was half-written is removed. */
    static final int TERMINATED = 143;

    private ExitStatus() {}
}
