package io.ultrafleet.fleet;

import java.util.Arrays;

/**
 * The wholly free schedulable racks of the fleet, kept exact as racks fill and free: a list and a count per block,
 * the blocks that have one per model ({@link BlockSet}), and counts per model and per site and model. A gang search
 * reads blocks, not racks, and a waiting gang is turned down from the counts. {@link #version} changes when a rack
 * joins the set or leaves service: not when one is taken, which cannot make room for anything.
 */
final class WholeFreeIndex {
    private static final int NONE = RackLists.NONE;

    private final Topology topology;
    private final int models;
    private int[] blockHead = new int[16];
    private int[] blockCount = new int[16];
    private final RackLists racks = new RackLists();
    private final BlockSet blocks;
    private final int[] byModel;
    private final int[] bySite;
    private long version;
    private long changes;

    WholeFreeIndex(Topology topology, int models) {
        this.topology = topology;
        this.models = models;
        Arrays.fill(blockHead, NONE);
        blocks = new BlockSet(models);
        byModel = new int[models];
        bySite = new int[topology.siteCount() * models];
    }

    /** Makes room for racks {@code 0..n-1}. */
    void ensureRacks(int n) {
        racks.ensure(n);
    }

    /** Makes room for blocks {@code 0..n-1}. */
    void ensureBlocks(int n) {
        if (n <= blockHead.length) {
            return;
        }
        int old = blockHead.length;
        int c = Math.max(n, old * 2);
        blockHead = Arrays.copyOf(blockHead, c);
        Arrays.fill(blockHead, old, c, NONE);
        blockCount = Arrays.copyOf(blockCount, c);
    }

    /** Rack {@code r} of {@code model} in {@code block} became wholly free. */
    void add(int r, int block, int model) {
        version++;
        changes++;
        racks.push(blockHead, block, r);
        if (blockCount[block]++ == 0) {
            blocks.add(model, block);
        }
        byModel[model]++;
        bySite[topology.blockSite(block) * models + model]++;
    }

    /** Rack {@code r} of {@code model} in {@code block}, wholly free until now, is not any more. */
    void remove(int r, int block, int model) {
        changes++;
        racks.remove(blockHead, block, r);
        if (--blockCount[block] == 0) {
            blocks.remove(model, block);
        }
        byModel[model]--;
        bySite[topology.blockSite(block) * models + model]--;
    }

    /** The set changed without a rack joining or leaving it (a rack left service). */
    void touch() {
        version++;
        changes++;
    }

    long version() {
        return version;
    }

    /** Changes whenever {@link #version} does, and also when a rack is taken out of the set. */
    long changes() {
        return changes;
    }

    int inBlock(int block) {
        return block < blockCount.length ? blockCount[block] : 0;
    }

    int first(int block) {
        return block < blockHead.length ? blockHead[block] : NONE;
    }

    int next(int rack) {
        return racks.next(rack);
    }

    int ofModel(int model) {
        return byModel[model];
    }

    int atSite(int site, int model) {
        return bySite[site * models + model];
    }

    int blocksWithSome(int model) {
        return blocks.size(model);
    }

    int blockWithSome(int model, int i) {
        return blocks.get(model, i);
    }
}
