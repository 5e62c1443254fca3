package io.ultrafleet.scheduling.placement;

import java.util.Arrays;

/**
 * Where a job goes: racks and, for each, the trays or hosts it takes. {@code blocks} is the number of distinct
 * network blocks used, the gang's network cost.
 */
public record Placement(int model, int[] racks, long[] unitMasks, int allocatedGpus, int blocks) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Placement p
                && model == p.model
                && allocatedGpus == p.allocatedGpus
                && blocks == p.blocks
                && Arrays.equals(racks, p.racks)
                && Arrays.equals(unitMasks, p.unitMasks);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(racks) + Arrays.hashCode(unitMasks);
    }

    @Override
    public String toString() {
        return "Placement[model=" + model + ", racks=" + Arrays.toString(racks) + ", gpus=" + allocatedGpus
                + ", blocks=" + blocks + "]";
    }
}
