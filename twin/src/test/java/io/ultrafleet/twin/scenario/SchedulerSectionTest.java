package io.ultrafleet.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.preemption.PreemptionTerms;
import io.ultrafleet.spec.SchedulerSpec;
import io.ultrafleet.spec.TrainingSpec;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The scheduler section and the recovery fields of jobs and generators. */
class SchedulerSectionTest {
    private static final String BASE = """
            apiVersion: ultrafleet/v1
            name: t
            start: 2026-01-01
            horizon: 2026-01-02
            fleet:
              providers: [{name: p, regions: [{name: r, sites: [{name: s}]}]}]
              deliveries: [{site: s, model: gb200-nvl72, racks: 1, start: 2026-01-01}]
            tenants: [{name: t, queues: [{name: q, priorityClass: training}]}]
            training:
              jobs:
                - {name: j, queue: t/q, submit: 2026-01-01, gpus: 8, duration: 2h%s}
            %s
            """;

    private static Scenario load(String jobExtra, String scheduler) {
        return new ScenarioLoader(HardwareCatalogue.builtIn())
                .load("t.yaml", new StringReader(BASE.formatted(jobExtra, scheduler)));
    }

    @Test
    void defaultsWhenAbsent() {
        Scenario s = load("", "");
        assertThat(s.scheduler()).isEqualTo(SchedulerSpec.DEFAULT);
        assertThat(s.training().jobs().get(0).recovery()).isEqualTo(TrainingSpec.RecoverySpec.DEFAULT);
    }

    @Test
    void readsEveryField() {
        Scenario s = load(
                ", checkpointInterval: 30m, estimateFactor: 1.5",
                "scheduler: {queueDepth: 50, backfill: {interval: 10m, maxGangs: 4},"
                        + " preemption: {enabled: false, victimOrder: lowest-priority-youngest}}");
        assertThat(s.scheduler()).isEqualTo(new SchedulerSpec(50, 600_000L, 4, false, "lowest-priority-youngest"));
        assertThat(s.training().jobs().get(0).recovery()).isEqualTo(new TrainingSpec.RecoverySpec(1_800_000L, 1.5, 0));
    }

    @Test
    void readsThePreemptionPolicyAndItsTerms() {
        Scenario s = load(
                "",
                "scheduler: {preemption: {policy: cost-benefit, maxCostRatio: 2.5, gainWindow: 2h,"
                        + " requeueDelay: 5m}}");
        assertThat(s.scheduler().preemptionPolicy()).isEqualTo("cost-benefit");
        assertThat(s.scheduler().preemptionTerms()).isEqualTo(new PreemptionTerms(2.5, 7_200_000L, 300_000L));
        assertThat(load("", "scheduler: {preemption: {policy: unweighed}}")
                        .scheduler()
                        .preemptionPolicy())
                .isEqualTo("unweighed");
        assertThat(SchedulerSpec.DEFAULT.preemptionPolicy()).isEqualTo("cost-benefit");
        assertThat(SchedulerSpec.DEFAULT.preemptionTerms()).isEqualTo(PreemptionTerms.DEFAULT);
    }

    @Test
    void readsTheCycleInterval() {
        assertThat(SchedulerSpec.DEFAULT.cycleIntervalMs()).isZero();
        assertThat(load("", "scheduler: {cycleInterval: 1m}").scheduler().cycleIntervalMs())
                .isEqualTo(60_000L);
        assertThatThrownBy(() -> load("", "scheduler: {cycleInterval: 2h}"))
                .hasMessageContaining("field 'scheduler.cycleInterval': found 2h, allowed a duration of at most 1h");
    }

    @Test
    void badPreemptionTermsNameTheirField() {
        assertThatThrownBy(() -> load("", "scheduler: {preemption: {policy: always}}"))
                .hasMessageContaining("field 'scheduler.preemption.policy': found always")
                .hasMessageContaining("cost-benefit, unweighed");
        assertThatThrownBy(() -> load("", "scheduler: {preemption: {maxCostRatio: 0}}"))
                .hasMessageContaining("field 'scheduler.preemption.maxCostRatio': found 0");
        assertThatThrownBy(() -> load("", "scheduler: {preemption: {maxCostRatio: 1e300}}"))
                .hasMessageContaining("field 'scheduler.preemption.maxCostRatio': found 1e300");
        assertThatThrownBy(() -> load("", "scheduler: {preemption: {gainWindow: 10s}}"))
                .hasMessageContaining("field 'scheduler.preemption.gainWindow': found 10s");
        assertThatThrownBy(() -> load("", "scheduler: {preemption: {requeueDelay: 400d}}"))
                .hasMessageContaining("field 'scheduler.preemption.requeueDelay': found 400d");
    }

    @Test
    void elasticMinimumForJobsAndGenerators() {
        Scenario s = load(", minGpus: 4", "");
        assertThat(s.training().jobs().get(0).recovery().minGpusOf(8, false)).isEqualTo(4);
        assertThatThrownBy(() -> load(", minGpus: 9", ""))
                .hasMessageContaining("field 'training.jobs[0].minGpus': found 9");
        assertThat(new TrainingSpec.RecoverySpec(0, 1, 0.5).minGpusOf(576, true))
                .isEqualTo(288);
        assertThat(TrainingSpec.RecoverySpec.DEFAULT.minGpusOf(576, true)).isEqualTo(576);
    }

    @Test
    void badValuesNameTheirField() {
        assertThatThrownBy(() -> load("", "scheduler: {queueDepth: 0}"))
                .hasMessageStartingWith("t.yaml:12:25: field 'scheduler.queueDepth': found 0");
        assertThatThrownBy(() -> load("", "scheduler: {preemption: {victimOrder: random}}"))
                .hasMessageContaining("field 'scheduler.preemption.victimOrder': found random")
                .hasMessageContaining("least-lost-work, lowest-priority-youngest");
        assertThatThrownBy(() -> load(", estimateFactor: -1", ""))
                .hasMessageContaining("field 'training.jobs[0].estimateFactor': found -1");
        assertThatThrownBy(() -> load("", "scheduler: {backfil: {}}"))
                .hasMessageContaining("unknown field 'scheduler.backfil' (did you mean 'backfill'?)");
    }
}
