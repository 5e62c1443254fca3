package io.ultrafleet.scheduling.backfill;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.math.Select;
import io.ultrafleet.scheduling.Occupancy;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.TopologyLevel;
import io.ultrafleet.workload.WaitReason;
import java.util.Arrays;

/**
 * The slow half of backfill, run every so often rather than at every event (as batch schedulers run their backfill
 * pass on an interval): for the highest-ranked waiting gangs, when and where each is expected to start. A rack is
 * expected to be wholly free when the last of its holders is expected to end ({@link Occupancy#busyUntil}); a gang of
 * {@code n} racks at level L can start once n racks of one L-group are free; the group with the earliest such time
 * wins. The racks' expected free times are gathered once per pass for each model and level the gangs ask about; each
 * gang then selects its n-th time per group. Cost: O(racks) per model and level, plus expected O(racks) per gang, for
 * at most {@code maxGangs} gangs.
 */
public final class ReservationPass {
    private final int maxGangs;

    public ReservationPass(int maxGangs) {
        this.maxGangs = maxGangs;
    }

    public void run(long now, FleetView fleet, Occupancy occupancy, PendingQueue pending, Reservations out) {
        out.clear(now);
        FreeTimes[][] cache = new FreeTimes[fleet.modelCount()][TopologyLevel.values().length];
        int gangs = 0;
        for (Job job : pending.atLeast()) {
            if (gangs >= maxGangs) {
                break;
            }
            WaitReason why = job.waitReason();
            if (why != WaitReason.NO_CAPACITY && why != WaitReason.HELD_FOR_GANG) {
                continue;
            }
            Reservation best = null;
            for (int m = 0; m < fleet.modelCount(); m++) {
                int perDomain = fleet.model(m).gpusPerDomain();
                if (!job.allowsModel(m) || job.gpus() < perDomain) {
                    continue;
                }
                int racks = (job.gpus() + perDomain - 1) / perDomain;
                TopologyLevel level = job.required();
                FreeTimes times = cache[m][level.ordinal()];
                if (times == null) {
                    times = FreeTimes.of(now, fleet, occupancy, m, level);
                    cache[m][level.ordinal()] = times;
                }
                Reservation r = times.earliest(racks);
                if (r != null && (best == null || r.shadowMs() < best.shadowMs())) {
                    best = r;
                }
            }
            if (best != null) {
                out.put(job, best);
                gangs++;
            }
        }
    }

    /**
     * Per group at one level, when each usable rack of one model is expected to be wholly free. A gang of n racks needs
     * the n-th earliest time per group: a selection, not a sort, since a pass asks for few gang sizes.
     */
    private record FreeTimes(
            int model, TopologyLevel level, int[] size, long[][] freeAt, java.util.Map<Integer, Reservation> byRacks) {
        static FreeTimes of(long now, FleetView fleet, Occupancy occupancy, int model, TopologyLevel level) {
            Topology topo = fleet.topology();
            int groups = level.groups(topo);
            int[] size = new int[groups];
            long[][] freeAt = new long[groups][];
            int unitsPerDomain = fleet.model(model).unitsPerDomain();
            // each group's room sized once, from the racks its blocks were given (a bound on those counted below)
            int[] room = new int[groups];
            for (int b = 0; b < topo.blockCount(); b++) {
                if (topo.blockModel(b) == model) {
                    room[level.groupOf(topo, b)] += topo.blockRacksAssigned(b);
                }
            }
            for (int b = 0; b < topo.blockCount(); b++) {
                if (topo.blockModel(b) != model) {
                    continue;
                }
                int g = level.groupOf(topo, b);
                for (int r = fleet.firstRackIn(b); r >= 0; r = fleet.nextRackIn(r)) {
                    if (!fleet.rackSchedulable(r) || fleet.rackDownMask(r) != 0) {
                        continue; // racks with a tray out of service are not counted on: their repair time is unknown
                    }
                    if (freeAt[g] == null) {
                        freeAt[g] = new long[Math.max(16, room[g])];
                    } else if (size[g] == freeAt[g].length) {
                        freeAt[g] = Arrays.copyOf(freeAt[g], size[g] * 2);
                    }
                    boolean whole = fleet.rackFreeUnits(r) == unitsPerDomain;
                    freeAt[g][size[g]++] = whole ? now : Math.max(now + 1, occupancy.busyUntil(r));
                }
            }
            return new FreeTimes(model, level, size, freeAt, new java.util.HashMap<>());
        }

        /** The group where {@code racks} racks are first all free, and when; null when no group has that many. */
        Reservation earliest(int racks) {
            // Gangs of one size (a pass often sees several) get one answer.
            if (!byRacks.containsKey(racks)) {
                byRacks.put(racks, select(racks));
            }
            return byRacks.get(racks);
        }

        private Reservation select(int racks) {
            int bestGroup = -1;
            long bestShadow = Long.MAX_VALUE;
            for (int g = 0; g < size.length; g++) {
                if (size[g] < racks) {
                    continue;
                }
                long shadow = Select.kth(freeAt[g], size[g], racks - 1);
                if (shadow < bestShadow) {
                    bestShadow = shadow;
                    bestGroup = g;
                }
            }
            return bestGroup < 0
                    ? null
                    : new Reservation(model, level, level == TopologyLevel.ANY ? -1 : bestGroup, bestShadow);
        }
    }
}
