package io.ultrafleet.server.api;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.server.auth.Authenticator;
import io.ultrafleet.server.clock.ServerClock;
import io.ultrafleet.server.executor.Executor;
import io.ultrafleet.server.forecast.ForecastService;
import io.ultrafleet.server.ha.Leadership;
import io.ultrafleet.server.live.FitCheck;
import io.ultrafleet.server.live.SchedulerLoop;
import io.ultrafleet.server.live.SubmissionWriter;
import io.ultrafleet.server.metrics.ServerMetrics;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.spec.ScenarioSpec;

/**
 * What request handlers work with: the database, the scheduler loop and its picture, the clock, the rules, and the
 * forecasts (null when the server makes none).
 */
public record ServerContext(
        Database db,
        SchedulerLoop loop,
        SubmissionWriter writer,
        ServerClock clock,
        Authenticator auth,
        ScenarioSpec spec,
        HardwareCatalogue catalogue,
        FitCheck fit,
        Executor executor,
        ServerMetrics metrics,
        ForecastService forecasts,
        Leadership leadership) {
    /** The scenario's start: the server's time 0, as an absolute instant in milliseconds. */
    public long epochMs() {
        return spec.startMs();
    }
}
