package io.ultrafleet.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs side by side: their figures with the change from the first run, and their time series overlaid. */
final class CompareReport {
    private CompareReport() {}

    static String html(List<RunDirectory> runs) {
        List<RunDirectory> labelled = uniqueLabels(runs);
        List<Map<String, Object>> summaries =
                labelled.stream().map(RunDirectory::summary).toList();
        String data = PageData.json(g -> {
            g.writeStartObject();
            g.writeStringField("kind", "compare");
            g.writeArrayFieldStart("runs");
            for (RunDirectory r : labelled) {
                PageData.run(g, r, PageData.OVERLAY_POINTS);
            }
            g.writeEndArray();
            PageData.figures(g, summaries);
            g.writeEndObject();
        });
        List<String> names = labelled.stream().map(RunDirectory::label).toList();
        return HtmlPage.render("Ultrafleet comparison: " + String.join(" vs ", names), List.of("compare.js"), data);
    }

    /** Labels are directory names; where two are alike, the parent directory is put before them. */
    static List<RunDirectory> uniqueLabels(List<RunDirectory> runs) {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (RunDirectory r : runs) {
            if (!seen.add(r.label())) {
                repeated.add(r.label());
            }
        }
        List<RunDirectory> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (RunDirectory r : runs) {
            String label = r.label();
            if (repeated.contains(label)) {
                var parent = r.dir().toAbsolutePath().normalize().getParent();
                label = (parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "/") + label;
            }
            String unique = label;
            for (int i = 2; !used.add(unique); i++) {
                unique = label + " (" + i + ")";
            }
            out.add(r.withLabel(unique));
        }
        return out;
    }
}
