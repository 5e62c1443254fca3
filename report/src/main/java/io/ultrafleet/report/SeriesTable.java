package io.ultrafleet.report;

import io.ultrafleet.spec.input.ErrorWords;
import io.ultrafleet.spec.input.InputProblem;
import io.ultrafleet.spec.input.LineReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A run's {@code timeseries.csv} in memory: the end time of each step (epoch milliseconds) and one column of numbers
 * per named column, in file order. Columns are looked up by name, so a report works with whatever columns a run has.
 */
final class SeriesTable {
    /** The longest line read: thousands of columns fit. */
    private static final int MAX_LINE = 4 << 20;

    /** Heap per cell while reading: the value, and room for its array to grow. */
    private static final long CELL_BYTES = 32;

    private final long[] times;
    private final List<String> names;
    private final double[][] columns;

    SeriesTable(long[] times, List<String> names, double[][] columns) {
        this.times = times;
        this.names = List.copyOf(names);
        this.columns = columns;
    }

    /**
     * Reads a CSV written by {@code simulate --out}: a header starting with {@code time}, then one row per step.
     *
     * @throws ReportInputException naming the file, row and column of the first problem
     */
    static SeriesTable read(Path file) {
        try (LineReader r = LineReader.open(file, MAX_LINE)) {
            String header = r.next();
            if (header == null || !header.startsWith("time,")) {
                throw new ReportInputException(file + ":1: expected a header starting with 'time,'");
            }
            List<String> names = List.of(header.substring(5).split(",", -1));
            long maxCells = Runtime.getRuntime().maxMemory() / CELL_BYTES;
            long[] times = new long[1024];
            double[][] cols = new double[names.size()][1024];
            int n = 0;
            String line;
            while ((line = r.next()) != null) {
                int row = r.number();
                if (line.isEmpty()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != names.size() + 1) {
                    throw new ReportInputException(file + ":" + row + ": found " + cells.length + " cells, expected "
                            + (names.size() + 1) + " as in the header");
                }
                if (n == times.length) {
                    if ((long) n * 2 * (names.size() + 1) > maxCells) {
                        throw new ReportInputException(String.format(
                                "%s:%d: more rows than this Java's heap of %,d MiB can hold for a report (give it"
                                        + " more with ULTRAFLEET_JAVA_OPTS=-Xmx...)",
                                file, row, Runtime.getRuntime().maxMemory() >> 20));
                    }
                    times = Arrays.copyOf(times, n * 2);
                    for (int c = 0; c < cols.length; c++) {
                        cols[c] = Arrays.copyOf(cols[c], n * 2);
                    }
                }
                times[n] = time(file, row, cells[0]);
                if (n > 0 && times[n] <= times[n - 1]) {
                    throw new ReportInputException(file + ":" + row + ": column 'time': found " + cells[0]
                            + ", allowed a time after the row before's");
                }
                for (int c = 0; c < names.size(); c++) {
                    cols[c][n] = number(file, row, names.get(c), cells[c + 1]);
                }
                n++;
            }
            for (int c = 0; c < cols.length; c++) {
                cols[c] = Arrays.copyOf(cols[c], n);
            }
            return new SeriesTable(Arrays.copyOf(times, n), names, cols);
        } catch (InputProblem p) {
            throw new ReportInputException(file + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.detail());
        } catch (IOException e) {
            throw new ReportInputException(file + ": cannot read: " + ErrorWords.of(e));
        }
    }

    private static long time(Path file, int row, String cell) {
        try {
            return Instant.parse(cell).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new ReportInputException(file + ":" + row + ": column 'time': found " + JsonTree.shown(cell)
                    + ", allowed an ISO-8601 UTC time such as 2026-01-01T00:00:00Z");
        }
    }

    private static double number(Path file, int row, String column, String cell) {
        try {
            if (cell.length() <= 64) {
                return Double.parseDouble(cell);
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new ReportInputException(file + ":" + row + ": column '"
                + JsonTree.shown(column).replace("'", "") + "': found " + JsonTree.shown(cell) + ", allowed a number");
    }

    int size() {
        return times.length;
    }

    long time(int row) {
        return times[row];
    }

    List<String> names() {
        return names;
    }

    boolean has(String name) {
        return names.contains(name);
    }

    Optional<double[]> column(String name) {
        int i = names.indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(columns[i]);
    }

    double[] column(int index) {
        return columns[index];
    }

    /** The step of the series: the time between the first two rows, or 0 with fewer than two rows. */
    long stepMs() {
        return times.length < 2 ? 0 : times[1] - times[0];
    }

    /** Names that start with {@code prefix}, in file order. */
    List<String> namesStartingWith(String prefix) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n.startsWith(prefix)) {
                out.add(n);
            }
        }
        return out;
    }
}
