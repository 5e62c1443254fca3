package io.ultrafleet.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.startsWith("time,")) {
                throw new ReportInputException(file + ":1: expected a header starting with 'time,'");
            }
            List<String> names = List.of(header.substring(5).split(",", -1));
            long[] times = new long[1024];
            double[][] cols = new double[names.size()][1024];
            int n = 0;
            String line;
            int row = 1;
            while ((line = r.readLine()) != null) {
                row++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != names.size() + 1) {
                    throw new ReportInputException(file + ":" + row + ": found " + cells.length + " cells, expected "
                            + (names.size() + 1) + " as in the header");
                }
                if (n == times.length) {
                    times = Arrays.copyOf(times, n * 2);
                    for (int c = 0; c < cols.length; c++) {
                        cols[c] = Arrays.copyOf(cols[c], n * 2);
                    }
                }
                try {
                    times[n] = Instant.parse(cells[0]).toEpochMilli();
                } catch (DateTimeParseException e) {
                    throw new ReportInputException(file + ":" + row + ": column 'time': found '" + cells[0]
                            + "', expected an ISO-8601 UTC time");
                }
                if (n > 0 && times[n] <= times[n - 1]) {
                    throw new ReportInputException(
                            file + ":" + row + ": column 'time': " + cells[0] + " is not after the row before");
                }
                for (int c = 0; c < names.size(); c++) {
                    try {
                        cols[c][n] = Double.parseDouble(cells[c + 1]);
                    } catch (NumberFormatException e) {
                        throw new ReportInputException(file + ":" + row + ": column '" + names.get(c) + "': found '"
                                + cells[c + 1] + "', expected a number");
                    }
                }
                n++;
            }
            for (int c = 0; c < cols.length; c++) {
                cols[c] = Arrays.copyOf(cols[c], n);
            }
            return new SeriesTable(Arrays.copyOf(times, n), names, cols);
        } catch (IOException e) {
            throw new ReportInputException(file + ": cannot read: " + e.getMessage());
        }
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
