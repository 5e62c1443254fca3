package io.ultrafleet.spec;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.sites.ConcentrationCap;
import io.ultrafleet.scheduling.sites.PlacementFacts;
import io.ultrafleet.scheduling.sites.SiteRanking;
import io.ultrafleet.scheduling.sites.SiteRankings;
import io.ultrafleet.scheduling.sites.SiteRules;
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

    /**
     * The scheduler's site rules this placement asks for: the site ranking its policy names (sites that only overflow
     * committed capacity ranked after every committed site, whatever the policy), and the concentration cap.
     *
     * @param sites the sites' groups, prices and carbon, numbered as {@code fleet} numbers sites and models; null when
     *     nothing is known of them (every site committed, unpriced and of the same carbon)
     * @param fleet the fleet the rules apply to; its sites and providers are fixed, its racks may come and go
     * @param classes the priority classes' names, by index
     * @param classOfQueue each queue's priority class index (-1 for none), by queue index; queues added later are put
     *     in their class with {@link ConcentrationCap#assign}
     * @return {@link SiteRules#NONE} when the policy is {@code topology}, no site only overflows and there is no cap
     */
    public SiteRules siteRules(PlacementFacts sites, FleetView fleet, List<String> classes, int[] classOfQueue) {
        PlacementFacts facts =
                sites == null ? PlacementFacts.none(fleet.topology().siteCount()) : sites;
        if (facts.siteCount() != fleet.topology().siteCount()) {
            throw new IllegalArgumentException("placement facts for " + facts.siteCount() + " sites, the fleet has "
                    + fleet.topology().siteCount());
        }
        SiteRanking ranking = SiteRankings.byName(policy, facts)
                .orElse(facts.anyOverflowOnly() ? SiteRanking.fixed(facts.group(), null) : null);
        ConcentrationCap cap = null;
        if (capped()) {
            long[] sizes = new long[classes.size()];
            for (int c = 0; c < sizes.length; c++) {
                sizes[c] = classGpus.getOrDefault(classes.get(c), -1L);
            }
            cap = new ConcentrationCap(maxShare, classOfQueue, sizes, fleet, bySpend ? facts.gpuWeights() : null);
        }
        return cap == null && ranking == null ? SiteRules.NONE : new SiteRules(cap, ranking);
    }
}
