package io.ultrafleet.spec;

import java.util.List;
import java.util.Map;

/**
 * How the scheduler chooses among sites and providers: {@code scheduler.placement}. The policy orders the sites a job
 * may use (committed capacity always before overflow); the concentration cap limits any one provider's share of a
 * workload class (a priority class) at every instant.
 *
 * @param policy one of {@link #POLICIES}
 * @param maxShare largest share of a class's GPUs at one provider, in (0, 1]; 1 means no cap
 * @param classGpus size of a class in GPUs, by priority class name; a class not listed is as large as the fleet
 * @param bySpend whether the cap counts each GPU at its price (a share of the class's spend) rather than one each
 */
public record PlacementSpec(String policy, double maxShare, Map<String, Long> classGpus, boolean bySpend) {
    /** What the cap may count: GPUs, or spend. */
    public static final List<String> CAP_BASES = List.of("gpus", "spend");

    /** Policy names: the placer's topology choice alone, or sites by price, by carbon, or by free capacity. */
    public static final List<String> POLICIES = io.ultrafleet.scheduling.sites.SiteRankings.policies();

    public static final PlacementSpec DEFAULT = new PlacementSpec("topology", 1.0, Map.of());

    public PlacementSpec {
        classGpus = Map.copyOf(classGpus);
    }

    /** A cap by GPU share. */
    public PlacementSpec(String policy, double maxShare, Map<String, Long> classGpus) {
        this(policy, maxShare, classGpus, false);
    }

    /** Whether a concentration cap applies. */
    public boolean capped() {
        return maxShare < 1.0;
    }
}
