package io.ultrafleet.server.forecast;

import io.ultrafleet.forecast.DemandHistory;
import io.ultrafleet.forecast.Forecast;
import io.ultrafleet.forecast.LiveSnapshot;

/**
 * What makes forecasts for the server: the twin run forward from a snapshot of the live state, with demand drawn from
 * the recent past. The server keeps free of the twin; {@code ultrafleet serve} hands in an implementation that runs
 * the twin's forecaster ({@link Factory}). Implementations are thread-safe, run their replications on a bounded pool
 * of their own, and give the same forecast for the same snapshot and history.
 */
public interface Forecasting extends AutoCloseable {
    /** Every queued job's start, every running job's end, and the fleet's bands to the horizon. */
    Forecast forecast(LiveSnapshot snapshot, DemandHistory history);

    /**
     * No forecast can be made of this state within the memory forecasts may use (a queue too long for the heap, even
     * an hour ahead); the message says so in the user's words.
     */
    final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** How far back the history is read, in milliseconds. */
    long windowMs();

    /** Stops its threads. */
    @Override
    void close();

    /** Makes the forecasting of a server from the scenario it was started from. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param scenarioSource what the scenario is called in messages
         * @param scenarioText the scenario as the database keeps it (its reliability section says how often things
         *     fail)
         * @throws IllegalArgumentException with a message for the user when the scenario cannot be used
         */
        Forecasting open(String scenarioSource, String scenarioText);
    }
}
