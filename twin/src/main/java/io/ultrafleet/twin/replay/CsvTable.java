package io.ultrafleet.twin.replay;

import io.ultrafleet.spec.ShortList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A small CSV reader with located errors: a header row names the columns, rows are read one by one and fields are
 * taken by column name, each parse error naming file, line and column. Fields may be quoted with {@code "}; a
 * quoted field may hold commas and doubled quotes, not line breaks. Blank lines are skipped.
 */
final class CsvTable {
    private final String file;
    private final List<String> header;

    private CsvTable(String file, List<String> header) {
        this.file = file;
        this.header = header;
    }

    /** The longest line of a CSV trace. */
    static final int MAX_LINE = 64 << 10;

    /**
     * Reads {@code path}, checks that the header has every {@code required} column, and passes each row on; at most
     * {@code maxRows} rows.
     */
    static void read(Path path, List<String> required, long maxRows, Consumer<Row> rows) {
        String file = path.toString();
        CsvTable[] table = new CsvTable[1];
        TraceLines.forEach(path, MAX_LINE, maxRows + 1, OpenbTraceException::new, (line, number) -> {
            if (number == 1) {
                table[0] = new CsvTable(file, header(line, file, required));
                return;
            }
            if (line.isBlank()) {
                return;
            }
            String[] fields = split(line, file, number);
            if (fields.length != table[0].header.size()) {
                throw new OpenbTraceException(
                        file,
                        number,
                        "",
                        "found " + fields.length + " fields, allowed " + table[0].header.size()
                                + " (one per header column)");
            }
            rows.accept(table[0].new Row(number, fields));
        });
        if (table[0] == null) {
            throw new OpenbTraceException(
                    file, 0, "", "empty file, expected a header with columns " + String.join(",", required));
        }
    }

    private static List<String> header(String first, String file, List<String> required) {
        List<String> header = Arrays.asList(split(first, file, 1));
        for (int i = 0; i < header.size(); i++) {
            header.set(i, header.get(i).trim());
        }
        for (String col : required) {
            if (!header.contains(col)) {
                throw new OpenbTraceException(
                        file, 1, col, "missing column; the header has: " + ShortList.join(header, ","));
            }
        }
        return header;
    }

    private static String[] split(String line, String file, int number) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && cur.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new OpenbTraceException(file, number, "", "a quoted field is not closed");
        }
        out.add(cur.toString());
        return out.toArray(new String[0]);
    }

    /** One data row. */
    final class Row {
        private final int line;
        private final String[] fields;

        private Row(int line, String[] fields) {
            this.line = line;
            this.fields = fields;
        }

        int line() {
            return line;
        }

        boolean has(String column) {
            return header.contains(column);
        }

        /** The field as written, trimmed; empty if the column is absent. */
        String text(String column) {
            int i = header.indexOf(column);
            return i < 0 ? "" : fields[i].trim();
        }

        /** A non-empty text field. */
        String required(String column) {
            String s = text(column);
            if (s.isEmpty()) {
                throw error(column, "found nothing, allowed a non-empty value");
            }
            return s;
        }

        /** An integer field within {@code [min, max]}. */
        long integer(String column, long min, long max) {
            String s = text(column);
            long v;
            try {
                v = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw error(column, "found " + shown(s) + ", allowed " + range(min, max));
            }
            if (v < min || v > max) {
                throw error(column, "found " + v + ", allowed " + range(min, max));
            }
            return v;
        }

        OpenbTraceException error(String column, String detail) {
            return new OpenbTraceException(file, line, column, detail);
        }
    }

    /** A field's text as a message shows it: in quotes, cut to 40 characters. */
    static String shown(String text) {
        return "'" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "'";
    }

    private static String range(long min, long max) {
        return max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                ? "an integer >= " + min
                : "an integer " + min + ".." + max;
    }
}
