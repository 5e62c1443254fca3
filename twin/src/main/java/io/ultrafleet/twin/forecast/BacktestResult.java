package io.ultrafleet.twin.forecast;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A back-test's outcome: for each job forecast, what the forecast and the Slurm-style estimate said at its submission
 * and when it really started; and their errors summed up. A start is "later" (null) when it did not come within the
 * horizon after the submission; errors count such a start as the horizon's end, so a forecast that said "later" of a
 * job that waited longer has no error.
 *
 * @param scenario the scenario's name
 * @param seed the run's seed
 * @param settings what was forecast and how
 * @param waited jobs of the window that did not start within a minute of their submission (the first {@code
 *     settings.jobs()} of them are forecast)
 * @param rows one per job forecast, in submission order
 */
public record BacktestResult(String scenario, long seed, BacktestSettings settings, int waited, List<Row> rows) {
    public BacktestResult {
        rows = List.copyOf(rows);
    }

    /**
     * One job.
     *
     * @param job its name
     * @param queue its queue
     * @param submitted when it was submitted (when the forecast was made)
     * @param started when it really started, or null
     * @param p10 the forecast's 10th percentile, or null
     * @param p50 the forecast's median, or null
     * @param p90 the forecast's 90th percentile, or null
     * @param slurmStyle the Slurm-style estimate, or null
     * @param horizon the horizon's end for this job
     */
    public record Row(
            String job,
            String queue,
            Instant submitted,
            Instant started,
            Instant p10,
            Instant p50,
            Instant p90,
            Instant slurmStyle,
            Instant horizon) {

        /** The forecast's median error, in hours. */
        public double errorHours() {
            return hoursBetween(orHorizon(p50), orHorizon(started));
        }

        /** The Slurm-style estimate's error, in hours. */
        public double slurmStyleErrorHours() {
            return hoursBetween(orHorizon(slurmStyle), orHorizon(started));
        }

        /** Whether the real start lies inside the forecast's 10th to 90th percentile band. */
        public boolean inBand() {
            Instant a = orHorizon(started);
            return !a.isBefore(orHorizon(p10)) && !a.isAfter(orHorizon(p90));
        }

        private Instant orHorizon(Instant t) {
            return t == null || t.isAfter(horizon) ? horizon : t;
        }

        private static double hoursBetween(Instant a, Instant b) {
            return Math.abs(a.toEpochMilli() - b.toEpochMilli()) / 3_600_000.0;
        }
    }

    /** How many jobs were forecast. */
    public int jobs() {
        return rows.size();
    }

    /** The median and 90th percentile of the forecast's absolute errors, in hours. */
    public double[] ultrafleetErrors() {
        return medianAndP90(rows.stream().mapToDouble(Row::errorHours).toArray());
    }

    /** The median and 90th percentile of the Slurm-style estimate's absolute errors, in hours. */
    public double[] slurmStyleErrors() {
        return medianAndP90(rows.stream().mapToDouble(Row::slurmStyleErrorHours).toArray());
    }

    /** The share of real starts inside the forecast's 10th to 90th percentile band. */
    public double coverage() {
        return rows.isEmpty() ? 0 : rows.stream().filter(Row::inBand).count() / (double) rows.size();
    }

    /** Nearest-rank median and 90th percentile; zeros when there is nothing. */
    private static double[] medianAndP90(double[] v) {
        if (v.length == 0) {
            return new double[] {0, 0};
        }
        Arrays.sort(v);
        return new double[] {v[Spread.rank(v.length, 0.5)], v[Spread.rank(v.length, 0.9)]};
    }
}
