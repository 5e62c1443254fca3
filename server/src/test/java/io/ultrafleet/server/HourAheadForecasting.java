package io.ultrafleet.server;

import io.ultrafleet.forecast.DemandHistory;
import io.ultrafleet.forecast.Forecast;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.server.forecast.Forecasting;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forecasts for the server module's own tests, which run without the twin: every queued job starts, and every running
 * job ends, one hour after the snapshot, and the fleet stays as it is. What the routes, the cache and the dashboard
 * do with a forecast is tested with it; the twin's forecasts are tested in the cli module, which has the twin.
 */
final class HourAheadForecasting implements Forecasting {
    static Forecasting.Factory factory() {
        return (source, text) -> new HourAheadForecasting();
    }

    @Override
    public Forecast forecast(LiveSnapshot snapshot, DemandHistory history) {
        Instant at = snapshot.instant();
        Instant hour = at.plus(Duration.ofHours(1));
        Map<Long, Forecast.JobStart> starts = new LinkedHashMap<>();
        for (LiveSnapshot.Queued q : snapshot.pending()) {
            starts.put(q.request().id(), new Forecast.JobStart(q.request().id(), hour, hour, hour, 0.0, 1.0, 1.0));
        }
        Map<Long, Forecast.JobEnd> ends = new LinkedHashMap<>();
        for (LiveSnapshot.Running r : snapshot.running()) {
            ends.put(r.request().id(), new Forecast.JobEnd(r.request().id(), hour, hour, hour));
        }
        long allocated = 0;
        for (LiveSnapshot.Running r : snapshot.running()) {
            allocated += r.held().allocatedGpus();
        }
        Forecast.Band gpus = new Forecast.Band(List.of(allocated), List.of(allocated), List.of(allocated));
        return new Forecast(
                at,
                0,
                1,
                at.plus(Duration.ofDays(7)),
                starts,
                ends,
                new Forecast.FleetBands(List.of(at), gpus, Map.of()));
    }

    @Override
    public long windowMs() {
        return Duration.ofDays(7).toMillis();
    }

    @Override
    public void close() {}
}
