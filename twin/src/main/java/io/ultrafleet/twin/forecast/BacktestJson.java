package io.ultrafleet.twin.forecast;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ultrafleet.twin.output.JsonText;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * A back-test as JSON: what was tested, how many jobs were forecast, the errors of Ultrafleet's forecast and of the
 * Slurm-style estimate, and a row per job. Fixed key order and no wall times: the same back-test gives the same bytes.
 */
public final class BacktestJson {
    private BacktestJson() {}

    public static String toJson(BacktestResult r) {
        BacktestSettings s = r.settings();
        return JsonText.write(g -> {
            g.writeStartObject();
            g.writeStringField("scenario", r.scenario());
            g.writeNumberField("seed", r.seed());
            g.writeStringField("at", Instant.ofEpochMilli(s.atMs()).toString());
            g.writeNumberField("days", s.days());
            g.writeNumberField("replications", s.forecast().replications());
            g.writeNumberField("horizon_days", s.forecast().horizonMs() / ForecastSettings.DAY_MS);
            g.writeNumberField("history_days", s.forecast().windowMs() / ForecastSettings.DAY_MS);
            g.writeNumberField("waited", r.waited());
            g.writeNumberField("jobs", r.jobs());
            double[] u = r.ultrafleetErrors();
            g.writeObjectFieldStart("ultrafleet");
            hours(g, "median_abs_error_h", u[0]);
            hours(g, "p90_abs_error_h", u[1]);
            g.writeFieldName("p10_p90_coverage");
            g.writeNumber(round(r.coverage(), 3));
            g.writeEndObject();
            double[] slurm = r.slurmStyleErrors();
            g.writeObjectFieldStart("slurm_style");
            hours(g, "median_abs_error_h", slurm[0]);
            hours(g, "p90_abs_error_h", slurm[1]);
            g.writeEndObject();
            g.writeArrayFieldStart("forecasts");
            for (BacktestResult.Row row : r.rows()) {
                row(g, row);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void row(JsonGenerator g, BacktestResult.Row row) throws IOException {
        g.writeStartObject();
        g.writeStringField("job", row.job());
        g.writeStringField("queue", row.queue());
        instant(g, "submitted", row.submitted());
        instant(g, "started", row.started());
        instant(g, "p10", row.p10());
        instant(g, "p50", row.p50());
        instant(g, "p90", row.p90());
        instant(g, "slurm_style", row.slurmStyle());
        hours(g, "abs_error_h", row.errorHours());
        hours(g, "slurm_style_abs_error_h", row.slurmStyleErrorHours());
        g.writeBooleanField("in_p10_p90", row.inBand());
        g.writeEndObject();
    }

    /** An instant, or null for one after the horizon. */
    private static void instant(JsonGenerator g, String name, Instant t) throws IOException {
        if (t == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, t.toString());
        }
    }

    private static void hours(JsonGenerator g, String name, double h) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(round(h, 3));
    }

    private static BigDecimal round(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_EVEN);
    }
}
