package io.ultrafleet.cli.bench;

import java.util.Map;

/**
 * What one simulator reported for the peer workload.
 *
 * @param wallS building the model and simulating, in seconds (JVM start and drawing the workload left out)
 * @param cpuS CPU time of its process over the same span (all threads), or -1 when unknown
 * @param events events the simulator processed
 * @param peakHeapMib the most heap in use, garbage included
 * @param peakLiveHeapMib the most heap still in use after a collection, or -1 when none ran
 * @param peakRssMib the process's peak resident set
 * @param workGpuMin GPU-minutes of work the completed jobs did
 * @param makespanMin when the last job ended, minutes from the start
 * @param waitMin minutes all jobs together waited between arrival and start
 */
public record PeerSide(
        String engine,
        double wallS,
        double cpuS,
        long events,
        double peakHeapMib,
        double peakLiveHeapMib,
        double peakRssMib,
        long jobsCompleted,
        long workGpuMin,
        double makespanMin,
        double waitMin) {

    static PeerSide of(Map<String, String> r) {
        return new PeerSide(
                r.get("engine"),
                Double.parseDouble(r.get("wall_s")),
                Double.parseDouble(r.getOrDefault("cpu_s", "-1")),
                Long.parseLong(r.get("events")),
                Double.parseDouble(r.get("peak_heap_mib")),
                Double.parseDouble(r.get("peak_live_heap_mib")),
                Double.parseDouble(r.get("peak_rss_mib")),
                Long.parseLong(r.get("jobs_completed")),
                Long.parseLong(r.get("work_gpu_min")),
                Double.parseDouble(r.get("makespan_min")),
                Double.parseDouble(r.get("wait_min")));
    }

    public double eventsPerS() {
        return wallS > 0 ? events / wallS : 0;
    }
}
