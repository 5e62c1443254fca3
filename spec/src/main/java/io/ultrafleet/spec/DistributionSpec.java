package io.ultrafleet.spec;

/**
 * A distribution of a non-negative quantity in its base unit (a count, or milliseconds for durations). Draws are
 * clamped to {@code [min, max]} when those are set.
 */
public sealed interface DistributionSpec {

    /** Always {@code value}. */
    public record Fixed(double value) implements DistributionSpec {}

    /** One of {@code values}, with probability proportional to {@code weights}. */
    public record Choice(double[] values, double[] weights) implements DistributionSpec {}

    /** Uniform on {@code [min, max]}. */
    public record Uniform(double min, double max) implements DistributionSpec {}

    /** Log-normal with the given median and shape sigma (of the underlying normal), clamped to {@code [min, max]}. */
    public record LogNormal(double median, double sigma, double min, double max) implements DistributionSpec {}

    /** Exponential with the given mean, clamped to {@code [min, max]}. */
    public record Exponential(double mean, double min, double max) implements DistributionSpec {}
}
