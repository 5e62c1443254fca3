package io.ultrafleet.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ultrafleet.fleet.HardwareCatalogue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data a report page draws from, written as compact JSON into the page. Numbers of time series are rounded to
 * six significant digits, so the page is small and the same inputs give the same bytes.
 */
final class PageData {
    /** Most points per time-series column in a single-run report. */
    static final int RUN_POINTS = 2500;

    /** Most points per column and run where several runs are overlaid. */
    static final int OVERLAY_POINTS = 1000;

    private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_EVEN);

    /** Writes the body of the page's JSON with the generator it is given. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private PageData() {}

    /** One compact JSON document. */
    static String json(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A run: its label, summary, figures, time series reduced to {@code maxPoints} and key inputs. */
    /**
     * The data of an experiment page (replications or a sweep): {@code kind}, the experiment's own JSON under that
     * name, and the runs' time series for overlays.
     */
    static String experiment(String kind, Object experiment, List<RunDirectory> runs) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("kind", kind);
            g.writeFieldName(kind);
            JsonTree.write(g, experiment);
            g.writeArrayFieldStart("runs");
            for (RunDirectory r : runs) {
                run(g, r, OVERLAY_POINTS);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static void run(JsonGenerator g, RunDirectory r, int maxPoints) throws IOException {
        g.writeStartObject();
        g.writeStringField("label", r.label());
        g.writeFieldName("summary");
        JsonTree.write(g, r.summary());
        g.writeFieldName("series");
        if (r.series() == null || r.series().size() == 0) {
            g.writeNull();
        } else {
            series(g, r.series(), maxPoints);
        }
        g.writeFieldName("inputs");
        if (r.scenario() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeArrayFieldStart("rows");
            for (List<String> row : ScenarioInputs.rows(r.scenario(), HardwareCatalogue.builtIn())) {
                g.writeStartArray();
                for (String cell : row) {
                    g.writeString(cell);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeStringField("description", r.scenario().description());
            g.writeArrayFieldStart("sections");
            for (String s : r.scenarioSections()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeStringField("yaml", r.scenarioYaml());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void series(JsonGenerator g, SeriesTable t, int maxPoints) throws IOException {
        int k = SeriesReduction.stepsPerPoint(t.size(), maxPoints);
        SeriesTable reduced = SeriesReduction.reduce(t, k);
        g.writeStartObject();
        g.writeNumberField("step_ms", t.stepMs());
        g.writeNumberField("point_ms", t.stepMs() * k);
        g.writeArrayFieldStart("time");
        for (int i = 0; i < reduced.size(); i++) {
            g.writeNumber(reduced.time(i));
        }
        g.writeEndArray();
        g.writeObjectFieldStart("columns");
        for (int c = 0; c < reduced.names().size(); c++) {
            g.writeArrayFieldStart(reduced.names().get(c));
            for (double v : reduced.column(c)) {
                number(g, v);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The figures of {@code runs}: per figure its label, unit, direction and one value per run (null if absent). */
    static void figures(JsonGenerator g, List<Map<String, Object>> summaries) throws IOException {
        g.writeArrayFieldStart("figures");
        for (Figure f : Figure.main(summaries)) {
            g.writeStartObject();
            g.writeStringField("key", f.key());
            g.writeStringField("label", f.label());
            g.writeStringField("unit", f.unit());
            g.writeNumberField("better", f.better());
            g.writeArrayFieldStart("values");
            for (Map<String, Object> s : summaries) {
                Optional<Double> v = f.of(s);
                if (v.isPresent()) {
                    number(g, v.get());
                } else {
                    g.writeNull();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A number rounded to six significant digits, or null when it is not finite. */
    static void number(JsonGenerator g, double v) throws IOException {
        if (!Double.isFinite(v)) {
            g.writeNull();
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            g.writeNumber((long) v);
        } else {
            g.writeNumber(new BigDecimal(v).round(SIX).stripTrailingZeros());
        }
    }
}
