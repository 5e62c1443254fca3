package io.ultrafleet.twin.run;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.WaitReason;
import java.util.LinkedHashMap;
import java.util.Map;

/** The counts a finished run reports by name: racks per model, waiting jobs per reason, wait decisions per reason. */
final class RunTallies {
    private RunTallies() {}

    /** Racks online per hardware model, in first-delivery order. */
    static Map<String, Integer> racksByModel(FleetView state) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int m = 0; m < state.modelCount(); m++) {
            out.put(state.model(m).name(), state.onlineRacks(m));
        }
        return out;
    }

    /**
     * Waiting jobs per wait reason key, in the enum's order, reasons with none left out. A job no cycle has examined, in
     * a queue that {@code last} (the last cycle that examined jobs; null if none) passed over because its quota was
     * used up, waits for quota.
     */
    static Map<String, Long> waitingByReason(Iterable<Job> pending, CycleResult last) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (WaitReason r : WaitReason.values()) {
            out.put(r.key(), 0L);
        }
        for (Job j : pending) {
            boolean passedOver = last != null && last.passedOver(j.queue());
            out.merge(j.waitReason().shown(passedOver).key(), 1L, Long::sum);
        }
        out.values().removeIf(v -> v == 0L);
        return out;
    }

    /** Decisions per wait reason key ({@code counts} indexed by ordinal), reasons with none left out. */
    static Map<String, Long> decisionsByReason(long[] counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (WaitReason r : WaitReason.values()) {
            if (counts[r.ordinal()] > 0) {
                out.put(r.key(), counts[r.ordinal()]);
            }
        }
        return out;
    }
}
