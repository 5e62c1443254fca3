package io.ultrafleet.twin.run;

import io.ultrafleet.spec.TrainingSpec.GeneratorSpec;
import io.ultrafleet.spec.TrainingSpec.JobSpec;
import io.ultrafleet.time.Epoch;
import io.ultrafleet.twin.demand.GeneratorDraws;
import io.ultrafleet.twin.engine.RandomStreams;
import io.ultrafleet.twin.engine.Simulation;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.workload.Job;
import java.util.function.Consumer;

/**
 * Submits the scenario's training jobs: explicit ones at their submit time, generated ones from each generator's
 * arrival process. Each generator draws from its own named streams ({@code training/NAME/arrivals}, {@code /gpus},
 * {@code /duration}), so adding a generator leaves the others' jobs unchanged. A generator keeps one arrival event
 * queued at a time.
 */
final class TrainingDemand {
    private final Scenario scenario;
    private final JobCatalog catalog;
    private final Simulation sim;
    private final RandomStreams streams;
    private final Consumer<Job> submit;

    TrainingDemand(Scenario scenario, JobCatalog catalog, Simulation sim, RandomStreams streams, Consumer<Job> submit) {
        this.scenario = scenario;
        this.catalog = catalog;
        this.sim = sim;
        this.streams = streams;
        this.submit = submit;
    }

    void schedule() {
        Epoch epoch = scenario.epoch();
        for (JobSpec js : scenario.training().jobs()) {
            if (js.submitMs() < scenario.endMs()) {
                sim.at(
                        epoch.toTime(js.submitMs()),
                        now -> submit.accept(catalog.newJob(
                                js.name(),
                                js.queue(),
                                js.submitMs(),
                                js.gpus(),
                                js.durationMs(),
                                js.topology(),
                                js.models(),
                                js.recovery(),
                                false)));
            }
        }
        for (GeneratorSpec g : scenario.training().generators()) {
            new Generator(g).arm();
        }
    }

    private final class Generator {
        private final GeneratorSpec spec;
        private final GeneratorDraws draws;

        Generator(GeneratorSpec spec) {
            this.spec = spec;
            this.draws = new GeneratorDraws(spec, streams, scenario.epoch().startMs() - 1, scenario.endMs());
        }

        void arm() {
            long next = draws.nextArrival();
            if (next >= 0) {
                sim.at(scenario.epoch().toTime(next), now -> fire(next));
            }
        }

        private void fire(long epochMs) {
            GeneratorDraws.Draw d = draws.draw(epochMs);
            submit.accept(catalog.newJob(
                    d.name(),
                    spec.queue(),
                    epochMs,
                    d.gpus(),
                    d.durationMs(),
                    spec.topology(),
                    spec.models(),
                    spec.recovery(),
                    true));
            arm();
        }
    }
}
