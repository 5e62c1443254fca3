package io.ultrafleet.scheduling.sites;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The site rankings a placement policy can name ({@code scheduler.placement.policy}), in one explicit registry:
 * {@code cost} (committed capacity first, then the cheapest site), {@code carbon} (the least carbon per IT kWh) and
 * {@code free-capacity} (the most wholly free GPUs, spreading load). The policy {@code topology} has no ranking of its
 * own: the placer's topology-aware choice alone decides.
 */
public final class SiteRankings {
    /** The policy that ranks no site before another. */
    public static final String TOPOLOGY = "topology";

    private static final Map<String, Function<PlacementFacts, SiteRanking>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("cost", f -> SiteRanking.fixed(f.group(), f.price()));
        REGISTRY.put("carbon", f -> SiteRanking.fixed(f.group(), f.carbon()));
        REGISTRY.put("free-capacity", f -> SiteRanking.byFreeCapacity(f.group()));
    }

    private SiteRankings() {}

    /** The ranking the policy names, or empty for {@value #TOPOLOGY} (or a name the registry does not have). */
    public static Optional<SiteRanking> byName(String policy, PlacementFacts facts) {
        Function<PlacementFacts, SiteRanking> make = REGISTRY.get(policy);
        return make == null ? Optional.empty() : Optional.of(make.apply(facts));
    }

    /** Every policy a scenario may name, {@value #TOPOLOGY} first. */
    public static List<String> policies() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>(List.of(TOPOLOGY));
        out.addAll(REGISTRY.keySet());
        return List.copyOf(out);
    }
}
