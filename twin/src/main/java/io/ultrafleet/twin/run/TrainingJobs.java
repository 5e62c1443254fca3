package io.ultrafleet.twin.run;

import io.ultrafleet.spec.TrainingSpec.GeneratorSpec;
import io.ultrafleet.spec.TrainingSpec.JobSpec;
import io.ultrafleet.twin.demand.GeneratorDraws;
import io.ultrafleet.twin.engine.RandomStreams;
import io.ultrafleet.twin.scenario.Scenario;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every training job a run of the scenario submits, explicit and generated, in submission order: the same jobs a twin
 * run sees (same streams), for feeding them to a live server ({@code ultrafleet load}).
 */
public final class TrainingJobs {
    /** A job to submit at {@code job.submitMs()}, with the fewest GPUs it runs on. */
    public record Submission(JobSpec job, int minGpus) {}

    private TrainingJobs() {}

    public static List<Submission> of(Scenario scenario) {
        List<Submission> out = new ArrayList<>();
        for (JobSpec js : scenario.training().jobs()) {
            if (js.submitMs() < scenario.endMs()) {
                out.add(new Submission(js, js.recovery().minGpusOf(js.gpus(), false)));
            }
        }
        RandomStreams streams = new RandomStreams(scenario.seed());
        for (GeneratorSpec g : scenario.training().generators()) {
            GeneratorDraws draws =
                    new GeneratorDraws(g, streams, scenario.epoch().startMs() - 1, scenario.endMs());
            for (long at = draws.nextArrival(); at >= 0; at = draws.nextArrival()) {
                GeneratorDraws.Draw d = draws.draw(at);
                JobSpec js = new JobSpec(
                        d.name(), g.queue(), at, d.gpus(), d.durationMs(), g.topology(), g.models(), g.recovery());
                out.add(new Submission(js, g.recovery().minGpusOf(d.gpus(), true)));
            }
        }
        out.sort(Comparator.comparingLong(s -> s.job().submitMs()));
        return out;
    }
}
