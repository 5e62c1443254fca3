package io.ultrafleet.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ultrafleet.twin.output.JsonText;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A one-parameter sweep: the same scenario run once per value of one field, written as {@code sweep.json} (each
 * headline figure per value) and as a report page that plots each figure against the value.
 */
final class SweepReport {
    static final String FILE = "sweep.json";
    static final String SCHEMA = "ultrafleet.sweep/v1";

    private SweepReport() {}

    static String json(String path, List<String> values, List<RunDirectory> runs) {
        return JsonText.write(g -> body(g, path, values, runs));
    }

    private static void body(JsonGenerator g, String path, List<String> values, List<RunDirectory> runs)
            throws IOException {
        List<Map<String, Object>> summaries =
                runs.stream().map(RunDirectory::summary).toList();
        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeStringField("scenario", String.valueOf(summaries.get(0).get("scenario")));
        g.writeFieldName("seed");
        JsonTree.write(g, summaries.get(0).get("seed"));
        g.writeStringField("path", path);
        g.writeArrayFieldStart("values");
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("runs");
        for (RunDirectory r : runs) {
            g.writeString(r.label());
        }
        g.writeEndArray();
        PageData.figures(g, summaries);
        g.writeEndObject();
    }

    static String html(List<RunDirectory> runs, String sweepJson) {
        Object sweep = JsonTree.parse(FILE, sweepJson);
        String data = PageData.experiment("sweep", sweep, runs);
        String path = String.valueOf(JsonTree.at(sweep, "path").orElse("?"));
        return HtmlPage.render(
                "Ultrafleet sweep: " + runs.get(0).summary().get("scenario") + ", " + path,
                List.of("compare.js", "experiments.js"),
                data);
    }
}
