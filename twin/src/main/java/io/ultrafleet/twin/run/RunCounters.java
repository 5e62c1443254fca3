package io.ultrafleet.twin.run;

import io.ultrafleet.workload.WaitReason;

/**
 * What a run counts as it goes: jobs submitted, started and completed, preemptions and resizes, scheduling cycles,
 * work lost to preemption, the GPUs running jobs compute on and those running and waiting jobs ask for, and the
 * interruptions of the time-series step in progress.
 */
final class RunCounters {
    long cycles;
    long submitted;
    long started;
    long completed;
    long preemptions;
    long resizes;
    long lostGpuMs;
    /** GPUs running jobs compute on now. */
    long busyGpus;
    /** GPUs asked for by the jobs submitted and not yet ended: running (at full size) or waiting. */
    long demandedGpus;
    /** Jobs stopped by faults since the last time-series row. */
    long interruptionsInStep;
    /** Over the run, how many times a cycle left a job waiting, per {@link WaitReason} ordinal. */
    final long[] waitDecisions = new long[WaitReason.values().length];
}
