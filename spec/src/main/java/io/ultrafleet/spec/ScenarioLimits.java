package io.ultrafleet.spec;

/**
 * The ranges of the scenario's counts that other parts of Ultrafleet also need (the run's estimate, the scaler).
 * Every field's range is in {@code docs/scenario.md} or {@code docs/scenario-twin.md}; the ones here are those that
 * size a run.
 */
public final class ScenarioLimits {
    /** The most bytes a scenario file may have. */
    public static final int MAX_FILE_BYTES = 4 << 20;

    /** The most racks one delivery or decommission may name. */
    public static final int MAX_RACKS_PER_DELIVERY = 1_000_000;

    /** The most racks in one network block. */
    public static final int MAX_RACKS_PER_BLOCK = 10_000;

    /** The most hosts one step of a CPU pool's ramp may add. */
    public static final int MAX_HOSTS_PER_STEP = 10_000_000;

    /** The most GPUs a job may ask for, and the largest GPU count a generator may draw. */
    public static final int MAX_GPUS_PER_JOB = 10_000_000;

    /** The most GPUs a quota, a cohort limit or a workload class may name. */
    public static final long MAX_QUOTA_GPUS = 1_000_000_000L;

    /** The highest arrival rate of one generator, in jobs per day. */
    public static final double MAX_JOBS_PER_DAY = 10_000_000;

    /** The most jobs a generator's {@code maxJobs} may name. */
    public static final long MAX_JOBS = 1_000_000_000L;

    /** The most replicas of one inference service. */
    public static final int MAX_REPLICAS = 1_000_000;

    /** The highest request or session rate of a rate curve, per second. */
    public static final double MAX_PER_SECOND = 1e9;

    /** The largest multiplier of a fault rate. */
    public static final double MAX_MULTIPLIER = 1_000;

    /** The largest fault rate per GPU-hour. */
    public static final double MAX_HAZARD_PER_GPU_HOUR = 1;

    /** The longest run, from {@code start} to {@code horizon}: 36,500 days. */
    public static final long MAX_RUN_MS = Durations.MAX_MS;

    private ScenarioLimits() {}
}
