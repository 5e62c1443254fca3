package io.ultrafleet.twin.replay.philly;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ultrafleet.twin.metrics.LongSamples;
import io.ultrafleet.twin.output.JsonText;
import io.ultrafleet.workload.WaitReason;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * A Philly replay's result as JSON: the policy and fleet, a row per VC and one for all jobs (jobs, completions, jobs
 * that never started by reason, queueing delay and completion time in seconds, GPU-hours and utilisation of the
 * share), the daily means of active servers, and, when a real series was given, the agreement with it. Fixed key
 * order, no wall times: the same replay gives the same bytes.
 */
public final class PhillyJson {
    private PhillyJson() {}

    public static String toJson(PhillyResult r, List<DailyAgreement.Day> agreement) {
        return JsonText.write(g -> {
            g.writeStartObject();
            g.writeStringField("policy", r.policy());
            g.writeNumberField("servers", r.servers());
            g.writeNumberField("gpus", r.gpus());
            g.writeStringField("window_start", PhillyTrace.format(r.active().startMs()));
            g.writeStringField("window_end", PhillyTrace.format(r.active().endMs()));
            g.writeObjectFieldStart("unseen_work");
            g.writeFieldName("multiple");
            g.writeNumber(round(r.unseenWork(), 2));
            g.writeNumberField("jobs", r.unseenJobs());
            g.writeEndObject();
            g.writeNumberField("largest_started_gpus", r.largestStartedGang());
            g.writeFieldName("all");
            row(g, r.all(), r.windowMs());
            g.writeArrayFieldStart("vcs");
            for (VcTally t : r.vcs()) {
                row(g, t, r.windowMs());
            }
            g.writeEndArray();
            g.writeObjectFieldStart("active_servers");
            g.writeFieldName("mean");
            g.writeNumber(round(r.active().mean(), 1));
            g.writeArrayFieldStart("daily_mean");
            for (int d = 0; d < r.active().days(); d++) {
                g.writeStartObject();
                g.writeStringField(
                        "day", PhillyTrace.format(dayStart(r.active(), d)).substring(0, 10));
                g.writeFieldName("mean");
                g.writeNumber(round(r.active().dailyMean(d), 1));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            if (agreement != null) {
                agreement(g, agreement);
            }
            g.writeEndObject();
        });
    }

    static long dayStart(ActiveSeries a, int d) {
        return a.startMs() + (long) d * ActiveSeries.MINUTES_PER_DAY * ActiveSeries.MINUTE_MS;
    }

    private static void row(JsonGenerator g, VcTally t, long windowMs) throws IOException {
        g.writeStartObject();
        g.writeStringField("vc", t.name());
        g.writeBooleanField("has_share", t.hasShare());
        g.writeNumberField("share_gpus", t.shareGpus());
        g.writeNumberField("jobs", t.jobs());
        g.writeNumberField("started", t.started());
        g.writeNumberField("completed", t.completed());
        g.writeObjectFieldStart("never_started");
        for (Map.Entry<WaitReason, Long> e : t.neverStarted().entrySet()) {
            g.writeNumberField(e.getKey().key(), e.getValue());
        }
        g.writeEndObject();
        samples(g, "wait_s", t.waitS());
        samples(g, "jct_s", t.jctS());
        g.writeFieldName("gpu_hours");
        g.writeNumber(round(t.gpuMs() / 3_600_000.0, 1));
        g.writeFieldName("utilisation");
        g.writeNumber(round(t.utilisation(windowMs), 4));
        g.writeEndObject();
    }

    private static void samples(JsonGenerator g, String name, LongSamples s) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("p50", s.quantile(0.5));
        g.writeNumberField("p90", s.quantile(0.9));
        g.writeNumberField("p99", s.quantile(0.99));
        g.writeFieldName("mean");
        g.writeNumber(round(s.mean(), 1));
        g.writeEndObject();
    }

    private static void agreement(JsonGenerator g, List<DailyAgreement.Day> days) throws IOException {
        g.writeObjectFieldStart("agreement");
        g.writeNumberField("days", days.size());
        double mape = DailyAgreement.mape(days);
        if (Double.isNaN(mape)) {
            g.writeNullField("daily_mean_mape_pct");
        } else {
            g.writeFieldName("daily_mean_mape_pct");
            g.writeNumber(round(100 * mape, 2));
        }
        g.writeArrayFieldStart("per_day");
        for (DailyAgreement.Day d : days) {
            g.writeStartObject();
            g.writeStringField("day", PhillyTrace.format(d.startMs()).substring(0, 10));
            g.writeFieldName("replay");
            g.writeNumber(round(d.replay(), 1));
            g.writeFieldName("real");
            g.writeNumber(round(d.real(), 1));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static BigDecimal round(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_EVEN);
    }
}
