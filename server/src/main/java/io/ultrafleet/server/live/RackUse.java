package io.ultrafleet.server.live;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.RackStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who holds each rack now, by rack id: the units held, out of service and in all, the tenant holding most of its
 * units, and the jobs running on it. Made by the scheduler loop when jobs took or gave back units, or racks came, went
 * or drained; read by the dashboard's fleet map. Its arrays are never changed after it is made.
 *
 * @param version a number that grows each time a new picture is made, for clients that ask "what changed"
 */
public final class RackUse {
    public static final RackUse EMPTY = new RackUse(0, new int[0], new int[0], new String[0], new long[0][]);

    private static final long[] NO_JOBS = new long[0];

    private final long version;
    private final int[] heldUnits;
    private final int[] downUnits;
    private final String[] tenant;
    private final long[][] jobs;

    private RackUse(long version, int[] heldUnits, int[] downUnits, String[] tenant, long[][] jobs) {
        this.version = version;
        this.heldUnits = heldUnits;
        this.downUnits = downUnits;
        this.tenant = tenant;
        this.jobs = jobs;
    }

    public long version() {
        return version;
    }

    /** Racks it knows of (ids 0 to size - 1). */
    public int size() {
        return heldUnits.length;
    }

    /** Units (trays or hosts) of {@code rack} that jobs hold. */
    public int heldUnits(int rack) {
        return heldUnits[rack];
    }

    /** Units of {@code rack} out of service by a failure (a drain's units are not counted). */
    public int downUnits(int rack) {
        return downUnits[rack];
    }

    /** The tenant holding most units of {@code rack}, or null when no job runs there. */
    public String tenant(int rack) {
        return tenant[rack];
    }

    /** Ids of the jobs running on {@code rack}, in id order. */
    public long[] jobs(int rack) {
        return jobs[rack] == null ? NO_JOBS : jobs[rack].clone();
    }

    /** How many jobs run on {@code rack}. */
    public int jobCount(int rack) {
        return jobs[rack] == null ? 0 : jobs[rack].length;
    }

    static RackUse of(LiveState s, long version) {
        FleetView f = s.fleet();
        int n = f.rackCount();
        int[] held = new int[n];
        int[] down = new int[n];
        String[] tenant = new String[n];
        long[][] jobs = new long[n][];
        for (int r = 0; r < n; r++) {
            if (f.rackStatus(r) == RackStatus.GONE) {
                continue;
            }
            HardwareModel m = f.model(f.rackModel(r));
            long units = HardwareModel.fullMask(m.unitsPerDomain());
            held[r] = Long.bitCount(units & ~f.rackFreeMask(r) & ~f.rackDownMask(r));
            down[r] = Long.bitCount(f.rackDownMask(r) & ~s.drainHeldMask(r));
        }
        Map<Integer, Map<String, Integer>> byTenant = new HashMap<>();
        Map<Integer, List<Long>> byRack = new HashMap<>();
        List<LiveJob> running = new ArrayList<>(s.running());
        running.sort((a, b) -> Long.compare(a.id(), b.id()));
        for (LiveJob lj : running) {
            int[] racks = lj.job.racks();
            long[] masks = lj.job.unitMasks();
            for (int i = 0; i < racks.length; i++) {
                int r = racks[i];
                if (r < 0 || r >= n) {
                    continue;
                }
                byTenant.computeIfAbsent(r, k -> new HashMap<>())
                        .merge(lj.tenant, Long.bitCount(masks[i]), Integer::sum);
                byRack.computeIfAbsent(r, k -> new ArrayList<>()).add(lj.id());
            }
        }
        for (Map.Entry<Integer, Map<String, Integer>> e : byTenant.entrySet()) {
            String best = null;
            int most = -1;
            for (Map.Entry<String, Integer> t : e.getValue().entrySet()) {
                if (t.getValue() > most || (t.getValue() == most && t.getKey().compareTo(best) < 0)) {
                    best = t.getKey();
                    most = t.getValue();
                }
            }
            tenant[e.getKey()] = best;
        }
        for (Map.Entry<Integer, List<Long>> e : byRack.entrySet()) {
            jobs[e.getKey()] = e.getValue().stream().mapToLong(Long::longValue).toArray();
        }
        return new RackUse(version, held, down, tenant, jobs);
    }
}
