package io.ultrafleet.twin.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.forecast.DemandHistory;
import io.ultrafleet.forecast.Forecast;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.scheduling.sites.PlacementFacts;
import io.ultrafleet.twin.cost.PlacementRules;
import io.ultrafleet.twin.run.RunObserver;
import io.ultrafleet.twin.run.TwinRun;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import io.ultrafleet.workload.Job;
import java.io.StringReader;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A forecast chooses sites as the scenario's {@code scheduler.placement} says, like the twin it stands in for: three
 * jobs fill the cheap provider up to its 50 % cap and one fills the dear one; a job submitted an hour later waits,
 * although a host of the cheap provider is free, until the first jobs end. The forecast and the Slurm-style estimate
 * both say so, and the run agrees.
 */
class SiteRulesForecastTest {
    private static final HardwareCatalogue CATALOGUE = HardwareCatalogue.builtIn();

    private static final String YAML = """
            apiVersion: ultrafleet/v1
            name: capped-lab
            start: 2026-03-02
            horizon: 2026-03-05
            seed: 3
            fleet:
              providers:
                - {name: cheapco, regions: [{name: r1, sites: [{name: cheap, racksPerBlock: 4}]}]}
                - {name: dearco, regions: [{name: r2, sites: [{name: dear, racksPerBlock: 2}]}]}
              deliveries:
                - {site: dear, model: h100-hgx8, racks: 2, start: 2026-03-02}
                - {site: cheap, model: h100-hgx8, racks: 4, start: 2026-03-02}
            tenants:
              - name: lab
                queues:
                  - {name: train, priorityClass: training}
            training:
              jobs:
                - {name: a1, queue: lab/train, submit: 2026-03-02T00:00:00Z, gpus: 8, duration: 10h}
                - {name: a2, queue: lab/train, submit: 2026-03-02T00:00:00Z, gpus: 8, duration: 10h}
                - {name: a3, queue: lab/train, submit: 2026-03-02T00:00:00Z, gpus: 8, duration: 10h}
                - {name: b1, queue: lab/train, submit: 2026-03-02T00:01:00Z, gpus: 16, duration: 12h}
                - {name: late, queue: lab/train, submit: 2026-03-02T01:00:00Z, gpus: 8, duration: 1h}
            contracts:
              - {name: cheap-deal, provider: cheapco, start: 2026-01-01, end: 2027-01-01, billing: on-use,
                 gpuHourUsd: {h100-hgx8: 2.0}, sites: [cheap]}
              - {name: dear-deal, provider: dearco, start: 2026-01-01, end: 2027-01-01, billing: on-use,
                 gpuHourUsd: {h100-hgx8: 6.0}, sites: [dear]}
            scheduler:
              placement:
                policy: cost
                concentration: {maxShare: 0.5}
            """;

    /** Sites as the layout numbers them: the cheap provider is listed first. */
    private static final int CHEAP = 0;

    private static final int DEAR = 1;

    private static final long TEN_HOURS_IN =
            Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();

    @Test
    void aJobTheCapKeepsOffTheFreeCheapHostWaitsInTheForecastAsInTheRun() {
        Scenario s = new ScenarioLoader(CATALOGUE).load("capped-lab.yaml", new StringReader(YAML));
        RunHistory history = new RunHistory(ForecastSettings.DAY_MS * 7, 0);
        LiveSnapshot[] snapshot = new LiveSnapshot[1];
        DemandHistory[] past = new DemandHistory[1];
        Map<String, Job> jobs = new HashMap<>();
        TwinRun run = new TwinRun(s, CATALOGUE);
        run.observe(new RunObserver() {
            @Override
            public void submitted(Job job, View at) {
                history.submitted(job, at);
                jobs.put(job.name(), job);
                if (job.name().equals("late")) {
                    snapshot[0] = TwinSnapshots.of(s, at);
                    past[0] = history.upTo(history.mark(at.now()));
                }
            }

            @Override
            public void ended(Job job, long now) {
                history.ended(job, now);
            }
        });
        run.run();

        // the run: the cheap site first, up to the cap; the late job waits for the first ends
        for (String name : new String[] {"a1", "a2", "a3"}) {
            assertThat(siteOf(name, snapshot[0])).as(name).isEqualTo(CHEAP);
        }
        assertThat(siteOf("b1", snapshot[0])).isEqualTo(DEAR);
        long realStart = s.epoch().instant(jobs.get("late").firstStartMs()).toEpochMilli();
        assertThat(realStart).isEqualTo(TEN_HOURS_IN);

        long late = jobs.get("late").id();
        PlacementFacts facts = PlacementRules.facts(s, CATALOGUE);
        assertThat(facts.price()[CHEAP]).isLessThan(facts.price()[DEAR]);
        ForecastSettings settings =
                ForecastSettings.defaults().withReplications(4).withThreads(1).withHorizon(ForecastSettings.DAY_MS);
        try (Forecaster f = new Forecaster(CATALOGUE, s.reliability(), facts, settings, () -> 0L)) {
            assertThat(f.slurmStyleStart(snapshot[0], late).toEpochMilli()).isEqualTo(TEN_HOURS_IN);
            Forecast.JobStart start = f.forecastStart(snapshot[0], past[0], late);
            assertThat(start.p10().toEpochMilli()).isEqualTo(TEN_HOURS_IN);
            assertThat(start.p90().toEpochMilli()).isEqualTo(TEN_HOURS_IN);
            assertThat(start.withinHour()).isZero();
        }
    }

    /** The site of the first rack the running job holds in the snapshot. */
    private static int siteOf(String name, LiveSnapshot snapshot) {
        for (LiveSnapshot.Running r : snapshot.running()) {
            if (r.request().name().equals(name)) {
                return snapshot.racks().get(r.held().racks()[0]).site();
            }
        }
        throw new AssertionError(name + " is not running in the snapshot");
    }
}
