package io.ultrafleet.fleet;

import java.util.List;

/**
 * The fleet's indexes of free capacity and its counts, and the read-only view they give ({@link FleetView}); the racks
 * themselves and every change are {@link FleetState}'s, which keeps these exact.
 */
abstract class FleetIndexes implements FleetView {
    private static final int NONE = RackLists.NONE;

    final Topology topology;
    final HardwareModel[] models;
    final FreeUnitBuckets buckets;
    // per block: every rack it has had and those in service, and the wholly free ones (also per model and site)
    final BlockRacks blockRacks = new BlockRacks();
    final WholeFreeIndex wholeFree;
    final ModelCounts counts;
    final SchedulableMaxima maxima;

    FleetIndexes(Topology topology, List<HardwareModel> models) {
        if (models.size() > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("at most 127 hardware models");
        }
        this.topology = topology;
        this.models = models.toArray(new HardwareModel[0]);
        int m = models.size();
        buckets = new FreeUnitBuckets(this.models);
        counts = new ModelCounts(this.models, topology.siteCount());
        maxima = new SchedulableMaxima(m);
        wholeFree = new WholeFreeIndex(topology, m);
    }

    /** GPUs out of service (failed or held as spares), racks draining included. */
    @Override
    public final long downGpus() {
        return counts.downGpus();
    }

    @Override
    public final Topology topology() {
        return topology;
    }

    @Override
    public final int modelCount() {
        return models.length;
    }

    @Override
    public final HardwareModel model(int model) {
        return models[model];
    }

    @Override
    public final int modelIndex(String name) {
        for (int i = 0; i < models.length; i++) {
            if (models[i].name().equals(name)) {
                return i;
            }
        }
        return NONE;
    }

    @Override
    public final long wholeFreeVersion() {
        return wholeFree.version();
    }

    @Override
    public final long wholeFreeChanges() {
        return wholeFree.changes();
    }

    @Override
    public final int firstWithFreeUnits(int model, int units) {
        return buckets.first(model, units);
    }

    @Override
    public final int nextWithSameFreeUnits(int rack) {
        return buckets.next(rack);
    }

    @Override
    public final int blockWholeFreeRacks(int block) {
        return wholeFree.inBlock(block);
    }

    @Override
    public final int blockSchedulableRacks(int block) {
        return blockRacks.schedulable(block);
    }

    @Override
    public final int firstWholeFree(int block) {
        return wholeFree.first(block);
    }

    @Override
    public final int nextWholeFree(int rack) {
        return wholeFree.next(rack);
    }

    @Override
    public final int wholeFreeRacks(int model) {
        return wholeFree.ofModel(model);
    }

    @Override
    public final int schedulableRacks(int model) {
        return counts.schedulableRacks[model];
    }

    @Override
    public final int blockServiceVersion(int block) {
        return blockRacks.serviceVersion(block);
    }

    @Override
    public final int firstRackIn(int block) {
        return blockRacks.first(block);
    }

    @Override
    public final int nextRackIn(int rack) {
        return blockRacks.next(rack);
    }

    @Override
    public final int blocksWithWholeFree(int model) {
        return wholeFree.blocksWithSome(model);
    }

    @Override
    public final int blockWithWholeFree(int model, int i) {
        return wholeFree.blockWithSome(model, i);
    }

    @Override
    public final int siteWholeFreeRacks(int site, int model) {
        return wholeFree.atSite(site, model);
    }

    @Override
    public final int largestBlockSchedulable(int model) {
        return maxima.inBlock(this, model);
    }

    @Override
    public final int largestSiteSchedulable(int model) {
        return maxima.inSite(this, model);
    }

    @Override
    public final long freeUnits(int model) {
        return counts.freeUnits[model];
    }

    @Override
    public final int onlineRacks(int model) {
        return counts.onlineRacks[model];
    }

    @Override
    public final int onlineRacks(int site, int model) {
        return counts.onlineRacks(site, model);
    }

    @Override
    public final long onlineVersion() {
        return counts.onlineVersion;
    }

    @Override
    public final long allocatedUnits(int model) {
        return counts.allocatedUnits[model];
    }

    @Override
    public final long onlineGpus() {
        return counts.onlineGpus();
    }

    @Override
    public final long allocatedGpus() {
        return counts.allocatedGpus();
    }

    @Override
    public final int onlineRacks() {
        return counts.onlineRacks();
    }
}
