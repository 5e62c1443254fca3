package io.ultrafleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Plain-text tables of what a server answers: columns padded to their widest cell. */
final class ClientTables {
    /** The headers of a job table's first columns, and the fields of a job they show. */
    static final List<String> JOB_HEAD = List.of("ID", "NAME", "QUEUE", "STATE", "GPUS");

    private static final List<String> JOB_FIELDS = List.of("id", "name", "queue", "state", "gpus");

    private ClientTables() {}

    static void print(PrintWriter out, List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            width[i] = header.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    b.append("  ");
                }
                String cell = row.get(i);
                b.append(cell);
                if (i < row.size() - 1) {
                    b.append(" ".repeat(width[i] - cell.length()));
                }
            }
            out.println(b);
        }
        out.flush();
    }

    /** The job table's first columns ({@link #JOB_HEAD}) of job {@code j}, then {@code fields} of it, as text. */
    static List<String> jobRow(JsonNode j, String... fields) {
        List<String> row = new ArrayList<>();
        for (String f : JOB_FIELDS) {
            row.add(text(j, f));
        }
        for (String f : fields) {
            row.add(text(j, f));
        }
        return row;
    }

    /** The text of {@code field} of {@code o}, or "-" when absent or null. */
    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? "-" : v.asText();
    }

    static void json(PrintWriter out, JsonNode answer) {
        out.println(answer.toPrettyString());
        out.flush();
    }
}
