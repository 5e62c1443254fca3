package io.ultrafleet.twin.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Preemption and resumption end to end in the twin, with the decisions recorded for --explain. */
class PreemptionRunTest {
    private static final double HOUR = 3_600_000.0;

    static final String YAML = """
            apiVersion: ultrafleet/v1
            name: preempt
            start: 2026-01-01
            horizon: 2026-01-04
            fleet:
              providers: [{name: p, regions: [{name: r, sites: [{name: s, racksPerBlock: 2}]}]}]
              deliveries: [{site: s, model: gb200-nvl72, racks: 2, start: 2026-01-01}]
            tenants:
              - name: t
                queues:
                  - {name: low, priorityClass: research}
                  - {name: high, priorityClass: production}
            training:
              jobs:
                - {name: low, queue: t/low, submit: 2026-01-01, gpus: 144, duration: 20h, checkpointInterval: 4h}
                - {name: high, queue: t/high, submit: "2026-01-01T10:00:00Z", gpus: 72, duration: 5h}
            %s
            """;

    private static RunResult run(String scheduler, String explain) {
        TwinRun run = new TwinRun(TwinRunTest.load(YAML.formatted(scheduler)), HardwareCatalogue.builtIn());
        run.explain(explain);
        return run.run();
    }

    @Test
    void higherClassStopsTheLowerJobWhichResumesFromItsCheckpoint() {
        RunResult r = run("scheduler: {preemption: {policy: unweighed}}", "low");
        // low runs 0-10 h (checkpoint at 8 h), is stopped at 10 h losing 2 h x 144 GPUs; high runs 10-15 h; low
        // resumes at 15 h with 12 h left and ends at 27 h.
        assertThat(r.preemptions()).isEqualTo(1);
        assertThat(r.preemptionLostGpuMs() / HOUR).isEqualTo(288.0);
        assertThat(r.jobsCompleted()).isEqualTo(2);
        assertThat(r.busyGpuMs() / HOUR).isEqualTo(144 * 10 + 72 * 5 + 144 * 12);
        List<String> texts =
                r.history().entries().stream().map(JobHistory.Entry::text).toList();
        assertThat(texts).hasSize(5);
        assertThat(texts.get(1)).startsWith("started on 144 GPUs of gb200-nvl72: 2 rack(s) in 1 block(s) at s");
        assertThat(texts.get(2))
                .isEqualTo("preempted for high (priority 1000); lost 288.0 GPU-hours since its last" + " checkpoint");
        assertThat(texts.get(3)).startsWith("resumed (run 2, 12.0 h left)");
        assertThat(r.history().entries().get(3).epochMs() - r.startMs()).isEqualTo((long) (15 * HOUR));
        assertThat(texts.get(4)).isEqualTo("finished");
    }

    @Test
    void weighedPreemptionWaitsUntilTheLowerJobHasLittleToLose() {
        // At 10 h, low would lose 2 h x 144 GPUs (288 GPU-hours) and pay a 10-minute requeue on each GPU (24): 312,
        // more than 4 x an hour of high's 72 GPUs (288), so nobody is stopped. high asks again later; at 12 h, as low
        // checkpoints, it would lose nothing and cost only its requeue: stopped then.
        RunResult r = run("", "low");
        assertThat(r.preemptions()).isEqualTo(1);
        assertThat(r.preemptionLostGpuMs()).isZero();
        List<JobHistory.Entry> entries = r.history().entries();
        assertThat(entries.get(2).text()).startsWith("preempted for high");
        assertThat(entries.get(2).epochMs() - r.startMs()).isEqualTo((long) (12 * HOUR));
        // With a larger ratio the first search is allowed, at 10 h.
        RunResult lenient = run("scheduler: {preemption: {maxCostRatio: 4.5}}", "low");
        assertThat(lenient.history().entries().get(2).epochMs() - lenient.startMs())
                .isEqualTo((long) (10 * HOUR));
    }

    @Test
    void withPreemptionOffTheHigherJobWaits() {
        RunResult r = run("scheduler: {preemption: {enabled: false}}", "high");
        assertThat(r.preemptions()).isZero();
        List<String> texts =
                r.history().entries().stream().map(JobHistory.Entry::text).toList();
        assertThat(texts.get(1)).startsWith("waiting: not yet examined: the fleet was full");
        assertThat(r.history().entries().get(2).epochMs() - r.startMs()).isEqualTo((long) (20 * HOUR));
    }
}
