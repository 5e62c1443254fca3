package io.ultrafleet.workload;

/**
 * What a running job holds: whole racks or trays of them ({@code unitMasks[i]} the trays or hosts held of
 * {@code racks[i]}), {@code allocatedGpus} GPUs in all. Never changed once made; a resize makes a new one.
 */
public record Allocation(int[] racks, long[] unitMasks, int allocatedGpus) {
    /** Nothing held. */
    public static final Allocation NONE = new Allocation(new int[0], new long[0], 0);
}
