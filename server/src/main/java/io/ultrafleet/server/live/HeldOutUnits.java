package io.ultrafleet.server.live;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.RackStatus;
import io.ultrafleet.scheduling.ClusterState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Units the live server keeps out of service though nothing failed: the free units of drained racks (no new work lands
 * there; running jobs carry on, and their units follow when they end), and those the executor's engine cannot use
 * (its nodes down, or unreachable). Changes the fleet only through the cluster. Used by the scheduler loop's thread
 * only.
 */
final class HeldOutUnits {
    private final ClusterState cluster;
    private final TreeMap<Integer, Long> drainHeld = new TreeMap<>();
    private final Map<Integer, Long> executorDown = new HashMap<>();

    HeldOutUnits(ClusterState cluster) {
        this.cluster = cluster;
    }

    boolean drained(int rack) {
        return drainHeld.containsKey(rack);
    }

    Set<Integer> drainedRacks() {
        return drainHeld.keySet();
    }

    /** Units of {@code rack} out of service because of its drain, not a failure. */
    long drainHeldMask(int rack) {
        return drainHeld.getOrDefault(rack, 0L);
    }

    /** Drains {@code rack} if it is not drained: its free units leave service now. True if it was not drained. */
    boolean drain(int rack) {
        if (drainHeld.containsKey(rack)) {
            return false;
        }
        drainHeld.put(rack, 0L);
        holdDrainedUnits();
        return true;
    }

    /** Ends {@code rack}'s drain, if any: the units its drain held come back. */
    void undrain(int rack) {
        Long held = drainHeld.remove(rack);
        if (held != null && held != 0) {
            cluster.bringUp(rack, held);
        }
    }

    /** Takes the free units of drained racks out of service, so that no new work lands there; true if any. */
    boolean holdDrainedUnits() {
        FleetView fleet = cluster.fleet();
        boolean changed = false;
        for (Map.Entry<Integer, Long> e : drainHeld.entrySet()) {
            int rack = e.getKey();
            if (fleet.rackStatus(rack) != RackStatus.ONLINE) {
                continue;
            }
            long free = fleet.rackFreeMask(rack);
            if (free != 0) {
                cluster.takeDown(rack, free);
                e.setValue(e.getValue() | free);
                changed = true;
            }
        }
        return changed;
    }

    /** The units out of service because the executor's engine cannot use them, by rack: a copy. */
    Map<Integer, Long> executorDown() {
        return new TreeMap<>(executorDown);
    }

    /**
     * Takes out of service the free units the executor says its engine cannot use, and returns those it can use
     * again; units a running job holds leave when the job does. True when anything changed.
     */
    boolean applyUnavailable(Map<Integer, Long> want) {
        FleetView fleet = cluster.fleet();
        boolean changed = false;
        Set<Integer> racks = new HashSet<>(executorDown.keySet());
        racks.addAll(want.keySet());
        for (int rack : racks) {
            if (rack >= fleet.rackCount() || fleet.rackStatus(rack) == RackStatus.GONE) {
                executorDown.remove(rack);
                continue;
            }
            long target = want.getOrDefault(rack, 0L);
            long held = executorDown.getOrDefault(rack, 0L);
            long up = held & ~target;
            if (up != 0) {
                cluster.bringUp(rack, up);
                held &= ~up;
                changed = true;
            }
            long down = target & ~held & fleet.rackFreeMask(rack);
            if (down != 0) {
                cluster.takeDown(rack, down);
                held |= down;
                changed = true;
            }
            if (held == 0) {
                executorDown.remove(rack);
            } else {
                executorDown.put(rack, held);
            }
        }
        return changed;
    }
}
