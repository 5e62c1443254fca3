package io.ultrafleet.twin.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.twin.scenario.Scenario;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A small back-test of the small lab, and proof that its forecasts do not know the run's future. */
class BacktestTest {
    private static final long DAY = ForecastSettings.DAY_MS;
    /** A 256-GPU job for the eval queue, submitted mid-window: it changes when later jobs start, not what was said. */
    private static final String LATE_GANG = "- {name: late-gang, queue: lab/eval, submit: \"2026-03-08T06:00:00Z\","
            + " gpus: 96, duration: 20h, topology: {required: site}}";

    private static BacktestResult plain;

    private static BacktestSettings settings() {
        ForecastSettings f =
                ForecastSettings.defaults().withReplications(4).withThreads(2).withHorizon(4 * DAY);
        return new BacktestSettings(SmallLab.at("2026-03-07T00:00:00Z"), 2, 25, f);
    }

    private static BacktestResult backtest(Scenario s) {
        return new Backtest(SmallLab.CATALOGUE, settings(), () -> 0L).run(s, new Backtest.Listener() {});
    }

    @BeforeAll
    static void run() {
        plain = backtest(SmallLab.scenario());
    }

    @Test
    void forecastsTheFirstJobsThatWaitedAndSumsUpTheirErrors() {
        assertThat(plain.jobs()).isEqualTo(25);
        assertThat(plain.waited()).isGreaterThanOrEqualTo(25);
        List<BacktestResult.Row> rows = plain.rows();
        for (int i = 0; i < rows.size(); i++) {
            BacktestResult.Row r = rows.get(i);
            assertThat(r.submitted()).isAfterOrEqualTo(java.time.Instant.parse("2026-03-07T00:00:00Z"));
            if (i > 0) {
                assertThat(r.submitted()).isAfterOrEqualTo(rows.get(i - 1).submitted());
            }
            // it waited more than a minute (or never started)
            if (r.started() != null) {
                assertThat(r.started().toEpochMilli() - r.submitted().toEpochMilli())
                        .isGreaterThan(BacktestSettings.WAITED_MS);
            }
            assertThat(r.slurmStyle()).isNotNull();
        }
        double[] u = plain.ultrafleetErrors();
        double[] s = plain.slurmStyleErrors();
        assertThat(u[0]).isBetween(0.0, u[1]);
        assertThat(s[0]).isBetween(0.0, s[1]);
        assertThat(plain.coverage()).isBetween(0.0, 1.0);
    }

    @Test
    void theSameBacktestGivesTheSameJson() {
        String json = BacktestJson.toJson(plain);
        assertThat(BacktestJson.toJson(backtest(SmallLab.scenario()))).isEqualTo(json);
        assertThat(json)
                .contains("\"jobs\": 25")
                .contains("\"ultrafleet\": {")
                .contains("\"slurm_style\": {")
                .contains("\"median_abs_error_h\"")
                .contains("\"p90_abs_error_h\"")
                .contains("\"p10_p90_coverage\"");
    }

    @Test
    void aForecastDoesNotKnowWhatComesAfterItsSubmission() {
        BacktestResult changed = backtest(SmallLab.scenario(LATE_GANG));
        long late = SmallLab.at("2026-03-08T06:00:00Z");
        int before = 0;
        int startsMoved = 0;
        for (BacktestResult.Row a : plain.rows()) {
            if (a.submitted().toEpochMilli() >= late) {
                continue;
            }
            BacktestResult.Row b = changed.rows().stream()
                    .filter(r -> r.job().equals(a.job()))
                    .findFirst()
                    .orElseThrow();
            before++;
            // what was said at the submission is the same: the gang had not been submitted yet
            assertThat(b.p10()).isEqualTo(a.p10());
            assertThat(b.p50()).isEqualTo(a.p50());
            assertThat(b.p90()).isEqualTo(a.p90());
            assertThat(b.slurmStyle()).isEqualTo(a.slurmStyle());
            if (!java.util.Objects.equals(a.started(), b.started())) {
                startsMoved++;
            }
        }
        assertThat(before).isPositive();
        // ... while the gang did change when some of those jobs really started
        assertThat(startsMoved).isPositive();
    }
}
