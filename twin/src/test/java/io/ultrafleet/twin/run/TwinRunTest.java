package io.ultrafleet.twin.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.twin.metrics.QueueStats;
import io.ultrafleet.twin.metrics.TimeSeries;
import io.ultrafleet.twin.output.SummaryJson;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class TwinRunTest {
    private static final double HOUR = 3_600_000.0;

    static final String TWO_JOBS = """
            apiVersion: ultrafleet/v1
            name: two-jobs
            start: 2026-01-01
            horizon: 2026-01-09   # the end of 9 January: 9 days
            fleet:
              providers:
                - name: p
                  regions:
                    - name: r
                      sites:
                        - {name: s, racksPerBlock: 2}
              deliveries:
                - {site: s, model: gb200-nvl72, racks: 4, start: 2026-01-01}
            tenants:
              - name: t
                queues:
                  - {name: q, priorityClass: training}
            training:
              jobs:
                - {name: a, queue: t/q, submit: 2026-01-01, gpus: 144, duration: 2d,
                   topology: {required: site}}
                - {name: b, queue: t/q, submit: "2026-01-01T01:00:00Z", gpus: 288, duration: 1d,
                   topology: {required: site}}
                - {name: c, queue: t/q, submit: "2026-01-01T02:00:00Z", gpus: 2, duration: 10h}
            """;

    static Scenario load(String yaml) {
        return new ScenarioLoader(HardwareCatalogue.builtIn()).load("test.yaml", new StringReader(yaml));
    }

    static RunResult run(String yaml) {
        return new TwinRun(load(yaml), HardwareCatalogue.builtIn()).run();
    }

    @Test
    void jobsArriveQueueRunAndFinishWithExactGpuHours() {
        RunResult r = run(TWO_JOBS);
        // a: 2 racks from 0 h to 48 h. b: 4 racks, the whole site, waits for a and holds the 2 free racks; the
        // hourly backfill pass reserves them for b from 48 h on, so c (2 GPUs for 10 h, ranked after b) backfills onto
        // one 4-GPU tray from 2 h to 12 h. b runs from 48 h to 72 h.
        assertThat(r.jobsSubmitted()).isEqualTo(3);
        assertThat(r.jobsCompleted()).isEqualTo(3);
        assertThat(r.fleetGpus()).isEqualTo(288);
        assertThat(r.onlineGpuMs() / HOUR).isEqualTo(288.0 * 9 * 24);
        double allocated = 144 * 48 + 288 * 24 + 4 * 10;
        double busy = 144 * 48 + 288 * 24 + 2 * 10;
        assertThat(r.allocatedGpuMs() / HOUR).isEqualTo(allocated);
        assertThat(r.busyGpuMs() / HOUR).isEqualTo(busy);
        QueueStats q = r.queues().get(0);
        assertThat(q.waitsMs().quantile(0.5) / HOUR).isEqualTo(0.0);
        assertThat(q.waitsMs().quantile(1.0) / HOUR).isEqualTo(47.0);
        assertThat(r.gpuAllocationPct()).isEqualTo(100.0 * allocated / (288 * 9 * 24));
    }

    @Test
    void timeSeriesHasHourlyMeansAndEndOfStepCounts() {
        RunResult r = run(TWO_JOBS);
        TimeSeries ts = r.timeSeries();
        assertThat(ts.size()).isEqualTo(9 * 24);
        int online = 0;
        int allocated = 1;
        int queued = 4;
        int running = 5;
        // Hour 1 (00:00-01:00): a holds 144 GPUs.
        assertThat(ts.value(0, online)).isEqualTo(288);
        assertThat(ts.value(0, allocated)).isEqualTo(144);
        // End of hour 3: a and c running (c backfilled), b queued.
        assertThat(ts.value(2, running)).isEqualTo(2);
        assertThat(ts.value(2, queued)).isEqualTo(1);
        assertThat(ts.value(2, allocated)).isEqualTo(148);
        assertThat(ts.value(2, 2)).isEqualTo(146);
        // Hour 73 (72:00-73:00): all done.
        assertThat(ts.value(72, allocated)).isZero();
        // Hour 49 (48:00-49:00): b holds the whole fleet.
        assertThat(ts.value(48, allocated)).isEqualTo(288);
        assertThat(ts.max(allocated)).isEqualTo(288);
    }

    @Test
    void timeSeriesHasDemandAndQueueLengthPerQueue() {
        RunResult r = run(TWO_JOBS);
        TimeSeries ts = r.timeSeries();
        assertThat(ts.columnNames())
                .startsWith(TimeSeries.COLUMNS)
                .contains("gpus_demanded", "inference_replicas", "agent_sessions")
                .containsSubsequence("rollout_vcpus", "power_mw", "jobs_queued.t/q")
                .endsWith("jobs_queued.t/q");
        int demanded = ts.columnNames().indexOf("gpus_demanded");
        int queuedQ = ts.columnNames().indexOf("jobs_queued.t/q");
        // End of hour 1: a runs (144), b arrived at 01:00 and waits (288).
        assertThat(ts.value(0, demanded)).isEqualTo(144 + 288);
        assertThat(ts.value(0, queuedQ)).isEqualTo(1);
        // End of hour 3: a and c running, b queued: all three asked for.
        assertThat(ts.value(2, demanded)).isEqualTo(144 + 288 + 2);
        assertThat(ts.value(2, queuedQ)).isEqualTo(1);
        // End of hour 13: c done; end of hour 49: a done, b running; end of hour 73: all done.
        assertThat(ts.value(12, demanded)).isEqualTo(144 + 288);
        assertThat(ts.value(48, demanded)).isEqualTo(288);
        assertThat(ts.value(48, queuedQ)).isZero();
        assertThat(ts.value(72, demanded)).isZero();
    }

    @Test
    void racksArriveInDailyBatchesAndDecommissionedOnesLeave() {
        String yaml = TWO_JOBS.replace(
                        "- {site: s, model: gb200-nvl72, racks: 4, start: 2026-01-01}",
                        "- {site: s, model: gb200-nvl72, racks: 6, start: 2026-01-01, end: 2026-01-03}\n"
                                + "  decommissions:\n"
                                + "    - {site: s, model: gb200-nvl72, racks: 5, at: 2026-01-05}")
                .replaceAll("(?s)training:.*", "");
        RunResult r = run(yaml);
        TimeSeries ts = r.timeSeries();
        int racks = 3;
        assertThat(ts.value(0, racks)).isEqualTo(2);
        assertThat(ts.value(24, racks)).isEqualTo(4);
        assertThat(ts.value(48, racks)).isEqualTo(6);
        assertThat(ts.value(4 * 24, racks)).isEqualTo(1);
        assertThat(r.fleetRacks()).isEqualTo(1);
    }

    @Test
    void generatedJobsFollowTheArrivalRate() {
        String yaml = TWO_JOBS.replaceAll("(?s)  jobs:.*", """
                  generators:
                    - name: small
                      queue: t/q
                      arrivals: {perDay: 240}
                      gpus: {dist: choice, values: [1, 2, 4]}
                      duration: {dist: exponential, mean: 30m}
                """);
        RunResult r = run(yaml);
        // 9 days at 240 per day: 2,160 expected, Poisson sd about 46.
        assertThat(r.jobsSubmitted()).isBetween(1_980L, 2_340L);
        assertThat(r.jobsCompleted() + r.jobsRunning()).isEqualTo(r.jobsSubmitted());
    }

    @Test
    void sameSeedGivesIdenticalSummaryBytesAndAnotherSeedDoesNot() {
        String yaml = TWO_JOBS.replaceAll("(?s)  jobs:.*", """
                  generators:
                    - name: mix
                      queue: t/q
                      arrivals: {perDay: 50}
                      gpus: {dist: choice, values: [4, 16, 72, 144]}
                      duration: {dist: lognormal, median: 3h, sigma: 1}
                """);
        Scenario s = load(yaml);
        String a = SummaryJson.toJson(new TwinRun(s, HardwareCatalogue.builtIn()).run());
        String b = SummaryJson.toJson(new TwinRun(s, HardwareCatalogue.builtIn()).run());
        String c = SummaryJson.toJson(new TwinRun(s.with(2, s.endMs()), HardwareCatalogue.builtIn()).run());
        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
        assertThat(a).contains("\"schema\": \"ultrafleet.summary/v1\"");
    }
}
