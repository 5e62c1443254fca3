package io.ultrafleet.spec;

import java.util.List;

/**
 * When a generator's jobs arrive: a Poisson process whose rate (jobs per day) is piecewise constant, each {@link
 * RateStep} holding from its start until the next one; no arrivals before the first step or at or after {@code
 * endMs}.
 *
 * @param maxJobs stop after this many jobs, or -1 for no limit
 */
public record ArrivalSpec(List<RateStep> rates, long endMs, long maxJobs) {
    public ArrivalSpec {
        rates = List.copyOf(rates);
    }

    /** From {@code fromMs} on, {@code perDay} jobs arrive per day on average. */
    public record RateStep(long fromMs, double perDay) {}
}
