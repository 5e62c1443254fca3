package io.ultrafleet.twin.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.BuiltInScenarios;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** What a run needs, estimated before it starts, and the limits it is held to. */
class RunBudgetTest {
    private static final HardwareCatalogue CATALOGUE = HardwareCatalogue.builtIn();

    private static Scenario builtIn(String name) {
        return new ScenarioLoader(CATALOGUE)
                .load(name, new StringReader(BuiltInScenarios.yaml(name).orElseThrow()));
    }

    @Test
    void theDefaultScenarioIsEstimatedFromItsFleetAndWorkAndFitsAGibibyte() {
        RunEstimate e = RunEstimate.of(builtIn("aws-openai-2025"), CATALOGUE);
        assertThat(e.racks()).isEqualTo(2_778);
        assertThat(e.gpus()).isEqualTo(200_016);
        assertThat(e.hosts()).isEqualTo(52_083);
        // The run submits about 2.2 M training jobs (the README's table) and keeps an hourly series for 789 days.
        assertThat(e.jobs()).isBetween(2_000_000L, 2_500_000L);
        assertThat(e.samples()).isEqualTo(789 * 24);
        assertThat(e.heapBytes()).isLessThan(800L << 20);
        RunBudget.check("builtin:aws-openai-2025", e, 1L << 30, 1);
    }

    @Test
    void aHeapTooSmallIsRefusedWithTheFigureAndHowToGiveMore() {
        RunEstimate e = RunEstimate.of(builtIn("aws-openai-2025"), CATALOGUE);
        assertThatThrownBy(() -> RunBudget.check("builtin:aws-openai-2025", e, 64L << 20, 1))
                .isInstanceOf(RunLimitException.class)
                .hasMessageStartingWith("builtin:aws-openai-2025: the run needs about ")
                .hasMessageContaining("2,778 racks")
                .hasMessageContaining("ULTRAFLEET_JAVA_OPTS=-Xmx");
        assertThatThrownBy(() -> RunBudget.check("x", e, 1L << 30, 8)).hasMessageContaining("for 8 runs at once");
    }

    @Test
    void limitsOfARunAreNamedWithTheFigureAndTheLimit() {
        RunEstimate big = new RunEstimate(2_000_000, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1);
        assertThatThrownBy(() -> RunBudget.check("s.yaml", big, 1L << 40, 1))
                .hasMessage("s.yaml: found 2,000,000 racks delivered (fleet.deliveries), allowed at most 1,000,000"
                        + " in a run");
        RunEstimate rows = new RunEstimate(0, 0, 0, 0, 0, 0, 20_000_000, 30, 0, 0, 1);
        assertThatThrownBy(() -> RunBudget.check("s.yaml", rows, 1L << 40, 1))
                .hasMessageContaining("20,000,000 time-series rows");
    }

    @Test
    void dailyBatchesAreCountedUpToTheHorizonAndAtMostOnePerItem() {
        long day = 86_400_000L;
        assertThat(RunEstimate.batches(16, 0, 0, 10 * day)).isEqualTo(1);
        assertThat(RunEstimate.batches(16, 0, 99 * day, 1_000 * day)).isEqualTo(16);
        assertThat(RunEstimate.batches(10_000_000, 0, 36_499 * day, 10 * day)).isEqualTo(11);
        assertThat(RunEstimate.batches(5, 20 * day, 30 * day, 10 * day)).isZero();
        RunEstimate ramps = new RunEstimate(0, 0, 0, 0, 0, 0, 1, 1, 0, 150_000_000, 1);
        assertThatThrownBy(() -> RunBudget.check("s.yaml", ramps, 1L << 40, 1))
                .hasMessage("s.yaml: found 150,000,000 daily batches of deliveries and CPU ramps, allowed at most"
                        + " 100,000,000 in a run");
    }

    @Test
    void hugeEstimatesSaturateInsteadOfOverflowing() {
        assertThat(RunEstimate.saturate(1e300)).isEqualTo(Long.MAX_VALUE);
        assertThat(RunBudget.count(Long.MAX_VALUE)).isEqualTo("more than 9.2e18");
    }
}
