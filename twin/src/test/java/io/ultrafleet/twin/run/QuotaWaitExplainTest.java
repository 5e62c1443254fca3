package io.ultrafleet.twin.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * --explain of a job whose queue's quota is used up: a cycle examines the queue's first waiting job and passes over
 * the rest, and the jobs it passed over are explained as waiting for quota, not as never examined.
 */
class QuotaWaitExplainTest {
    private static final double HOUR = 3_600_000.0;

    private static final String YAML = """
            apiVersion: ultrafleet/v1
            name: quota-wait
            start: 2026-01-01
            horizon: %s
            fleet:
              providers: [{name: p, regions: [{name: r, sites: [{name: s, racksPerBlock: 2}]}]}]
              deliveries: [{site: s, model: gb200-nvl72, racks: 2, start: 2026-01-01}]
            tenants:
              - name: t
                queues:
                  - name: q
                    priorityClass: research
                    quotas: [{flavor: gb200-nvl72, nominalGpus: 72, borrowingLimitGpus: 0}]
            training:
              jobs:
                - {name: a, queue: t/q, submit: 2026-01-01, gpus: 72, duration: 10h}
                - {name: b, queue: t/q, submit: "2026-01-01T00:00:01Z", gpus: 72, duration: 10h}
                - {name: c, queue: t/q, submit: "2026-01-01T00:00:02Z", gpus: 72, duration: 10h}
            """;

    private static RunResult explain(String job) {
        TwinRun run = new TwinRun(TwinRunTest.load(YAML.formatted("2026-01-03")), HardwareCatalogue.builtIn());
        run.explain(job);
        return run.run();
    }

    @Test
    void theJobsACyclePassesOverWaitForQuota() {
        RunResult r = explain("c");
        List<String> texts =
                r.history().entries().stream().map(JobHistory.Entry::text).toList();
        assertThat(texts.get(1))
                .isEqualTo("waiting: queue quota would be exceeded (its queue's quota is used up: the scheduler passes"
                        + " over the rest of its queue until some of it is free)");
        assertThat(texts).noneMatch(t -> t.contains("not yet examined"));
        // a runs 0-10 h, b 10-20 h, c from 20 h
        assertThat(texts.get(texts.size() - 2)).startsWith("started on 72 GPUs");
        assertThat(r.history().entries().get(texts.size() - 2).epochMs() - r.startMs())
                .isEqualTo((long) (20 * HOUR));
    }

    @Test
    void theJobACycleExaminesSaysWhyItself() {
        List<String> texts = explain("b").history().entries().stream()
                .map(JobHistory.Entry::text)
                .toList();
        assertThat(texts.get(1))
                .startsWith("waiting: queue quota would be exceeded")
                .doesNotContain("passes over");
    }

    @Test
    void theQueuedAtTheEndCountThemAsWaitingForQuota() {
        // at 5 h, a runs; b was examined and refused, c passed over
        RunResult r = new TwinRun(
                        TwinRunTest.load(YAML.formatted("\"2026-01-01T05:00:00Z\"")), HardwareCatalogue.builtIn())
                .run();
        assertThat(r.waitReasons()).containsExactlyEntriesOf(java.util.Map.of("quota", 2L));
    }
}
