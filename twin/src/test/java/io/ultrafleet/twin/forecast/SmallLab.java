package io.ultrafleet.twin.forecast;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.forecast.DemandHistory;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.twin.run.RunObserver;
import io.ultrafleet.twin.run.TwinRun;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import io.ultrafleet.workload.Job;
import java.io.StringReader;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small busy cluster for forecast tests: 16 H100 hosts in two blocks, a research queue that waits and a production
 * queue that outranks it, faults often enough to matter, and a second host delivery on day 6.
 */
final class SmallLab {
    static final HardwareCatalogue CATALOGUE = HardwareCatalogue.builtIn();

    static final String YAML = """
            apiVersion: ultrafleet/v1
            name: small-lab
            start: 2026-03-02
            horizon: 2026-03-20
            seed: 11
            fleet:
              providers: [{name: p, regions: [{name: r, sites: [{name: s, racksPerBlock: 8}]}]}]
              deliveries:
                - {site: s, model: h100-hgx8, racks: 12, start: 2026-03-02}
                - {site: s, model: h100-hgx8, racks: 4, start: 2026-03-08}
            tenants:
              - name: lab
                queues:
                  - {name: research, priorityClass: research}
                  - {name: eval, priorityClass: production}
            training:
              generators:
                - name: research
                  queue: lab/research
                  arrivals: {perDay: 40}
                  gpus: {dist: choice, values: [8, 16, 32], weights: [3, 2, 1]}
                  duration: {dist: lognormal, median: 3h, sigma: 0.7, min: 20m, max: 2d}
                  checkpointInterval: 1h
                  estimateFactor: 2
                - name: eval
                  queue: lab/eval
                  arrivals: {perDay: 12}
                  gpus: {dist: fixed, value: 8}
                  duration: {dist: lognormal, median: 1h, sigma: 0.4}
                  estimateFactor: 2
              %s
            reliability:
              hazardPerGpuHour: 2e-4
              trayRepair: 12h
              rackRepair: 12h
            """;

    private SmallLab() {}

    /** The lab, with {@code jobs} given one by one as YAML list items (or nothing). */
    static Scenario scenario(String jobs) {
        String extra = jobs.isEmpty() ? "" : "jobs:\n    " + jobs;
        return new ScenarioLoader(CATALOGUE).load("small-lab.yaml", new StringReader(YAML.formatted(extra)));
    }

    static Scenario scenario() {
        return scenario("");
    }

    /** Absolute milliseconds of an instant given as text. */
    static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    /**
     * The run's state and history at the first submission at or after {@code after} (scheduler time) whose job is
     * still waiting when submitted behind others, as a back-test would see it.
     */
    static Taken snapshotAt(Scenario s, long after) {
        RunHistory history = new RunHistory(ForecastSettings.DAY_MS * 7, 0);
        AtomicReference<Taken> taken = new AtomicReference<>();
        TwinRun run = new TwinRun(s, CATALOGUE);
        run.observe(new RunObserver() {
            @Override
            public void submitted(Job job, View at) {
                history.submitted(job, at);
                if (taken.get() == null && at.now() >= after && !at.running().isEmpty()) {
                    int waiting = 0;
                    for (Job ignored : at.pending()) {
                        waiting++;
                    }
                    if (waiting > 3) {
                        taken.set(new Taken(TwinSnapshots.of(s, at), history.upTo(history.mark(at.now())), job));
                    }
                }
            }

            @Override
            public void ended(Job job, long now) {
                history.ended(job, now);
            }
        });
        run.run();
        if (taken.get() == null) {
            throw new IllegalStateException("no queue formed in " + s.name());
        }
        return taken.get();
    }

    /** A snapshot, the history up to it, and the job just submitted. */
    record Taken(LiveSnapshot snapshot, DemandHistory history, Job job) {}
}
