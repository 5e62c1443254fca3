package io.ultrafleet.twin.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An elastic job end to end: starts small, grows, and its end time follows from the work it did at each size. */
class ElasticRunTest {
    private static final double HOUR = 3_600_000.0;

    static final String YAML = """
            apiVersion: ultrafleet/v1
            name: elastic
            start: 2026-01-01
            horizon: 2026-01-04
            fleet:
              providers: [{name: p, regions: [{name: r, sites: [{name: s, racksPerBlock: 4}]}]}]
              deliveries: [{site: s, model: gb200-nvl72, racks: 4, start: 2026-01-01}]
            tenants: [{name: t, queues: [{name: q, priorityClass: training}]}]
            training:
              jobs:
                - {name: other, queue: t/q, submit: 2026-01-01, gpus: 144, duration: 10h}
                - {name: el, queue: t/q, submit: "2026-01-01T00:00:01Z", gpus: 288, minGpus: 144, duration: 20h,
                   checkpointInterval: 1h}
            """;

    @Test
    void elasticJobGrowsWhenCapacityFreesAndFinishesWhenItsWorkIsDone() {
        TwinRun run = new TwinRun(TwinRunTest.load(YAML), HardwareCatalogue.builtIn());
        run.explain("el");
        RunResult r = run.run();
        List<String> texts =
                r.history().entries().stream().map(JobHistory.Entry::text).toList();
        assertThat(texts.get(1)).startsWith("started on 144 GPUs");
        assertThat(texts.get(2)).isEqualTo("grew to 288 GPUs");
        assertThat(texts.get(3)).isEqualTo("finished");
        // From 1 s to 10 h at half size: (10 h - 1 s) / 2 of full-size work; the rest at full size from 10 h.
        long ranHalf = (long) (10 * HOUR) - 1_000L;
        long leftAtFull = (long) (20 * HOUR) - ranHalf / 2;
        long end = r.history().entries().get(3).epochMs() - r.startMs();
        assertThat(end).isEqualTo((long) (10 * HOUR) + leftAtFull);
        assertThat(r.elasticResizes()).isEqualTo(1);
        // Busy GPU time: other 144 x 10 h; el 144 on half size, then 288 until its end.
        assertThat(r.busyGpuMs()).isEqualTo((long) (144 * 10 * HOUR) + 144 * ranHalf + 288 * leftAtFull);
        assertThat(r.queues().get(0).busyGpuMs()).isEqualTo(r.busyGpuMs());
    }

    @Test
    void elasticJobCarriesOnSmallerWhenATrayUnderItFails() {
        String yaml = YAML.replace("horizon: 2026-01-04", "horizon: 2026-01-20").replaceAll("(?s)  jobs:.*", """
                  jobs:
                    - {name: el, queue: t/q, submit: 2026-01-01, gpus: 288, minGpus: 144, duration: 100h,
                       checkpointInterval: 30m, checkpointStall: 10s, restartOverhead: 5m}
                reliability:
                  hazardPerGpuHour: 2e-3
                  trayRepair: 6h
                """);
        TwinRun run = new TwinRun(TwinRunTest.load(yaml), HardwareCatalogue.builtIn());
        run.explain("el");
        RunResult r = run.run();
        List<String> texts =
                r.history().entries().stream().map(JobHistory.Entry::text).toList();
        // A tray fault under one of its racks: it goes on with the other three, from its last checkpoint.
        assertThat(texts).anyMatch(t -> t.startsWith("carried on with 216 GPUs after a failure"));
        // A software fault stops it whole; with a rack still under repair it restarts smaller rather than wait.
        assertThat(texts).anyMatch(t -> t.matches("resumed \\(run \\d+, .*\\) on 216 GPUs.*"));
        assertThat(r.reliability().interruptionsTotal()).isGreaterThan(10);
        assertThat(r.reliability().ettr()).isBetween(0.1, 1.0);
    }
}
