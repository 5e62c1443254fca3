package io.ultrafleet.scheduling.sites;

import java.util.Arrays;
import java.util.Objects;

/**
 * What site rules are computed from, beyond the fleet and the queues: per site, whether it only overflows committed
 * capacity, its marginal price and its carbon; per hardware model and site, what one GPU there costs (for a cap by
 * spend). A scenario's contracts and energy sections give them; a scheduler that knows neither has {@link #none}.
 * Numbering follows the fleet's: sites by index, models by index, {@code model * sites + site} for the weights.
 *
 * @param group per site, 0 for committed capacity, 1 for a site that only overflows it
 * @param price per site, the marginal price of a GPU-hour (0 where nothing prices it)
 * @param carbon per site, grams of CO2 per IT kWh (facility intensity); {@link Double#MAX_VALUE} where unknown
 * @param gpuWeights per {@code model * sites + site}, what one GPU counts in a cap by spend (its list price in
 *     micro-dollars an hour), or null when nothing is priced
 */
public record PlacementFacts(int[] group, double[] price, double[] carbon, long[] gpuWeights) {
    public PlacementFacts {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(carbon, "carbon");
        if (price.length != group.length || carbon.length != group.length) {
            throw new IllegalArgumentException("group, price and carbon must have one entry per site");
        }
        group = group.clone();
        price = price.clone();
        carbon = carbon.clone();
        gpuWeights = gpuWeights == null ? null : gpuWeights.clone();
    }

    /** Nothing known of {@code sites} sites: every site committed, unpriced and of the same carbon. */
    public static PlacementFacts none(int sites) {
        return new PlacementFacts(new int[sites], new double[sites], new double[sites], null);
    }

    /** How many sites the facts are about. */
    public int siteCount() {
        return group.length;
    }

    /** Whether some site only overflows committed capacity. */
    public boolean anyOverflowOnly() {
        for (int g : group) {
            if (g != 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int[] group() {
        return group.clone();
    }

    @Override
    public double[] price() {
        return price.clone();
    }

    @Override
    public double[] carbon() {
        return carbon.clone();
    }

    @Override
    public long[] gpuWeights() {
        return gpuWeights == null ? null : gpuWeights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlacementFacts f
                && Arrays.equals(group, f.group)
                && Arrays.equals(price, f.price)
                && Arrays.equals(carbon, f.carbon)
                && Arrays.equals(gpuWeights, f.gpuWeights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                Arrays.hashCode(group), Arrays.hashCode(price), Arrays.hashCode(carbon), Arrays.hashCode(gpuWeights));
    }

    @Override
    public String toString() {
        return "PlacementFacts[group=" + Arrays.toString(group) + ", price=" + Arrays.toString(price) + ", carbon="
                + Arrays.toString(carbon) + "]";
    }
}
