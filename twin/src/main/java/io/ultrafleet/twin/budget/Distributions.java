package io.ultrafleet.twin.budget;

import io.ultrafleet.spec.DistributionSpec;

/** The mean of a distribution as a scenario gives it, for estimates. */
final class Distributions {
    private Distributions() {}

    /** The mean, clamped to the distribution's bounds where it has them. */
    static double mean(DistributionSpec d) {
        if (d instanceof DistributionSpec.Fixed f) {
            return f.value();
        }
        if (d instanceof DistributionSpec.Choice c) {
            double sum = 0;
            double weights = 0;
            for (int i = 0; i < c.values().length; i++) {
                sum += c.values()[i] * c.weights()[i];
                weights += c.weights()[i];
            }
            return weights > 0 ? sum / weights : 0;
        }
        if (d instanceof DistributionSpec.Uniform u) {
            return (u.min() + u.max()) / 2;
        }
        if (d instanceof DistributionSpec.LogNormal l) {
            double mean = l.median() * Math.exp(l.sigma() * l.sigma() / 2);
            return Math.max(l.min(), Math.min(l.max(), mean));
        }
        DistributionSpec.Exponential e = (DistributionSpec.Exponential) d;
        return Math.max(e.min(), Math.min(e.max(), e.mean()));
    }
}
