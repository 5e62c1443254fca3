package io.ultrafleet.cli;

import io.ultrafleet.twin.metrics.LongSamples;
import io.ultrafleet.twin.metrics.QueueStats;
import io.ultrafleet.twin.run.RunResult;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.stream.Collectors;

/** The readable end-of-run summary. */
final class SummaryTable {
    private static final double MS_PER_HOUR = 3_600_000.0;

    private SummaryTable() {}

    static void print(RunResult r, PrintWriter out) {
        out.printf(
                "Ultrafleet run: %s, seed %d, %s to %s (%d days)%n%n",
                r.scenario(), r.seed(), day(r.startMs()), day(r.endMs()), (r.endMs() - r.startMs()) / 86_400_000L);
        String models = r.modelRacks().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> String.format("%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        row(out, "Fleet at end", String.format("%,d GPUs in %,d racks (%s)", r.fleetGpus(), r.fleetRacks(), models));
        row(out, "CPU pools at end", String.format("%,d vCPUs on %,d hosts", r.fleetVcpus(), r.cpuHosts()));
        row(
                out,
                "Jobs",
                String.format(
                        "%,d submitted, %,d started, %,d completed; at end %,d running, %,d queued",
                        r.jobsSubmitted(), r.jobsStarted(), r.jobsCompleted(), r.jobsRunning(), r.jobsQueued()));
        row(
                out,
                "GPU-hours",
                String.format(
                        "%s online, %s allocated (%.1f %%), %s busy (%.1f %%)",
                        big(r.onlineGpuMs() / MS_PER_HOUR),
                        big(r.allocatedGpuMs() / MS_PER_HOUR),
                        r.gpuAllocationPct(),
                        big(r.busyGpuMs() / MS_PER_HOUR),
                        r.gpuBusyPct()));
        row(
                out,
                "Scheduler",
                String.format(
                        "%,d preemptions (%s GPU-hours of work lost), %,d elastic resizes",
                        r.preemptions(), big(r.preemptionLostGpuMs() / MS_PER_HOUR), r.elasticResizes()));
        if (r.failuresEnabled()) {
            var rel = r.reliability();
            row(
                    out,
                    "Failures",
                    String.format(
                            "%,d faults, %,d job interruptions, training ETTR %.3f, %s GPU-hours of work lost",
                            r.faults(),
                            rel.interruptionsTotal(),
                            rel.ettr(),
                            big(rel.lossesByCause().values().stream()
                                            .mapToLong(l -> l.lostWorkGpuMs())
                                            .sum()
                                    / MS_PER_HOUR)));
        }
        ServingLines.print(r, out);
        CostLines.print(r, out);
        if (!r.waitReasons().isEmpty()) {
            row(
                    out,
                    "Queued at end, why",
                    r.waitReasons().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")));
        }
        out.println();
        out.printf(
                "%-22s %12s %12s %14s %10s %10s%n",
                "Queue", "submitted", "completed", "GPU-h busy", "wait p50", "wait p95");
        for (QueueStats q : r.queues()) {
            LongSamples w = q.waitsMs();
            out.printf(
                    "%-22s %,12d %,12d %14s %10s %10s%n",
                    q.name(),
                    q.submittedCount(),
                    q.completedCount(),
                    big(q.busyGpuMs() / MS_PER_HOUR),
                    hours(w.quantile(0.5)),
                    hours(w.quantile(0.95)));
        }
    }

    static void row(PrintWriter out, String label, String value) {
        out.printf("%-20s %s%n", label, value);
    }

    private static String day(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString().substring(0, 10);
    }

    /** 1234 -> "1,234"; 12.3 M; 4.56 B; 7.89 T (and thousands of T beyond). */
    static String big(double v) {
        if (v >= 1e12) {
            return String.format("%,.2f T", v / 1e12);
        }
        if (v >= 1e9) {
            return String.format("%.2f B", v / 1e9);
        }
        if (v >= 1e6) {
            return String.format("%.2f M", v / 1e6);
        }
        return String.format("%,.0f", v);
    }

    static String hours(long ms) {
        double h = ms / MS_PER_HOUR;
        if (h < 1) {
            return String.format("%.0f min", h * 60);
        }
        if (h < 48) {
            return String.format("%.1f h", h);
        }
        return String.format("%.1f d", h / 24);
    }
}
