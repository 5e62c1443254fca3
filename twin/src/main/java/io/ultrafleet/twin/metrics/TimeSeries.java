package io.ultrafleet.twin.metrics;

import java.util.Arrays;

/**
 * Fixed-step time series of the fleet: per step, the mean GPUs online, allocated and busy over the step, and the
 * jobs queued and running, racks and CPU capacity at its end. Columns are kept as primitive arrays.
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
        "interruptions",
        "inference_replicas",
        "inference_gpus",
        "inference_tokens_per_s",
        "inference_slo_attainment",
        "agent_sessions",
        "agent_vcpus",
        "agent_sessions_waiting",
        "rollout_vcpus"
    };

    private final long stepMs;
    private long[] times = new long[256];
    private double[][] columns = new double[COLUMNS.length][256];
    private int size;

    public TimeSeries(long stepMs) {
        this.stepMs = stepMs;
    }

    public long stepMs() {
        return stepMs;
    }

    /** Adds one row at the end of a step; {@code values} are in {@link #COLUMNS} order. */
    public void add(long time, double... values) {
        if (values.length != COLUMNS.length) {
            throw new IllegalArgumentException("expected " + COLUMNS.length + " values");
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
