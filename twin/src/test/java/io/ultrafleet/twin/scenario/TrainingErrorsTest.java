package io.ultrafleet.twin.scenario;

import static io.ultrafleet.twin.scenario.TestScenarios.error;
import static io.ultrafleet.twin.scenario.TestScenarios.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.spec.ScenarioException;
import org.junit.jupiter.api.Test;

/** Errors in generators: distributions, arrivals and topology (line numbers refer to {@link TestScenarios#BASE}). */
class TrainingErrorsTest {
    @Test
    void badDistributionKind() {
        ScenarioException e = error(with("gpus: 8", "gpus: {dist: normal, mean: 8}"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:24:20: field 'training.generators[0].gpus.dist': found normal, allowed one of:"
                        + " fixed, choice, uniform, lognormal, exponential");
    }

    @Test
    void missingDistributionKind() {
        ScenarioException e = error(with("gpus: 8", "gpus: {value: 8}"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:24:13: field 'training.generators[0].gpus.dist': found nothing (the field is"
                        + " required), allowed one of: fixed, choice, uniform, lognormal, exponential");
    }

    @Test
    void keyNotValidForTheKind() {
        ScenarioException e = error(with("gpus: 8", "gpus: {dist: exponential, mean: 8, sigma: 1}"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:24:42: unknown field 'training.generators[0].gpus.sigma'; allowed: dist, mean,"
                        + " min, max");
    }

    @Test
    void choiceWeightsLengthMismatch() {
        ScenarioException e = error(with("gpus: 8", "gpus: {dist: choice, values: [8, 64, 512], weights: [3, 1]}"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:24:59: field 'training.generators[0].gpus.weights': found a list of 2, allowed a"
                        + " list of 3 weights from 0 to 1000000000, one per value");
    }

    @Test
    void choiceWeightsMustNotAllBeZero() {
        ScenarioException e = error(with("gpus: 8", "gpus: {dist: choice, values: [8, 64], weights: [0, 0]}"));

        assertThat(e.detail())
                .isEqualTo("field 'training.generators[0].gpus.weights': found weights that sum to 0, allowed weights"
                        + " with a sum > 0");
    }

    @Test
    void uniformMaxBelowMin() {
        ScenarioException e = error(with("duration: 6h", "duration: {dist: uniform, min: 2h, max: 30m}"));

        assertThat(e.detail())
                .isEqualTo("field 'training.generators[0].duration.max': found 30m, allowed a duration no shorter than"
                        + " min (2h)");
    }

    @Test
    void distributionDurationsNeedAUnit() {
        ScenarioException e = error(with("duration: 6h", "duration: {dist: lognormal, median: 4, sigma: 1}"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:25:43: field 'training.generators[0].duration.median': found 4, allowed a"
                        + " duration like 90m, 6h, 30d (units ms, s, m, h, d, w)");
    }

    @Test
    void gpuDistributionBelowOne() {
        ScenarioException e = error(with("gpus: 8", "gpus: 0"));

        assertThat(e.detail())
                .isEqualTo("field 'training.generators[0].gpus': found 0, allowed a number from 1 to 10000000");
    }

    @Test
    void distributionThatIsAList() {
        ScenarioException e = error(with("gpus: 8", "gpus: [8, 16]"));

        assertThat(e.detail())
                .isEqualTo(
                        "field 'training.generators[0].gpus': found a list, allowed a number from 1 to 10000000, or a mapping"
                                + " with dist: one of fixed, choice, uniform, lognormal, exponential");
    }

    @Test
    void perDayMustBePositive() {
        ScenarioException e = error(with("arrivals: {perDay: 10}", "arrivals: {perDay: 0}"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:23:26: field 'training.generators[0].arrivals.perDay': found 0, allowed a number"
                        + " > 0 and at most 10000000");
    }

    @Test
    void perDayAndRatesTogether() {
        ScenarioException e =
                error(with("arrivals: {perDay: 10}", "arrivals: {perDay: 10, rates: [{from: 2026-01-01, perDay: 5}]}"));

        assertThat(e.detail())
                .isEqualTo("field 'training.generators[0].arrivals.perDay': found 10, allowed nothing here when rates"
                        + " is given (write either perDay or rates)");
    }

    @Test
    void neitherPerDayNorRates() {
        ScenarioException e = error(with("arrivals: {perDay: 10}", "arrivals: {until: 2026-06-01}"));

        assertThat(e.detail())
                .isEqualTo("field 'training.generators[0].arrivals.perDay': found nothing (the field is required),"
                        + " allowed a number > 0 and at most 10000000 (or rates: a list of {from, perDay})");
    }

    @Test
    void ratesMustIncrease() {
        ScenarioException e = error(with(
                "arrivals: {perDay: 10}",
                "arrivals:\n        rates:\n          - {from: 2026-03-01, perDay: 5}\n          - {from: 2026-02-01,"
                        + " perDay: 9}"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:26:20: field 'training.generators[0].arrivals.rates[1].from': found 2026-02-01,"
                        + " allowed a time after training.generators[0].arrivals.rates[0].from"
                        + " (2026-03-01T00:00:00Z)");
    }

    @Test
    void untilBeforeFrom() {
        ScenarioException e =
                error(with("arrivals: {perDay: 10}", "arrivals: {perDay: 10, from: 2026-05-01, until: 2026-04-01}"));

        assertThat(e.detail())
                .isEqualTo("field 'training.generators[0].arrivals.until': found 2026-04-01, allowed a time after the"
                        + " first arrival time (2026-05-01T00:00:00Z)");
    }

    @Test
    void preferredLooserThanRequired() {
        ScenarioException e = error(
                with("      duration: 2d", "      duration: 2d\n      topology: {required: site, preferred: any}"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:32:45: field 'training.jobs[0].topology.preferred': found any, allowed one of:"
                        + " block, site (no looser than required: site)");
    }

    @Test
    void unknownTopologyLevel() {
        ScenarioException e = error(with("      duration: 2d", "      duration: 2d\n      topology: {required: rack}"));

        assertThat(e.detail())
                .isEqualTo("field 'training.jobs[0].topology.required': found rack, allowed one of: block, site, any");
    }
}
