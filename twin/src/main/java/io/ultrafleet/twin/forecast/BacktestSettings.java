package io.ultrafleet.twin.forecast;

import java.util.Objects;

/**
 * What a back-test forecasts.
 *
 * @param atMs where the window of submissions starts (absolute, ms since 1970)
 * @param days how many days the window lasts
 * @param jobs the most jobs forecast: the first that waited, in submission order
 * @param forecast how each forecast is made; its horizon is also how long after its submission a job's start is
 *     looked for
 */
public record BacktestSettings(long atMs, int days, int jobs, ForecastSettings forecast) {
    /** A job that starts within this long of its submission did not wait, and is not forecast. */
    public static final long WAITED_MS = 60_000L;

    public static final int DEFAULT_DAYS = 7;
    public static final int DEFAULT_JOBS = 200;

    /** Each forecast looks this far ahead: long enough for the waits of the scenarios it is measured on. */
    public static final long DEFAULT_HORIZON_MS = 30 * ForecastSettings.DAY_MS;

    public BacktestSettings {
        Objects.requireNonNull(forecast, "forecast");
        if (days < 1 || jobs < 1) {
            throw new IllegalArgumentException("days and jobs must be >= 1");
        }
    }

    /** A back-test from {@code atMs} with the default window, job count and forecast settings (30-day horizon). */
    public static BacktestSettings at(long atMs) {
        return new BacktestSettings(
                atMs, DEFAULT_DAYS, DEFAULT_JOBS, ForecastSettings.defaults().withHorizon(DEFAULT_HORIZON_MS));
    }

    /** Where the run ends: a horizon past the window, or the scenario's own end (absolute). */
    public long runEndMs(long scenarioEndMs) {
        return Math.min(scenarioEndMs, untilMs() + forecast.horizonMs());
    }

    /** The window's end (absolute, exclusive). */
    public long untilMs() {
        return atMs + days * ForecastSettings.DAY_MS;
    }
}
