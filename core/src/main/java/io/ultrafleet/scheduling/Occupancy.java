package io.ultrafleet.scheduling;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.scheduling.placement.Placement;
import io.ultrafleet.workload.Job;
import java.util.Arrays;

/**
 * Which job holds each tray (or host) of each rack, and, per rack, when the last of its holders is expected to end and
 * the highest priority among them. Kept by {@link ClusterState}, its one writer; read by backfill (when racks free
 * up), preemption (who would have to go) and failures (whom a fault stops).
 *
 * <p>A job holding a whole rack, the common case of a gang, is recorded once for the rack rather than once per tray,
 * so that starting and stopping a 512-rack gang touches 512 slots, not 9,216. Flat arrays: {@code rack * stride +
 * unit}.
 */
public final class Occupancy {
    private static final int EMPTY = Integer.MIN_VALUE;
    private final FleetView fleet;
    private final int stride;
    private Job[] holders = new Job[0];
    // per unit held tray by tray, its holder's expected end and priority when it joined (a running job's expected end
    // changes only with its size, and a resize records it again), so that a rack's summary is counted again from flat
    // arrays without visiting the holders
    private long[] slotEnd = new long[0];
    private int[] slotPriority = new int[0];
    private Job[] wholeHolder = new Job[0];
    private int[] heldUnits = new int[0];
    private int[] highestPriority = new int[0];
    private long[] busyUntil = new long[0];
    // per rack and per block, a count of the changes to their holders
    private int[] rackVersion = new int[0];
    private int[] blockVersion = new int[0];
    // per block, the racks preemption could free whole (held, in service, no unit down), counted by the highest
    // priority among their holders (index into priorities); per rack, the index it is counted under (-1: none);
    // per block, the fleet's service version when its racks were last checked
    private int[] priorities = new int[0];
    private int[][] heldByPriority = new int[0][];
    private int[] countedAs = new int[0];
    private int lastIndex = -1;
    private int[] serviceSeen = new int[0];

    Occupancy(FleetView fleet) {
        this.fleet = fleet;
        int max = 1;
        for (int m = 0; m < fleet.modelCount(); m++) {
            max = Math.max(max, fleet.model(m).unitsPerDomain());
        }
        this.stride = max;
    }

    private void ensure(int racks) {
        if (racks > busyUntil.length) {
            int n = Math.max(racks, busyUntil.length * 2);
            int old = busyUntil.length;
            holders = Arrays.copyOf(holders, n * stride);
            slotEnd = Arrays.copyOf(slotEnd, n * stride);
            slotPriority = Arrays.copyOf(slotPriority, n * stride);
            wholeHolder = Arrays.copyOf(wholeHolder, n);
            heldUnits = Arrays.copyOf(heldUnits, n);
            highestPriority = Arrays.copyOf(highestPriority, n);
            Arrays.fill(highestPriority, old, n, EMPTY);
            countedAs = Arrays.copyOf(countedAs, n);
            Arrays.fill(countedAs, old, n, -1);
            busyUntil = Arrays.copyOf(busyUntil, n);
            rackVersion = Arrays.copyOf(rackVersion, n);
        }
    }

    private int unitsOf(int rack) {
        return fleet.model(fleet.rackModel(rack)).unitsPerDomain();
    }

    /** Records {@code job} on the units of {@code p}. */
    void add(Job job, Placement p) {
        add(job, p.racks(), p.unitMasks());
    }

    /** Records {@code job} on the given units. */
    void add(Job job, int[] racks, long[] masks) {
        long end = job.expectedEndMs();
        for (int i = 0; i < racks.length; i++) {
            int rack = racks[i];
            ensure(rack + 1);
            long mask = masks[i];
            int units = unitsOf(rack);
            if (mask == HardwareModel.fullMask(units) && heldUnits[rack] == 0) {
                wholeHolder[rack] = job;
            } else {
                if (wholeHolder[rack] != null) {
                    throw new IllegalStateException("rack " + rack + " already held whole by " + wholeHolder[rack]);
                }
                for (long m = mask; m != 0; m &= m - 1) {
                    int unit = Long.numberOfTrailingZeros(m);
                    int slot = rack * stride + unit;
                    if (holders[slot] != null) {
                        throw new IllegalStateException("unit " + unit + " of rack " + rack + " already held");
                    }
                    holders[slot] = job;
                    slotEnd[slot] = end;
                    slotPriority[slot] = job.priority();
                }
            }
            heldUnits[rack] += Long.bitCount(mask);
            rackVersion[rack]++;
            touchBlock(rack);
            setHighest(rack, Math.max(highestPriority[rack], job.priority()));
            busyUntil[rack] = Math.max(busyUntil[rack], end);
        }
    }

    /** Forgets {@code job} on the units it holds (its racks and masks as recorded on the job). */
    void remove(Job job) {
        remove(job, job.racks(), job.unitMasks());
    }

    /** Forgets {@code job} on the given units. */
    void remove(Job job, int[] racks, long[] masks) {
        for (int i = 0; i < racks.length; i++) {
            int rack = racks[i];
            long mask = masks[i];
            int units = unitsOf(rack);
            if (wholeHolder[rack] != null) {
                if (wholeHolder[rack] != job) {
                    throw new IllegalStateException("rack " + rack + " not held by " + job);
                }
                wholeHolder[rack] = null;
                if (mask != HardwareModel.fullMask(units)) {
                    // Part of a whole-rack hold goes: the rest is recorded tray by tray from now on.
                    long end = job.expectedEndMs();
                    for (long m = HardwareModel.fullMask(units) & ~mask; m != 0; m &= m - 1) {
                        int slot = rack * stride + Long.numberOfTrailingZeros(m);
                        holders[slot] = job;
                        slotEnd[slot] = end;
                        slotPriority[slot] = job.priority();
                    }
                }
            } else {
                for (long m = mask; m != 0; m &= m - 1) {
                    int unit = Long.numberOfTrailingZeros(m);
                    int slot = rack * stride + unit;
                    if (holders[slot] != job) {
                        throw new IllegalStateException("unit " + unit + " of rack " + rack + " not held by " + job);
                    }
                    holders[slot] = null;
                }
            }
            heldUnits[rack] -= Long.bitCount(mask);
            rackVersion[rack]++;
            touchBlock(rack);
            recount(rack, units);
        }
    }

    /** Recomputes the rack's latest end and highest priority from its remaining holders. */
    private void recount(int rack, int units) {
        long until = 0;
        int highest = EMPTY;
        if (heldUnits[rack] > 0) {
            for (int slot = rack * stride, last = slot + units; slot < last; slot++) {
                if (holders[slot] != null) {
                    until = Math.max(until, slotEnd[slot]);
                    highest = Math.max(highest, slotPriority[slot]);
                }
            }
        }
        busyUntil[rack] = until;
        setHighest(rack, highest);
    }

    private void setHighest(int rack, int priority) {
        if (highestPriority[rack] != priority) {
            highestPriority[rack] = priority;
            count(rack);
        }
    }

    /**
     * Counts the rack in its block under its highest priority when preemption could free it whole: held, in service
     * and with no unit down. Called when its holders change, and for each rack of a block whose service changed.
     */
    private void count(int rack) {
        int priority = highestPriority[rack];
        int i = priority == EMPTY || fleet.rackDownMask(rack) != 0 || !fleet.rackSchedulable(rack)
                ? -1
                : priorityIndex(priority);
        int old = countedAs[rack];
        if (old == i) {
            return;
        }
        int block = fleet.rackBlock(rack);
        if (old >= 0) {
            heldByPriority[block][old]--;
        }
        if (i >= 0) {
            if (block >= heldByPriority.length) {
                int n = Math.max(block + 1, heldByPriority.length * 2);
                int from = heldByPriority.length;
                heldByPriority = Arrays.copyOf(heldByPriority, n);
                for (int b = from; b < n; b++) {
                    heldByPriority[b] = new int[priorities.length];
                }
            }
            heldByPriority[block][i]++;
        }
        countedAs[rack] = i;
    }

    /** Counts the block's racks again when a rack of it changed service since they were last counted. */
    private void sync(int block) {
        if (block >= serviceSeen.length) {
            serviceSeen = Arrays.copyOf(serviceSeen, Math.max(block + 1, serviceSeen.length * 2));
        }
        int v = fleet.blockServiceVersion(block) + 1;
        if (serviceSeen[block] == v) {
            return;
        }
        serviceSeen[block] = v;
        for (int r = fleet.firstRackIn(block); r >= 0; r = fleet.nextRackIn(r)) {
            if (r < countedAs.length) {
                count(r);
            }
        }
    }

    /** The index of {@code priority} among those seen so far, adding it if new. */
    private int priorityIndex(int priority) {
        if (lastIndex >= 0 && priorities[lastIndex] == priority) {
            return lastIndex; // holders of a rack mostly share one priority class
        }
        for (int i = 0; i < priorities.length; i++) {
            if (priorities[i] == priority) {
                lastIndex = i;
                return i;
            }
        }
        int n = priorities.length;
        priorities = Arrays.copyOf(priorities, n + 1);
        priorities[n] = priority;
        for (int b = 0; b < heldByPriority.length; b++) {
            heldByPriority[b] = Arrays.copyOf(heldByPriority[b], n + 1);
        }
        return n;
    }

    /**
     * Racks of the block held only by jobs of priority below {@code priority} (and held by some job), in service and
     * with no unit down: the racks that stopping lower-priority jobs would free whole there. O(priority classes), plus
     * O(racks of the block) after a change to their service.
     */
    public int racksHeldBelow(int block, int priority) {
        sync(block);
        if (block >= heldByPriority.length) {
            return 0;
        }
        int n = 0;
        int[] counts = heldByPriority[block];
        for (int i = 0; i < priorities.length; i++) {
            if (priorities[i] < priority) {
                n += counts[i];
            }
        }
        return n;
    }

    /** The job on a unit, or null. */
    public Job holder(int rack, int unit) {
        if (rack >= wholeHolder.length) {
            return null;
        }
        Job whole = wholeHolder[rack];
        return whole != null ? whole : holders[rack * stride + unit];
    }

    /** The job holding every unit of the rack, or null when the rack is free or shared. */
    public Job wholeRackHolder(int rack) {
        return rack < wholeHolder.length ? wholeHolder[rack] : null;
    }

    private void touchBlock(int rack) {
        int block = fleet.rackBlock(rack);
        if (block >= blockVersion.length) {
            blockVersion = Arrays.copyOf(blockVersion, Math.max(block + 1, blockVersion.length * 2));
        }
        blockVersion[block]++;
    }

    /** A number that changes whenever a job joins or leaves a rack of the block. */
    public int blockVersion(int block) {
        return block < blockVersion.length ? blockVersion[block] : 0;
    }

    /** A number that changes whenever a job joins or leaves the rack. */
    public int rackVersion(int rack) {
        return rack < rackVersion.length ? rackVersion[rack] : 0;
    }

    /** The highest priority among the rack's holders, or {@link Integer#MIN_VALUE} when nothing holds it. */
    public int highestPriority(int rack) {
        return rack < highestPriority.length ? highestPriority[rack] : EMPTY;
    }

    /** When the rack's last current holder is expected to end; 0 when it has none. */
    public long busyUntil(int rack) {
        return rack < busyUntil.length ? busyUntil[rack] : 0;
    }

    /** Units per rack in the flat arrays: the largest {@code unitsPerDomain} of the fleet's models. */
    public int stride() {
        return stride;
    }
}
