package io.ultrafleet.twin.cost;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.sites.PlacementFacts;
import io.ultrafleet.scheduling.sites.SiteRules;
import io.ultrafleet.twin.fleet.FleetModel;
import io.ultrafleet.twin.scenario.EnergySpec;
import io.ultrafleet.twin.scenario.Scenario;

/**
 * The scheduler's site rules for a scenario ({@code scheduler.placement}): the site ranking of its policy, with sites
 * that only overflow capacity prices ranked after every contracted site, and the concentration cap per priority class.
 */
public final class PlacementRules {
    private PlacementRules() {}

    /**
     * @param tariffs the scenario's tariffs, or null when it prices nothing
     * @return {@link SiteRules#NONE} when the policy is {@code topology}, there is no overflow-only site and no cap
     */
    public static SiteRules of(Scenario scenario, FleetState state, Tariffs tariffs) {
        return scenario.scheduler()
                .placement()
                .siteRules(
                        facts(scenario, state, tariffs),
                        state,
                        scenario.spec().priorityClassNames(),
                        scenario.spec().classOfQueues());
    }

    /**
     * The scenario's facts of its sites, for a scheduler that does not run the twin (a live server, a forecast): its
     * fleet's sites and models numbered as {@link io.ultrafleet.spec.FleetLayout} numbers them.
     */
    public static PlacementFacts facts(Scenario scenario, HardwareCatalogue catalogue) {
        FleetModel fleet = new FleetModel(scenario.fleet(), catalogue, scenario.epoch());
        Tariffs tariffs = scenario.costs().priced()
                ? new Tariffs(scenario.costs(), fleet.state(), fleet.cpuPools(), scenario.epoch())
                : null;
        return facts(scenario, fleet.state(), tariffs);
    }

    /**
     * Committed sites in group 0, sites that only overflow in group 1 (when some overflow site has a price; else all
     * in one group), marginal prices, facility carbon, and list prices per model and site.
     */
    static PlacementFacts facts(Scenario scenario, FleetState state, Tariffs tariffs) {
        int sites = state.topology().siteCount();
        int[] group = new int[sites];
        boolean anyOverflowOnly = false;
        for (int s = 0; s < sites && tariffs != null; s++) {
            group[s] = tariffs.contracted(s) ? 0 : 1;
            anyOverflowOnly |= group[s] == 1 && tariffs.marginalPrice(s) > 0;
        }
        if (!anyOverflowOnly) {
            java.util.Arrays.fill(group, 0);
        }
        return new PlacementFacts(
                group, prices(tariffs, sites), carbon(scenario.energy(), state), priceWeights(state, tariffs));
    }

    private static double[] prices(Tariffs tariffs, int sites) {
        double[] score = new double[sites];
        for (int s = 0; s < sites && tariffs != null; s++) {
            score[s] = tariffs.marginalPrice(s);
        }
        return score;
    }

    /** Facility carbon per IT kWh: grid intensity x PUE; a site of unknown intensity comes last. */
    private static double[] carbon(EnergySpec energy, FleetState state) {
        int sites = state.topology().siteCount();
        double[] score = new double[sites];
        for (int s = 0; s < sites; s++) {
            String name = state.topology().siteName(s);
            double g = energy.site(name).gridGco2PerKwh();
            score[s] = Double.isNaN(g) ? Double.MAX_VALUE : g * energy.pueOf(name);
        }
        return score;
    }

    /**
     * Per model and site, the list price of a GPU-hour in micro-dollars: the rate of the first contract term or overflow
     * entry that prices it (a reserved contract's rate too, since the cap weighs money committed to a provider, not
     * the marginal cost); 0 where nothing prices it.
     */
    static long[] priceWeights(FleetState state, Tariffs tariffs) {
        int sites = state.topology().siteCount();
        int models = state.modelCount();
        long[] w = new long[models * sites];
        for (int m = 0; m < models && tariffs != null; m++) {
            for (int s = 0; s < sites; s++) {
                w[m * sites + s] = Math.round(tariffs.listPrice(s * models + m) * 1_000_000);
            }
        }
        return w;
    }
}
