package io.ultrafleet.server.live;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.spec.FleetLayout;
import io.ultrafleet.spec.JobSubmission;
import io.ultrafleet.spec.ScenarioSpec;
import io.ultrafleet.workload.Job;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a job could ever run: placed on the scenario's whole fleet, with every delivery arrived and nothing running.
 * A job that could not is refused at submission rather than left to wait for ever; one larger than what is online
 * today is accepted and waits. Answers are kept per shape (size, models, topology), so a burst of similar jobs is
 * checked once.
 */
public final class FitCheck {
    private record Shape(int gpus, int minGpus, long models, int required, int preferred) {}

    private final FleetState full;
    private final Map<Shape, Boolean> answers = new ConcurrentHashMap<>();

    public FitCheck(ScenarioSpec spec, HardwareCatalogue catalogue) {
        FleetLayout layout = FleetLayout.of(spec.fleet(), catalogue);
        this.full = layout.emptyFleet();
        ClusterState cluster = new ClusterState(full, new QueueBook());
        for (FleetLayout.Arrival a : layout.arrivals()) {
            for (int i = 0; i < a.racks(); i++) {
                cluster.addRack(a.site(), a.model());
            }
        }
    }

    /** A fleet of the scenario's models and sites (read only): to resolve names. */
    public FleetState fleet() {
        return full;
    }

    /** Whether {@code s} fits the whole fleet. */
    public boolean fits(JobSubmission s) {
        Job job = JobFactory.create(s, 0, "check", 0, 0, 0, full);
        Shape shape = new Shape(
                job.gpus(),
                job.minGpus(),
                job.modelMask(),
                job.required().ordinal(),
                job.preferred().ordinal());
        Boolean known = answers.get(shape);
        if (known != null) {
            return known;
        }
        boolean fits;
        synchronized (this) {
            fits = Placer.place(full, job).placed();
        }
        if (answers.size() < 100_000) {
            answers.put(shape, fits);
        }
        return fits;
    }
}
