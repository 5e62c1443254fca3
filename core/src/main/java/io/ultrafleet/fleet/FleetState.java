package io.ultrafleet.fleet;

import java.util.Arrays;
import java.util.List;

/**
 * The mutable fleet: racks (NVLink domains) in struct-of-arrays form with free-capacity indexes, kept exact on every
 * change:
 *
 * <ul>
 *   <li>per model, racks bucketed by their number of free units (an intrusive doubly linked list per bucket), so a
 *       best-fit tray placement looks at no more than {@code unitsPerDomain} buckets;
 *   <li>the wholly free racks ({@link WholeFreeIndex}): per block a list and a count, per model the blocks that have
 *       one, and counts per model and site, so a gang search costs O(blocks), not O(racks);
 *   <li>per block, every rack it has had ({@link BlockRacks}), and the largest schedulable block and site
 *       ({@link SchedulableMaxima}).
 * </ul>
 *
 * The indexes and their read-only view are {@link FleetIndexes}'s; the racks and every change are here. Only {@code
 * ClusterState} changes it once built: the scheduling cycle, and drivers for capacity changes, go through it.
 */
public final class FleetState extends FleetIndexes {
    private int rackCount;
    private int[] rackBlock = new int[64];
    private byte[] rackModel = new byte[64];
    private byte[] rackStatus = new byte[64];
    private long[] freeMask = new long[64];
    private long[] downMask = new long[64];
    private byte[] freeUnits = new byte[64];

    public FleetState(Topology topology, List<HardwareModel> models) {
        super(topology, models);
    }

    // ---- changes ------------------------------------------------------------------------------------------------

    /** A new rack of {@code model} comes online at {@code site}; returns its id. */
    public int addRack(int site, int model) {
        int block = topology.blockForNewRack(site, model);
        ensureRackCapacity(rackCount + 1);
        ensureBlockCapacity(topology.blockCount());
        int r = rackCount++;
        int units = models[model].unitsPerDomain();
        rackBlock[r] = block;
        blockRacks.add(r, block);
        rackModel[r] = (byte) model;
        rackStatus[r] = (byte) RackStatus.ONLINE.ordinal();
        freeMask[r] = HardwareModel.fullMask(units);
        freeUnits[r] = (byte) units;
        counts.joined(site, model);
        counts.schedulableRacks[model]++;
        maxima.invalidate();
        counts.freeUnits[model] += units;
        linkBucket(r);
        linkWhole(r);
        return r;
    }

    /** Takes the units in {@code mask} of {@code rack}; they must all be free. */
    public void allocate(int rack, long mask) {
        if ((freeMask[rack] & mask) != mask || mask == 0) {
            throw new IllegalStateException("units " + Long.toBinaryString(mask) + " of rack " + rack + " not free");
        }
        if (!rackSchedulable(rack)) {
            throw new IllegalStateException("rack " + rack + " is not schedulable");
        }
        int model = rackModel[rack];
        int taken = Long.bitCount(mask);
        unlinkIndexes(rack);
        freeMask[rack] &= ~mask;
        freeUnits[rack] -= (byte) taken;
        counts.freeUnits[model] -= taken;
        counts.allocatedUnits[model] += taken;
        linkBucket(rack);
    }

    /**
     * Gives back the units in {@code mask} of {@code rack}. Returns true when this emptied a draining rack, which has
     * then left the fleet.
     */
    public boolean release(int rack, long mask) {
        return release(rack, mask, true);
    }

    /**
     * Gives back the units in {@code mask} of {@code rack}; a draining rack this empties leaves the fleet only when
     * {@code retire} is set (else {@link #retireIfDrained} does it later). Returns true when the rack left.
     */
    public boolean release(int rack, long mask, boolean retire) {
        int units = models[rackModel[rack]].unitsPerDomain();
        if ((freeMask[rack] & mask) != 0 || (mask & ~HardwareModel.fullMask(units)) != 0) {
            throw new IllegalStateException("units " + Long.toBinaryString(mask) + " of rack " + rack + " not held");
        }
        int model = rackModel[rack];
        int given = Long.bitCount(mask);
        boolean schedulable = rackSchedulable(rack);
        if (schedulable) {
            unlinkIndexes(rack);
        }
        freeMask[rack] |= mask;
        freeUnits[rack] += (byte) given;
        counts.allocatedUnits[model] -= given;
        if (schedulable) {
            counts.freeUnits[model] += given;
            linkBucket(rack);
            linkWhole(rack);
            return false;
        }
        if (retire && rackStatus[rack] == RackStatus.DRAINING.ordinal() && freeUnits[rack] == units) {
            retire(rack);
            return true;
        }
        return false;
    }

    /** A draining rack that nothing holds any more leaves the fleet; returns true when it left. */
    public boolean retireIfDrained(int rack) {
        if (rackStatus[rack] == RackStatus.DRAINING.ordinal() && isWholeFree(rack)) {
            retire(rack);
            return true;
        }
        return false;
    }

    /**
     * Takes back units of {@code rack} that were just given back by a change being undone: as {@link #allocate}, on a
     * draining rack too.
     */
    public void retake(int rack, long mask) {
        if (rackSchedulable(rack)) {
            allocate(rack, mask);
            return;
        }
        if ((freeMask[rack] & mask) != mask || mask == 0 || rackStatus[rack] != RackStatus.DRAINING.ordinal()) {
            throw new IllegalStateException("units " + Long.toBinaryString(mask) + " of rack " + rack + " not free");
        }
        int taken = Long.bitCount(mask);
        freeMask[rack] &= ~mask;
        freeUnits[rack] -= (byte) taken;
        counts.allocatedUnits[rackModel[rack]] += taken;
    }

    /**
     * Takes free units of a rack out of service (failed, or kept as hot spares): they are neither free nor held by a
     * job until {@link #bringUp}. The caller stops any job on them first.
     */
    public void takeDown(int rack, long mask) {
        if ((freeMask[rack] & mask) != mask || mask == 0) {
            throw new IllegalStateException("units " + Long.toBinaryString(mask) + " of rack " + rack + " not free");
        }
        int model = rackModel[rack];
        int n = Long.bitCount(mask);
        boolean schedulable = rackSchedulable(rack);
        if (schedulable) {
            unlinkIndexes(rack);
            counts.freeUnits[model] -= n;
        }
        freeMask[rack] &= ~mask;
        downMask[rack] |= mask;
        blockRacks.unitsChanged(rackBlock[rack]);
        freeUnits[rack] -= (byte) n;
        counts.downUnits[model] += n;
        if (schedulable) {
            linkBucket(rack);
        }
    }

    /**
     * Returns units taken down to service (repaired, or a spare put to use). Returns true when this emptied a draining
     * rack, which has then left the fleet.
     */
    public boolean bringUp(int rack, long mask) {
        if ((downMask[rack] & mask) != mask || mask == 0) {
            throw new IllegalStateException("units " + Long.toBinaryString(mask) + " of rack " + rack + " not down");
        }
        int model = rackModel[rack];
        int n = Long.bitCount(mask);
        boolean schedulable = rackSchedulable(rack);
        if (schedulable) {
            unlinkIndexes(rack);
            counts.freeUnits[model] += n;
        }
        downMask[rack] &= ~mask;
        freeMask[rack] |= mask;
        blockRacks.unitsChanged(rackBlock[rack]);
        freeUnits[rack] += (byte) n;
        counts.downUnits[model] -= n;
        if (schedulable) {
            linkBucket(rack);
            linkWhole(rack);
            return false;
        }
        if (rackStatus[rack] == RackStatus.DRAINING.ordinal() && freeUnits[rack] == models[model].unitsPerDomain()) {
            retire(rack);
            return true;
        }
        return false;
    }

    /** Units of the rack out of service. */
    @Override
    public long rackDownMask(int rack) {
        return downMask[rack];
    }

    /**
     * Starts decommissioning a rack: it takes no new work; it leaves now if idle, else when its last job ends. Returns
     * true when it left at once.
     */
    public boolean decommission(int rack) {
        if (rackStatus[rack] != RackStatus.ONLINE.ordinal()) {
            return false;
        }
        int model = rackModel[rack];
        unlinkIndexes(rack);
        wholeFree.touch();
        counts.schedulableRacks[model]--;
        blockRacks.leftService(rackBlock[rack]);
        maxima.invalidate();
        counts.freeUnits[model] -= freeUnits[rack];
        rackStatus[rack] = (byte) RackStatus.DRAINING.ordinal();
        if (freeUnits[rack] == models[model].unitsPerDomain()) {
            retire(rack);
            return true;
        }
        return false;
    }

    private void retire(int rack) {
        rackStatus[rack] = (byte) RackStatus.GONE.ordinal();
        counts.left(topology.blockSite(rackBlock[rack]), rackModel[rack]);
    }

    // ---- indexes ------------------------------------------------------------------------------------------------

    private void unlinkIndexes(int r) {
        unlinkBucket(r);
        if (isWholeFree(r)) {
            unlinkWhole(r);
        }
    }

    private boolean isWholeFree(int r) {
        return freeUnits[r] == models[rackModel[r]].unitsPerDomain();
    }

    private void linkBucket(int r) {
        buckets.add(r, rackModel[r], freeUnits[r]);
    }

    private void unlinkBucket(int r) {
        buckets.remove(r, rackModel[r], freeUnits[r]);
    }

    private void linkWhole(int r) {
        if (isWholeFree(r)) {
            wholeFree.add(r, rackBlock[r], rackModel[r]);
        }
    }

    private void unlinkWhole(int r) {
        wholeFree.remove(r, rackBlock[r], rackModel[r]);
    }

    private void ensureRackCapacity(int n) {
        if (n <= rackBlock.length) {
            return;
        }
        int c = Math.max(n, rackBlock.length * 2);
        rackBlock = Arrays.copyOf(rackBlock, c);
        rackModel = Arrays.copyOf(rackModel, c);
        rackStatus = Arrays.copyOf(rackStatus, c);
        freeMask = Arrays.copyOf(freeMask, c);
        downMask = Arrays.copyOf(downMask, c);
        freeUnits = Arrays.copyOf(freeUnits, c);
        buckets.ensure(c);
        wholeFree.ensureRacks(c);
    }

    private void ensureBlockCapacity(int n) {
        wholeFree.ensureBlocks(n);
    }

    // ---- read-only view of the racks (the indexes' in FleetIndexes) ----------------------------------------------

    @Override
    public int rackCount() {
        return rackCount;
    }

    @Override
    public int rackBlock(int rack) {
        return rackBlock[rack];
    }

    @Override
    public int rackModel(int rack) {
        return rackModel[rack];
    }

    @Override
    public long rackFreeMask(int rack) {
        return freeMask[rack];
    }

    @Override
    public int rackFreeUnits(int rack) {
        return freeUnits[rack];
    }

    @Override
    public RackStatus rackStatus(int rack) {
        return RackStatus.VALUES[rackStatus[rack]];
    }

    @Override
    public boolean rackSchedulable(int rack) {
        return rackStatus[rack] == RackStatus.ONLINE.ordinal();
    }
}
