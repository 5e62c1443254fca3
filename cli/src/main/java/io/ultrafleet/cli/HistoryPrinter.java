package io.ultrafleet.cli;

import io.ultrafleet.twin.run.JobHistory;
import java.io.PrintWriter;
import java.time.Instant;

/** Prints the decisions about one job, one line each, for {@code simulate --explain}. */
final class HistoryPrinter {
    private HistoryPrinter() {}

    static void print(JobHistory h, PrintWriter out) {
        out.printf("%nDecisions about job %s%n", h.name());
        if (!h.seen()) {
            out.println("  (not submitted before the end of the run)");
            return;
        }
        for (JobHistory.Entry e : h.entries()) {
            out.printf("  %s  %s%n", Instant.ofEpochMilli(e.epochMs()), e.text());
        }
    }
}
