package io.ultrafleet.twin.demand;

import io.ultrafleet.spec.DistributionSpec;
import java.util.SplittableRandom;

/**
 * Draws from a {@link DistributionSpec} with one named random stream. Only {@code nextDouble()} of the stream is
 * used (the normal variate comes from Box-Muller written here), so draws are the same on every Java version.
 */
public final class Sampler {
    private final DistributionSpec spec;
    private final SplittableRandom random;
    private final double[] cumulative;

    public Sampler(DistributionSpec spec, SplittableRandom random) {
        this.spec = spec;
        this.random = random;
        if (spec instanceof DistributionSpec.Choice c) {
            cumulative = new double[c.weights().length];
            double sum = 0;
            for (int i = 0; i < cumulative.length; i++) {
                sum += c.weights()[i];
                cumulative[i] = sum;
            }
        } else {
            cumulative = null;
        }
    }

    /** One draw. */
    public double next() {
        if (spec instanceof DistributionSpec.Fixed f) {
            return f.value();
        }
        if (spec instanceof DistributionSpec.Choice c) {
            double u = random.nextDouble() * cumulative[cumulative.length - 1];
            for (int i = 0; i < cumulative.length; i++) {
                if (u < cumulative[i]) {
                    return c.values()[i];
                }
            }
            return c.values()[c.values().length - 1];
        }
        if (spec instanceof DistributionSpec.Uniform u) {
            return u.min() + (u.max() - u.min()) * random.nextDouble();
        }
        if (spec instanceof DistributionSpec.LogNormal l) {
            return clamp(l.median() * Math.exp(l.sigma() * standardNormal(random)), l.min(), l.max());
        }
        DistributionSpec.Exponential e = (DistributionSpec.Exponential) spec;
        return clamp(exponential(random, e.mean()), e.min(), e.max());
    }

    /** An exponential variate with the given mean. */
    public static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(1.0 - random.nextDouble());
    }

    /** A standard normal variate by the Box-Muller transform. */
    static double standardNormal(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
