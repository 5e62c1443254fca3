package io.ultrafleet.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ultrafleet.twin.output.JsonText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replications of one scenario with consecutive seeds: per headline figure the mean and its 95 % confidence
 * interval (Student t with n-1 degrees of freedom), written as {@code replications.json} and as a report page.
 */
final class ReplicationReport {
    static final String FILE = "replications.json";
    static final String SCHEMA = "ultrafleet.replications/v1";

    private ReplicationReport() {}

    /** The statistics of one figure over the replications. */
    record Stats(Figure figure, List<Double> values, double mean, double stdev, double halfWidth) {
        static Stats of(Figure f, List<Double> values) {
            int n = values.size();
            double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            double stdev = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
            double half = n > 1 ? StudentT.quantile(0.975, n - 1) * stdev / Math.sqrt(n) : 0;
            return new Stats(f, values, mean, stdev, half);
        }
    }

    /** Statistics of every headline figure that all runs have. */
    static List<Stats> stats(List<RunDirectory> runs) {
        List<Map<String, Object>> summaries =
                runs.stream().map(RunDirectory::summary).toList();
        List<Stats> out = new ArrayList<>();
        for (Figure f : Figure.main(summaries)) {
            List<Double> values = new ArrayList<>();
            for (Map<String, Object> s : summaries) {
                Optional<Double> v = f.of(s);
                v.ifPresent(values::add);
            }
            if (values.size() == summaries.size()) {
                out.add(Stats.of(f, values));
            }
        }
        return out;
    }

    /** {@code replications.json}: the seeds, the run directories and the statistics of each figure. */
    static String json(List<RunDirectory> runs) {
        List<Stats> stats = stats(runs);
        return JsonText.write(g -> body(g, runs, stats));
    }

    private static void body(JsonGenerator g, List<RunDirectory> runs, List<Stats> stats) throws IOException {
        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeStringField("scenario", String.valueOf(runs.get(0).summary().get("scenario")));
        g.writeNumberField("replications", runs.size());
        g.writeArrayFieldStart("seeds");
        for (RunDirectory r : runs) {
            JsonTree.write(g, r.summary().get("seed"));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("runs");
        for (RunDirectory r : runs) {
            g.writeString(r.label());
        }
        g.writeEndArray();
        g.writeNumberField("confidence", 0.95);
        g.writeArrayFieldStart("figures");
        for (Stats s : stats) {
            g.writeStartObject();
            g.writeStringField("key", s.figure().key());
            g.writeStringField("label", s.figure().label());
            g.writeStringField("unit", s.figure().unit());
            g.writeNumberField("better", s.figure().better());
            g.writeFieldName("mean");
            PageData.number(g, s.mean());
            g.writeFieldName("ci95_low");
            PageData.number(g, s.mean() - s.halfWidth());
            g.writeFieldName("ci95_high");
            PageData.number(g, s.mean() + s.halfWidth());
            g.writeFieldName("half_width");
            PageData.number(g, s.halfWidth());
            g.writeFieldName("stdev");
            PageData.number(g, s.stdev());
            g.writeArrayFieldStart("values");
            for (double v : s.values()) {
                PageData.number(g, v);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The page: the statistics, each figure's spread over the seeds and the runs' time series overlaid. */
    static String html(List<RunDirectory> runs, String replicationsJson) {
        Object stats = JsonTree.parse(FILE, replicationsJson);
        String data = PageData.experiment("replications", stats, runs);
        return HtmlPage.render(
                "Ultrafleet replications: " + runs.get(0).summary().get("scenario") + ", " + runs.size() + " seeds",
                List.of("compare.js", "experiments.js"),
                data);
    }
}
