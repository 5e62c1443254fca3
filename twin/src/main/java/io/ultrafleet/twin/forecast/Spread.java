package io.ultrafleet.twin.forecast;

import io.ultrafleet.forecast.Forecast;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.time.Epoch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replications' outcomes summed up as a {@link Forecast}: percentiles by nearest rank (the 10th of 16 values is
 * the 2nd smallest, the 50th the 8th, the 90th the 15th), and shares of replications.
 */
final class Spread {
    private Spread() {}

    /** The index of the {@code p} quantile of {@code n} ascending values by nearest rank: the ceil(p x n)-th. */
    static int rank(int n, double p) {
        return Math.max(0, (int) Math.ceil(p * n) - 1);
    }

    /** The {@code p} quantile of ascending {@code sorted} by nearest rank. */
    static long quantile(long[] sorted, double p) {
        return sorted[rank(sorted.length, p)];
    }

    /** The instant of the scheduler's time {@code t}, or null for {@link Outcome#LATER}. */
    static Instant instant(Epoch epoch, long t) {
        return t == Outcome.LATER ? null : epoch.instant(t);
    }

    /** The start of queued job {@code i} of the snapshot across {@code outcomes}, runs that went to {@code horizonMs}. */
    static Forecast.JobStart start(LiveSnapshot s, Outcome[] outcomes, int i, long horizonMs) {
        long[] t = new long[outcomes.length];
        for (int r = 0; r < t.length; r++) {
            t[r] = outcomes[r].starts[i];
        }
        Arrays.sort(t);
        Epoch e = s.epoch();
        return new Forecast.JobStart(
                s.pending().get(i).request().id(),
                instant(e, quantile(t, 0.1)),
                instant(e, quantile(t, 0.5)),
                instant(e, quantile(t, 0.9)),
                share(t, ForecastSettings.HOUR_MS, horizonMs, s.takenAt()),
                share(t, ForecastSettings.DAY_MS, horizonMs, s.takenAt()),
                share(t, 7 * ForecastSettings.DAY_MS, horizonMs, s.takenAt()));
    }

    /** Share of {@code times} within {@code spanMs} of {@code from}; null when the span reaches past the horizon. */
    private static Double share(long[] times, long spanMs, long horizonMs, long from) {
        if (spanMs > horizonMs) {
            return null;
        }
        long limit = from + spanMs;
        int n = 0;
        for (long t : times) {
            n += t <= limit ? 1 : 0;
        }
        return n / (double) times.length;
    }

    /** Every queued job's start, by id in the snapshot's order. */
    static Map<Long, Forecast.JobStart> starts(LiveSnapshot s, Outcome[] outcomes, long horizonMs) {
        Map<Long, Forecast.JobStart> out = new LinkedHashMap<>();
        for (int i = 0; i < s.pending().size(); i++) {
            out.put(s.pending().get(i).request().id(), start(s, outcomes, i, horizonMs));
        }
        return out;
    }

    /** Every running job's end, by id in the snapshot's order. */
    static Map<Long, Forecast.JobEnd> ends(LiveSnapshot s, Outcome[] outcomes) {
        Map<Long, Forecast.JobEnd> out = new LinkedHashMap<>();
        for (int i = 0; i < s.running().size(); i++) {
            long[] t = new long[outcomes.length];
            for (int r = 0; r < t.length; r++) {
                t[r] = outcomes[r].ends[i];
            }
            Arrays.sort(t);
            long id = s.running().get(i).request().id();
            out.put(
                    id,
                    new Forecast.JobEnd(
                            id,
                            instant(s.epoch(), quantile(t, 0.1)),
                            instant(s.epoch(), quantile(t, 0.5)),
                            instant(s.epoch(), quantile(t, 0.9))));
        }
        return out;
    }

    /** The allocation and queue lengths at each band point, {@code stepMs} apart from the snapshot on. */
    static Forecast.FleetBands bands(LiveSnapshot s, Outcome[] outcomes, long stepMs) {
        int points = outcomes[0].allocated.length;
        List<Instant> at = new ArrayList<>(points);
        for (int k = 0; k < points; k++) {
            at.add(s.epoch().instant(s.takenAt() + k * stepMs));
        }
        Forecast.Band allocated = band(outcomes, points, (o, k) -> o.allocated[k]);
        Map<String, Forecast.Band> queues = new LinkedHashMap<>();
        for (int q = 0; q < s.queues().size(); q++) {
            int queue = q;
            queues.put(s.queues().get(q).name(), band(outcomes, points, (o, k) -> o.queueLength[k][queue]));
        }
        return new Forecast.FleetBands(at, allocated, queues);
    }

    private interface Value {
        long of(Outcome o, int point);
    }

    private static Forecast.Band band(Outcome[] outcomes, int points, Value value) {
        List<Long> p10 = new ArrayList<>(points);
        List<Long> p50 = new ArrayList<>(points);
        List<Long> p90 = new ArrayList<>(points);
        long[] v = new long[outcomes.length];
        for (int k = 0; k < points; k++) {
            for (int r = 0; r < v.length; r++) {
                v[r] = value.of(outcomes[r], k);
            }
            Arrays.sort(v);
            p10.add(quantile(v, 0.1));
            p50.add(quantile(v, 0.5));
            p90.add(quantile(v, 0.9));
        }
        return new Forecast.Band(p10, p50, p90);
    }
}
