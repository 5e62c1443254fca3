package io.ultrafleet.twin.replay.philly;

import io.ultrafleet.workload.WaitReason;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The replay's result as the table {@code ultrafleet replay philly} prints. */
public final class PhillyText {
    private PhillyText() {}

    /** The table of VCs and all jobs, the jobs that never started, and the active servers. */
    public static void print(PhillyResult r, List<DailyAgreement.Day> agreement, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "%-10s %6s %8s %9s %9s %9s %9s %9s %9s %9s %6s%n",
                "VC",
                "share",
                "jobs",
                "completed",
                "wait p50",
                "p90",
                "p99",
                "JCT p50",
                "p90",
                "mean",
                "util");
        for (VcTally t : r.vcs()) {
            row(out, t, r.windowMs(), t.hasShare() ? Long.toString(t.shareGpus()) : "none");
        }
        row(out, r.all(), r.windowMs(), Long.toString(r.gpus()));
        out.println("share: GPUs of the VC's share (none: a VC without a share in the VC list, run on capacity no VC"
                + " holds);");
        out.println("wait: queueing delay; JCT: submission to end; util: GPU time used / GPU time of the share"
                + " (trace jobs and their unseen work)");
        for (Map.Entry<WaitReason, Long> e : r.all().neverStarted().entrySet()) {
            out.printf(
                    Locale.ROOT,
                    "never started: %,d jobs, %s%n",
                    e.getValue(),
                    e.getKey().description());
        }
        ActiveSeries a = r.active();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int d = 0; d < a.days(); d++) {
            min = Math.min(min, a.dailyMean(d));
            max = Math.max(max, a.dailyMean(d));
        }
        out.printf(
                Locale.ROOT,
                "active servers: mean %.1f of %d, daily means %.1f to %.1f; largest gang started: %d GPUs%n",
                a.mean(),
                r.servers(),
                min,
                max,
                r.largestStartedGang());
        if (agreement != null) {
            out.printf(
                    Locale.ROOT,
                    "against the real series: daily-mean error %.1f %% over %d days%n",
                    100 * DailyAgreement.mape(agreement),
                    agreement.size());
        }
    }

    private static void row(PrintWriter out, VcTally t, long windowMs, String share) {
        out.printf(
                Locale.ROOT,
                "%-10s %6s %,8d %,9d %9s %9s %9s %9s %9s %9s %5.1f%%%n",
                t.name(),
                share,
                t.jobs(),
                t.completed(),
                duration(t.waitS().quantile(0.5)),
                duration(t.waitS().quantile(0.9)),
                duration(t.waitS().quantile(0.99)),
                duration(t.jctS().quantile(0.5)),
                duration(t.jctS().quantile(0.9)),
                duration(Math.round(t.jctS().mean())),
                100 * t.utilisation(windowMs));
    }

    /** Seconds as s, min, h or d, whichever reads best. */
    static String duration(long s) {
        if (s < 120) {
            return s + " s";
        }
        if (s < 7_200) {
            return String.format(Locale.ROOT, "%.1f min", s / 60.0);
        }
        if (s < 172_800) {
            return String.format(Locale.ROOT, "%.1f h", s / 3_600.0);
        }
        return String.format(Locale.ROOT, "%.1f d", s / 86_400.0);
    }
}
