package io.ultrafleet.fleet;

import java.util.Arrays;

/**
 * Per model, the schedulable racks bucketed by how many units they have free: one intrusive list per (model, free
 * units), so a best-fit tray placement looks at no more than {@code unitsPerDomain} buckets.
 */
final class FreeUnitBuckets {
    private final int[][] heads;
    private final RackLists lists = new RackLists();

    FreeUnitBuckets(HardwareModel[] models) {
        heads = new int[models.length][];
        for (int i = 0; i < models.length; i++) {
            heads[i] = new int[models[i].unitsPerDomain() + 1];
            Arrays.fill(heads[i], RackLists.NONE);
        }
    }

    /** Makes room for racks {@code 0..n-1}. */
    void ensure(int n) {
        lists.ensure(n);
    }

    void add(int rack, int model, int freeUnits) {
        lists.push(heads[model], freeUnits, rack);
    }

    void remove(int rack, int model, int freeUnits) {
        lists.remove(heads[model], freeUnits, rack);
    }

    /** The first rack of the model with exactly {@code units} free units, or {@link RackLists#NONE}. */
    int first(int model, int units) {
        return heads[model][units];
    }

    /** The next rack with as many free units as {@code rack}, or {@link RackLists#NONE}. */
    int next(int rack) {
        return lists.next(rack);
    }
}
