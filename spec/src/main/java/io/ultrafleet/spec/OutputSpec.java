package io.ultrafleet.spec;

/** What the run writes: the step of the time series, in milliseconds (default one hour). */
public record OutputSpec(long timeSeriesStepMs) {
    public static final OutputSpec DEFAULT = new OutputSpec(3_600_000L);
}
