package io.ultrafleet.twin.replay;

/**
 * One seed of a replay.
 *
 * @param seed the seed
 * @param curve allocation against arrived demand, one point per pod
 * @param pods pods replayed (after tuning to the target)
 * @param failed pods that fitted nowhere
 */
public record SeedResult(long seed, AllocationCurve curve, int pods, int failed) {
    /** See {@link AllocationCurve#allocPctAt}. */
    public double allocPctAt(int arrivedPct) {
        return curve.allocPctAt(arrivedPct);
    }
}
