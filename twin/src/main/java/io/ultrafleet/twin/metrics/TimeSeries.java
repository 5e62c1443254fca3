package io.ultrafleet.twin.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fixed-step time series of the fleet: per step, the mean GPUs online, allocated and busy over the step, and the
 * jobs queued and running, racks and CPU capacity at its end, then the jobs queued per queue. Columns are kept as
 * primitive arrays.
 */
public final class TimeSeries {
    /** Prefix of the per-queue columns: {@code jobs_queued.TENANT/QUEUE}, one per queue after {@link #COLUMNS}. */
    public static final String QUEUED_PREFIX = "jobs_queued.";

    public static final String GPUS_ONLINE = "gpus_online";
    public static final String GPUS_ALLOCATED = "gpus_allocated";
    public static final String GPUS_BUSY = "gpus_busy";
    public static final String RACKS_ONLINE = "racks_online";
    public static final String JOBS_QUEUED = "jobs_queued";
    public static final String JOBS_RUNNING = "jobs_running";
    public static final String CPU_HOSTS_ONLINE = "cpu_hosts_online";
    public static final String CPU_VCPUS_ONLINE = "cpu_vcpus_online";
    public static final String GPUS_DOWN = "gpus_down";
    public static final String INTERRUPTIONS = "interruptions";
    public static final String GPUS_DEMANDED = "gpus_demanded";

    /** The columns every run has, in order, as written to CSV. */
    public static final String[] COLUMNS = {
        GPUS_ONLINE,
        GPUS_ALLOCATED,
        GPUS_BUSY,
        RACKS_ONLINE,
        JOBS_QUEUED,
        JOBS_RUNNING,
        CPU_HOSTS_ONLINE,
        CPU_VCPUS_ONLINE,
        GPUS_DOWN,
        INTERRUPTIONS,
        GPUS_DEMANDED
    };

    private final long stepMs;
    private final List<String> names;
    private long[] times = new long[256];
    private double[][] columns;
    private int size;

    /** A series with the common columns only. */
    public TimeSeries(long stepMs) {
        this(stepMs, List.of(), List.of());
    }

    /**
     * A series with the common columns, then {@code extraColumns} (the inference and agent columns), then one {@code
     * jobs_queued.QUEUE} column per queue name.
     */
    public TimeSeries(long stepMs, List<String> extraColumns, List<String> queueNames) {
        this.stepMs = stepMs;
        List<String> all = new ArrayList<>(List.of(COLUMNS));
        all.addAll(extraColumns);
        for (String q : queueNames) {
            all.add(QUEUED_PREFIX + q);
        }
        this.names = List.copyOf(all);
        this.columns = new double[names.size()][256];
    }

    /** The index of a column, or -1. */
    public int columnIndex(String name) {
        return names.indexOf(name);
    }

    /** The index of a column the series must have. */
    public int column(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name);
        }
        return i;
    }

    /** Sets a value of a row already added. */
    public void set(int row, int column, double value) {
        columns[column][row] = value;
    }

    /** All column names, in order, as written to CSV. */
    public List<String> columnNames() {
        return names;
    }

    public long stepMs() {
        return stepMs;
    }

    /** Adds one row at the end of a step; {@code values} are in {@link #columnNames()} order. */
    public void add(long time, double... values) {
        if (values.length != names.size()) {
            throw new IllegalArgumentException("expected " + names.size() + " values");
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
