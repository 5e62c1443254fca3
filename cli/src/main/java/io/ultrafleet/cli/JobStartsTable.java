package io.ultrafleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ultrafleet jobs --start}: the jobs with their forecasts, a queued job's start and a running job's end (p50,
 * p90, and for a start the chance of starting within 24 h), and what the forecast was made from.
 */
final class JobStartsTable {
    private JobStartsTable() {}

    /** Prints {@code items} (jobs with their {@code forecast}) and, below, {@code made} (null when none was needed). */
    static void print(PrintWriter out, List<JsonNode> items, JsonNode made) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode j : items) {
            JsonNode f = j.get("forecast");
            JsonNode start = f == null || f.isNull() ? null : f.get("start");
            JsonNode end = f == null || f.isNull() ? null : f.get("end");
            String what = "-";
            String p50 = "-";
            String p90 = "-";
            String withinDay = "-";
            if (start != null && !start.isNull()) {
                what = "start";
                p50 = instant(start, "p50");
                p90 = instant(start, "p90");
                JsonNode d = start.get("withinDay");
                withinDay = d == null || d.isNull() ? "-" : Math.round(d.asDouble() * 100) + " %";
            } else if (end != null && !end.isNull()) {
                what = "end";
                p50 = instant(end, "p50");
                p90 = instant(end, "p90");
            }
            List<String> row = ClientTables.jobRow(j, "waitReason");
            row.addAll(List.of(what, p50, p90, withinDay));
            rows.add(row);
        }
        List<String> header = new ArrayList<>(ClientTables.JOB_HEAD);
        header.addAll(List.of("WAITING", "FORECAST", "P50", "P90", "WITHIN 24 H"));
        ClientTables.print(out, header, rows);
        if (made != null) {
            out.println(ForecastCommand.about(made));
        }
        out.flush();
    }

    /** An instant of the forecast, or "later" when it falls after the forecast's horizon. */
    private static String instant(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? "later" : v.asText();
    }
}
