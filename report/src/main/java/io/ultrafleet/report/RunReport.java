package io.ultrafleet.report;

import java.util.List;

/** The report of one run: headline figures, charts, the summary table and the scenario's key inputs. */
final class RunReport {
    private RunReport() {}

    static String html(RunDirectory run) {
        String data = PageData.json(g -> {
            g.writeStartObject();
            g.writeStringField("kind", "run");
            g.writeArrayFieldStart("runs");
            PageData.run(g, run, PageData.RUN_POINTS);
            g.writeEndArray();
            PageData.figures(g, List.of(run.summary()));
            g.writeEndObject();
        });
        return HtmlPage.render(title(run), List.of("summary.js", "run.js"), data);
    }

    private static String title(RunDirectory run) {
        return "Ultrafleet run: " + run.summary().get("scenario") + ", seed "
                + run.summary().get("seed");
    }
}
