package io.ultrafleet.twin.reliability;

import java.util.SplittableRandom;

/**
 * The rate of unexpected interruptions per GPU-hour, with a multiplier for a hardware generation and an optional
 * Weibull-shaped age factor. Immutable; times are hours as {@code double} unless a name ends in {@code Millis}.
 *
 * <p><b>Base rate.</b> By default {@link #LLAMA3_RATE_PER_GPU_HOUR} = 419 / (16,384 x 54 x 24) = 1.973e-5
 * interruptions per GPU-hour, Llama 3's unexpected interruptions over its GPU-hours (fleet-facts sections 3.1 and
 * 7.7, which round it to 2.0e-5). The unrounded value is kept so that the model reproduces the 419 it is calibrated
 * on (2.0e-5 would give 424.7).
 *
 * <p><b>Generation multiplier.</b> A factor {@code m} on the whole rate, for example 1.5 for an early hardware
 * generation (fleet-facts section 7.7: 1.0 default, 1.5-2.0 as a stress case; an assumption, no public field data).
 *
 * <p><b>Age factor.</b> With a Weibull shape {@code k} and scale {@code lambda} (hours), the rate of one GPU of age
 * {@code a} is {@code base * m * k * (a / lambda)^(k - 1)}: the Weibull hazard rescaled so that its cumulative
 * hazard over the first {@code lambda} hours equals the constant model's ({@code H(a) = base * m * lambda *
 * (a/lambda)^k}, so {@code H(lambda) = base * m * lambda}). {@code k = 1} gives exactly the base rate; {@code k < 1}
 * is infant mortality (a falling rate); {@code k > 1} is wear-out (a rising rate). A population of {@code N} GPUs is
 * taken to share one age (delivered together); a replaced part's younger age is ignored, a correction of 1 in N.
 */
public final class HazardModel {
    /** Llama 3's unexpected interruptions per GPU-hour: 419 / (16,384 GPUs x 54 days x 24 h). */
    public static final double LLAMA3_RATE_PER_GPU_HOUR = 419.0 / (16_384.0 * 54 * 24);

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private final double basePerGpuHour;
    private final double multiplier;
    private final double shape;
    private final double scaleHours;

    private HazardModel(double basePerGpuHour, double multiplier, double shape, double scaleHours) {
        if (!(basePerGpuHour >= 0) || Double.isInfinite(basePerGpuHour)) {
            throw new IllegalArgumentException("rate per GPU-hour must be finite and >= 0, found " + basePerGpuHour);
        }
        if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("generation multiplier must be finite and > 0, found " + multiplier);
        }
        if (!(shape > 0) || Double.isInfinite(shape)) {
            throw new IllegalArgumentException("Weibull shape must be finite and > 0, found " + shape);
        }
        if (!(scaleHours > 0)) {
            throw new IllegalArgumentException("Weibull scale must be > 0 hours, found " + scaleHours);
        }
        this.basePerGpuHour = basePerGpuHour;
        this.multiplier = multiplier;
        this.shape = shape;
        this.scaleHours = scaleHours;
    }

    /** The Llama 3 calibration: {@link #LLAMA3_RATE_PER_GPU_HOUR}, multiplier 1, no age factor. */
    public static HazardModel llama3() {
        return constant(LLAMA3_RATE_PER_GPU_HOUR);
    }

    /** A constant hazard of {@code ratePerGpuHour} interruptions per GPU-hour. */
    public static HazardModel constant(double ratePerGpuHour) {
        return new HazardModel(ratePerGpuHour, 1.0, 1.0, Double.POSITIVE_INFINITY);
    }

    /** This model with the generation multiplier {@code m} (replacing any previous one). */
    public HazardModel withGenerationMultiplier(double m) {
        return new HazardModel(basePerGpuHour, m, shape, scaleHours);
    }

    /** This model with a Weibull age factor of shape {@code k} and scale {@code scaleHours}. */
    public HazardModel withWeibullAge(double k, double scaleHours) {
        if (Double.isInfinite(scaleHours)) {
            throw new IllegalArgumentException("Weibull scale must be finite, found " + scaleHours);
        }
        return new HazardModel(basePerGpuHour, multiplier, k, scaleHours);
    }

    public double basePerGpuHour() {
        return basePerGpuHour;
    }

    public double generationMultiplier() {
        return multiplier;
    }

    /** Whether the rate depends on age (a Weibull factor with a shape other than 1). */
    public boolean ageDependent() {
        return shape != 1.0;
    }

    /** The rate per GPU-hour of one GPU at age {@code ageHours} (infinite at age 0 when k < 1). */
    public double ratePerGpuHour(double ageHours) {
        double c = basePerGpuHour * multiplier;
        if (!ageDependent()) {
            return c;
        }
        requireAge(ageHours);
        return c * shape * Math.pow(ageHours / scaleHours, shape - 1);
    }

    /** The cumulative hazard of one GPU from age 0 to {@code ageHours}: its expected interruptions. */
    public double cumulativePerGpu(double ageHours) {
        requireAge(ageHours);
        double c = basePerGpuHour * multiplier;
        if (!ageDependent()) {
            return c * ageHours;
        }
        return c * scaleHours * Math.pow(ageHours / scaleHours, shape);
    }

    /** Expected interruptions of a job on {@code gpus} GPUs of age 0 over {@code hours}. */
    public double expectedInterruptions(long gpus, double hours) {
        return expectedInterruptions(gpus, 0, hours);
    }

    /** Expected interruptions of {@code gpus} GPUs of age {@code ageHours} over the next {@code hours}. */
    public double expectedInterruptions(long gpus, double ageHours, double hours) {
        requireGpus(gpus);
        if (!(hours >= 0)) {
            throw new IllegalArgumentException("hours must be >= 0, found " + hours);
        }
        return gpus * (cumulativePerGpu(ageHours + hours) - cumulativePerGpu(ageHours));
    }

    /**
     * Mean time between interruptions of a job on {@code gpus} GPUs under the constant part of the hazard, {@code 1 /
     * (N * base * m)} hours (the age factor is ignored); infinite when the rate is 0.
     */
    public double jobMtbfHours(long gpus) {
        requireGpus(gpus);
        return 1.0 / (gpus * basePerGpuHour * multiplier);
    }

    /**
     * Hours from now to the next interruption among {@code gpus} GPUs of age {@code ageHours}, drawn exactly by
     * inverting the cumulative hazard: with {@code E} a standard exponential (from one {@code nextDouble()} as
     * {@code -ln(1 - u)}), the time {@code t} solves {@code N * (H(a + t) - H(a)) = E}. For a constant hazard that is
     * {@code E / (N * base * m)}; with the age factor it is {@code lambda * ((a/lambda)^k + E / (N c lambda))^(1/k) -
     * a}, computed as {@code a * expm1(log1p(y) / k)} for {@code a > 0}, {@code y = E / (N c lambda (a/lambda)^k)}, to
     * avoid cancellation at large ages. Successive draws, each from the age reached, form the non-homogeneous Poisson
     * process of the population. Returns positive infinity when the rate is 0.
     */
    public double nextFailureHours(long gpus, double ageHours, SplittableRandom rng) {
        requireGpus(gpus);
        requireAge(ageHours);
        double e = -Math.log1p(-rng.nextDouble());
        double c = gpus * basePerGpuHour * multiplier;
        if (c == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (!ageDependent()) {
            return e / c;
        }
        if (ageHours == 0) {
            return scaleHours * Math.pow(e / (c * scaleHours), 1 / shape);
        }
        double y = e / (c * scaleHours * Math.pow(ageHours / scaleHours, shape));
        return ageHours * Math.expm1(Math.log1p(y) / shape);
    }

    /**
     * {@link #nextFailureHours} in milliseconds: the population's age and the result are milliseconds, rounded to the
     * nearest; {@link Long#MAX_VALUE} when no failure will come.
     */
    public long nextFailureMillis(long gpus, long ageMillis, SplittableRandom rng) {
        double h = nextFailureHours(gpus, ageMillis / MILLIS_PER_HOUR, rng);
        double ms = Math.rint(h * MILLIS_PER_HOUR);
        return ms >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) ms;
    }

    private static void requireGpus(long gpus) {
        if (gpus < 1) {
            throw new IllegalArgumentException("a population needs at least 1 GPU, found " + gpus);
        }
    }

    private static void requireAge(double ageHours) {
        if (!(ageHours >= 0) || Double.isInfinite(ageHours)) {
            throw new IllegalArgumentException("age must be finite and >= 0 hours, found " + ageHours);
        }
    }

    @Override
    public String toString() {
        return "HazardModel[base=" + basePerGpuHour + "/GPU-h, multiplier=" + multiplier
                + (ageDependent() ? ", weibull k=" + shape + " scale=" + scaleHours + " h" : "") + "]";
    }
}
