package io.ultrafleet.twin.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fixed-step time series of the fleet: per step, the mean GPUs online, allocated and busy over the step, and the
 * jobs queued and running, racks and CPU capacity at its end, then any extra columns fixed when the series is made
 * (spend, power, carbon). Columns are kept as primitive arrays.
 */
public final class TimeSeries {
    /** Column names, in order, as written to CSV. */
    public static final String[] COLUMNS = {
        "gpus_online",
        "gpus_allocated",
        "gpus_busy",
        "racks_online",
        "jobs_queued",
        "jobs_running",
        "cpu_hosts_online",
        "cpu_vcpus_online",
        "gpus_down",
        "interruptions"
    };

    private final long stepMs;
    private final String[] names;
    private long[] times = new long[256];
    private double[][] columns;
    private int size;

    public TimeSeries(long stepMs) {
        this(stepMs, List.of());
    }

    /** A series with {@link #COLUMNS} and then {@code extra} columns, which {@link #set} fills. */
    public TimeSeries(long stepMs, List<String> extra) {
        this.stepMs = stepMs;
        List<String> all = new ArrayList<>(Arrays.asList(COLUMNS));
        for (String e : extra) {
            if (all.contains(e)) {
                throw new IllegalArgumentException("column " + e + " given twice");
            }
            all.add(e);
        }
        this.names = all.toArray(new String[0]);
        this.columns = new double[names.length][256];
    }

    /** All column names in order: {@link #COLUMNS}, then the extra ones. */
    public List<String> columns() {
        return List.of(names);
    }

    public int columnCount() {
        return names.length;
    }

    /** The index of a column, or -1. */
    public int columnIndex(String name) {
        return Arrays.asList(names).indexOf(name);
    }

    public long stepMs() {
        return stepMs;
    }

    /**
     * Adds one row at the end of a step; {@code values} are in {@link #COLUMNS} order (extra columns start at 0), or
     * give every column.
     */
    public void add(long time, double... values) {
        if (values.length != COLUMNS.length && values.length != names.length) {
            throw new IllegalArgumentException("expected " + COLUMNS.length + " or " + names.length + " values");
        }
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            for (int c = 0; c < columns.length; c++) {
                columns[c] = Arrays.copyOf(columns[c], size * 2);
            }
        }
        times[size] = time;
        for (int c = 0; c < values.length; c++) {
            columns[c][size] = values[c];
        }
        size++;
    }

    public int size() {
        return size;
    }

    /** End of step {@code row}, in ms since the scenario epoch. */
    public long time(int row) {
        return times[row];
    }

    /** Sets a value of a row already added. */
    public void set(int row, int column, double value) {
        columns[column][row] = value;
    }

    public double value(int row, int column) {
        return columns[column][row];
    }

    /** The largest value of a column. */
    public double max(int column) {
        double m = 0;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, columns[column][i]);
        }
        return m;
    }
}
