package io.ultrafleet.cli;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.forecast.DemandHistory;
import io.ultrafleet.forecast.Forecast;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.server.forecast.Forecasting;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.twin.cost.PlacementRules;
import io.ultrafleet.twin.forecast.ForecastSettings;
import io.ultrafleet.twin.forecast.Forecaster;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import java.io.StringReader;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's forecasts made by the twin: {@code serve} hands this in, so that the server module itself keeps free of
 * the twin. Failures follow the reliability section of the scenario the server was started from.
 */
final class TwinForecasting implements Forecasting {
    private static final Logger LOG = LoggerFactory.getLogger(TwinForecasting.class);

    private final Forecaster forecaster;

    private TwinForecasting(Forecaster forecaster) {
        this.forecaster = forecaster;
    }

    /** Opens the twin's forecaster with {@code settings} for each server that asks. */
    static Forecasting.Factory factory(ForecastSettings settings) {
        return (source, text) -> {
            HardwareCatalogue catalogue = HardwareCatalogue.builtIn();
            Scenario scenario;
            try {
                scenario = new ScenarioLoader(catalogue).load(source, new StringReader(text));
            } catch (ScenarioException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return new TwinForecasting(new Forecaster(
                    catalogue,
                    scenario.reliability(),
                    PlacementRules.facts(scenario, catalogue),
                    settings,
                    System::nanoTime));
        };
    }

    @Override
    public Forecast forecast(LiveSnapshot snapshot, DemandHistory history) {
        Forecast f;
        try {
            f = forecaster.forecast(snapshot, history);
        } catch (Forecaster.ForecastTooLarge e) {
            throw new TooLarge(e.getMessage());
        }
        Duration ahead = Duration.between(f.snapshotAt(), f.horizon());
        if (ahead.toMillis() < forecaster.settings().horizonMs()) {
            LOG.warn(
                    "this forecast looks {} h ahead, not {} h: the queue's jobs and the demand its history shows would"
                            + " not fit the forecasts' share of the heap ({} jobs a run) any further",
                    ahead.toHours(),
                    forecaster.settings().horizonMs() / ForecastSettings.HOUR_MS,
                    forecaster.settings().jobsPerReplication());
        }
        return f;
    }

    @Override
    public long windowMs() {
        return forecaster.settings().windowMs();
    }

    @Override
    public void close() {
        forecaster.close();
    }
}
