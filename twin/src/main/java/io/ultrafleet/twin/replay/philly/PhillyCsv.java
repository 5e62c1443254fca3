package io.ultrafleet.twin.replay.philly;

import io.ultrafleet.spec.ShortList;
import io.ultrafleet.twin.replay.TraceLines;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The plain CSV of the Philly lists: a header naming the columns (an unnamed index column, as pandas writes, is
 * allowed), then one record per line, fields separated by commas, no quoting. Columns are looked up by name once;
 * each value is taken by column and checked, and the first bad one stops the read with a {@link
 * PhillyTraceException} naming file, line and column, what was found and what is allowed.
 */
final class PhillyCsv {
    /** Receives the data rows one by one. */
    @FunctionalInterface
    interface RowReader {
        void row(Row row);
    }

    private final String file;
    private final String[] header;

    private PhillyCsv(String file, String[] header) {
        this.file = file;
        this.header = header;
    }

    /** The longest line of a Philly list. */
    static final int MAX_LINE = 64 << 10;

    /** The most lines of a Philly list (the job list's own limit is lower). */
    static final long MAX_LINES = 100_000_000L;

    /** The longest number a field may hold, in characters. */
    private static final int MAX_NUMBER_CHARS = 40;

    /** Reads {@code path}, checks that its header has the {@code needed} columns, and hands on each row. */
    static void read(Path path, List<String> needed, RowReader reader) {
        String file = path.toString();
        PhillyCsv[] csv = new PhillyCsv[1];
        int[] columns = new int[needed.size()];
        TraceLines.forEach(path, MAX_LINE, MAX_LINES, PhillyTraceException::new, (line, number) -> {
            if (number == 1) {
                String[] header = line.replace("\uFEFF", "").split(",", -1);
                for (int i = 0; i < header.length; i++) {
                    header[i] = header[i].trim();
                }
                csv[0] = new PhillyCsv(file, header);
                for (int c = 0; c < columns.length; c++) {
                    columns[c] = csv[0].column(needed.get(c));
                }
                return;
            }
            if (line.isBlank()) {
                return;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != csv[0].header.length) {
                throw new PhillyTraceException(
                        file,
                        number,
                        "",
                        "found " + fields.length + " fields, allowed " + csv[0].header.length
                                + " (one per header column)");
            }
            reader.row(csv[0].new Row(number, fields, columns, needed));
        });
        if (csv[0] == null) {
            throw new PhillyTraceException(
                    file, 0, "", "empty file, expected a header with columns " + String.join(",", needed));
        }
    }

    /** A field's text as a message shows it: in quotes, cut to 40 characters. */
    static String shown(String text) {
        return "'" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "'";
    }

    private int column(String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new PhillyTraceException(
                file, 1, name, "missing column; the header has: " + ShortList.join(Arrays.asList(header), ","));
    }

    /** One data row; fields are asked for by their place in the {@code needed} list. */
    final class Row {
        private final int line;
        private final String[] fields;
        private final int[] columns;
        private final List<String> names;

        private Row(int line, String[] fields, int[] columns, List<String> names) {
            this.line = line;
            this.fields = fields;
            this.columns = columns;
            this.names = names;
        }

        int line() {
            return line;
        }

        String file() {
            return file;
        }

        /** The {@code i}-th needed field, trimmed; it must not be empty. */
        String text(int i) {
            String s = fields[columns[i]].trim();
            if (s.isEmpty()) {
                throw error(i, "found nothing, allowed " + allowedFor(i));
            }
            return s;
        }

        /**
         * The {@code i}-th needed field as a whole number in {@code [min, max]}; {@code 8} and {@code 8.0} are both
         * eight.
         */
        int whole(int i, int min, int max) {
            String s = text(i);
            BigDecimal v = number(i, s, "an integer " + min + ".." + max);
            if (v.stripTrailingZeros().scale() > 0
                    || v.compareTo(BigDecimal.valueOf(min)) < 0
                    || v.compareTo(BigDecimal.valueOf(max)) > 0) {
                throw error(i, "found " + s + ", allowed an integer " + min + ".." + max);
            }
            return v.intValueExact();
        }

        /** The {@code i}-th needed field as a number of seconds >= 0 and at most {@code maxS}, in milliseconds. */
        long seconds(int i, long maxS) {
            String s = text(i);
            String allowed = "a number of seconds 0.." + maxS;
            BigDecimal v = number(i, s, allowed);
            if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(maxS)) > 0) {
                throw error(i, "found " + s + ", allowed " + allowed);
            }
            return v.movePointRight(3)
                    .setScale(0, java.math.RoundingMode.HALF_EVEN)
                    .longValueExact();
        }

        /**
         * A decimal number of at most {@value #MAX_NUMBER_CHARS} characters, with an exponent small enough that
         * rounding it cannot take long ({@code 1e-999999999} would).
         */
        private BigDecimal number(int i, String s, String allowed) {
            BigDecimal v = null;
            if (s.length() <= MAX_NUMBER_CHARS) {
                try {
                    v = new BigDecimal(s);
                } catch (NumberFormatException e) {
                    v = null;
                }
            }
            if (v == null || Math.abs((long) v.scale()) > MAX_NUMBER_CHARS) {
                throw error(i, "found " + shown(s) + ", allowed " + allowed);
            }
            return v;
        }

        PhillyTraceException error(int i, String detail) {
            return new PhillyTraceException(file, line, names.get(i), detail);
        }

        private String allowedFor(int i) {
            return "a value for " + names.get(i);
        }
    }
}
