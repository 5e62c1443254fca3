package io.ultrafleet.twin.run;

import io.ultrafleet.time.Epoch;
import io.ultrafleet.twin.failures.ReliabilityLedger;
import io.ultrafleet.twin.metrics.QueueStats;
import io.ultrafleet.twin.metrics.TimeSeries;
import io.ultrafleet.twin.serving.ServingResult;
import java.util.List;
import java.util.Map;

/**
 * Everything a finished run reports. Times are epoch milliseconds (UTC); GPU time is in GPU-milliseconds.
 *
 * @param fleetGpus GPUs in the fleet at the end
 * @param modelRacks racks per hardware model at the end, in first-delivery order
 * @param preemptions times a running job was stopped for one of higher priority
 * @param preemptionLostGpuMs GPU-milliseconds of work lost by preempted jobs (since their last checkpoint)
 * @param elasticResizes times an elastic job was shrunk or grown
 * @param waitReasons pending jobs at the end, per wait reason key
 * @param waitDecisions times a scheduling cycle examined a job and left it waiting, per wait reason key
 * @param failuresEnabled whether the scenario's reliability section turned failures on
 * @param faults hardware and software faults drawn, whether or not they stopped a job
 * @param reliability interruptions, GPU time lost by cause, and ETTR
 * @param serving what the inference services and agent sessions did
 * @param history the decisions about the job asked for with {@code --explain}, or null
 * @param accounts cost, energy and carbon, and use per site
 */
public record RunResult(
        String scenario,
        long seed,
        long startMs,
        long endMs,
        long fleetGpus,
        int fleetRacks,
        long fleetVcpus,
        long cpuHosts,
        Map<String, Integer> modelRacks,
        long jobsSubmitted,
        long jobsStarted,
        long jobsCompleted,
        long jobsRunning,
        long jobsQueued,
        long onlineGpuMs,
        long allocatedGpuMs,
        long busyGpuMs,
        long preemptions,
        long preemptionLostGpuMs,
        long elasticResizes,
        List<QueueStats> queues,
        Map<String, Long> waitReasons,
        Map<String, Long> waitDecisions,
        long events,
        long schedulingCycles,
        TimeSeries timeSeries,
        JobHistory history,
        boolean failuresEnabled,
        long faults,
        ReliabilityLedger reliability,
        ServingResult serving,
        FleetAccounts accounts) {

    /** The run's start: time 0 of its clock, and of its time series. */
    public Epoch epoch() {
        return new Epoch(startMs);
    }

    /** Allocated as a share of online GPU time, in percent. */
    public double gpuAllocationPct() {
        return onlineGpuMs == 0 ? 0 : 100.0 * allocatedGpuMs / onlineGpuMs;
    }

    /** Busy as a share of online GPU time, in percent. */
    public double gpuBusyPct() {
        return onlineGpuMs == 0 ? 0 : 100.0 * busyGpuMs / onlineGpuMs;
    }
}
