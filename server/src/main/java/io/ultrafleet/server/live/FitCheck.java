package io.ultrafleet.server.live;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.placement.FlavorFilter;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.scheduling.sites.PlacementFacts;
import io.ultrafleet.scheduling.sites.SiteRules;
import io.ultrafleet.spec.FleetLayout;
import io.ultrafleet.spec.JobSubmission;
import io.ultrafleet.spec.PlacementSpec;
import io.ultrafleet.spec.ScenarioSpec;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.TopologyLevel;
import java.util.List;
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
    private final PlacementSpec placement;
    private final PlacementFacts facts;
    private final List<String> classes;
    private final Map<String, SiteRules> capOfClass = new ConcurrentHashMap<>();

    public FitCheck(ScenarioSpec spec, HardwareCatalogue catalogue) {
        this(spec, catalogue, null);
    }

    /** @param sites the sites' prices for a concentration cap by spend, or null when unknown */
    public FitCheck(ScenarioSpec spec, HardwareCatalogue catalogue, PlacementFacts sites) {
        FleetLayout layout = FleetLayout.of(spec.fleet(), catalogue);
        this.full = layout.emptyFleet();
        this.placement = spec.scheduler().placement();
        this.facts = sites;
        this.classes = spec.priorityClassNames();
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

    /**
     * The most GPUs a job of {@code s}'s shape could ever hold: the GPUs of one of its models in one group of its
     * required topology level (a block, a site, or the fleet), over the whole fleet once every delivery has arrived.
     * For messages that say what would fit.
     */
    public long largestFit(JobSubmission s) {
        Job job = JobFactory.create(s, 0, "check", 0, 0, 0, full);
        TopologyLevel level = job.required();
        Map<Long, Long> gpus = new java.util.HashMap<>();
        long most = 0;
        synchronized (this) {
            for (int rack = 0; rack < full.rackCount(); rack++) {
                int model = full.rackModel(rack);
                if (!job.allowsModel(model)) {
                    continue;
                }
                long group = level.groupOf(full.topology(), full.rackBlock(rack));
                long sum = gpus.merge(
                        group * full.modelCount() + model,
                        (long) full.model(model).gpusPerDomain(),
                        Long::sum);
                most = Math.max(most, sum);
            }
        }
        return most;
    }

    /** The names of the models the fleet has racks of once every delivery has arrived, in catalogue order. */
    public synchronized List<String> modelsPresent() {
        boolean[] present = new boolean[full.modelCount()];
        for (int rack = 0; rack < full.rackCount(); rack++) {
            present[full.rackModel(rack)] = true;
        }
        List<String> names = new java.util.ArrayList<>();
        for (int m = 0; m < present.length; m++) {
            if (present[m]) {
                names.add(full.model(m).name());
            }
        }
        return names;
    }

    /**
     * Whether the concentration cap could ever let a job of {@code s}'s shape, in a queue of {@code priorityClass}, run:
     * with nothing else held, at some provider its GPUs (or their cost, for a cap by spend) are within the class's
     * share of the whole fleet (or of its declared size). True when there is no cap or the class is not capped.
     */
    public boolean withinCap(JobSubmission s, String priorityClass) {
        int c = classes.indexOf(priorityClass);
        if (!placement.capped() || c < 0) {
            return true;
        }
        SiteRules rules = capRules(priorityClass, c);
        Job job = JobFactory.create(s, 0, "check", 0, 0, 0, full);
        synchronized (this) {
            return rules.restrict(full, job, FlavorFilter.ALL) != null;
        }
    }

    /**
     * The most GPUs a job of {@code priorityClass} (a capped class, as {@link #withinCap} found) may hold at one
     * provider once every delivery has arrived, for messages.
     */
    public long capGpus(String priorityClass) {
        int c = classes.indexOf(priorityClass);
        return capRules(priorityClass, c).cap().limit(c);
    }

    /** The site rules of a fleet whose only queue, 0, is of class {@code c}: the cap as it applies to that class. */
    private SiteRules capRules(String priorityClass, int c) {
        return capOfClass.computeIfAbsent(priorityClass, k -> placement.siteRules(facts, full, classes, new int[] {c}));
    }

    /** Whether the cap counts spend rather than GPUs. */
    public boolean capBySpend() {
        return placement.bySpend();
    }
}
