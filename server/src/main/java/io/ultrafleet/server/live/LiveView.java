package io.ultrafleet.server.live;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.RackStatus;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.quota.Quota;
import io.ultrafleet.scheduling.sites.ConcentrationCap;
import io.ultrafleet.server.store.QueueRow;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.WaitReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What request handlers and metrics read of the live state: an immutable picture the scheduler loop publishes after a
 * turn that changed something, so that reads never touch the loop's structures nor wait for it.
 *
 * @param at the server's time of the picture
 * @param queues every queue, in id order
 * @param fleet GPUs and racks per site and model
 * @param racks every rack the fleet has had, by id
 * @param use who holds each rack now
 * @param submitted per queue id, jobs submitted since the server started
 * @param started per queue id, runs started since the server started (a preempted job that starts again counts again)
 * @param caps under a concentration cap, what each capped priority class holds at each provider and its limit
 * @param handovers the last of the submission writer's handovers ({@link LoopCommand.Submitted#handover}) the loop
 *     had taken in, or let go of while standing by, when the picture was made
 */
public record LiveView(
        long at,
        List<QueueView> queues,
        List<FleetCell> fleet,
        List<RackView> racks,
        RackUse use,
        long[] submitted,
        long[] started,
        List<CapCell> caps,
        long handovers) {
    /**
     * What a priority class holds at a provider under the concentration cap (GPUs, or spend in micro-dollars an hour
     * for a cap by spend), and the most it may hold there now.
     */
    public record CapCell(String priorityClass, String provider, long used, long limit) {}

    /**
     * A queue: its settings, what it holds, how many of its jobs wait and run, and how many wait for each reason
     * (keys of {@link WaitReason}, most frequent first).
     */
    public record QueueView(
            QueueRow row,
            int priority,
            long usedGpus,
            long ceilingGpus,
            int pending,
            int running,
            Map<String, Integer> waitReasons,
            boolean quotaPassedOver) {}

    /** GPUs and racks of one model at one site. */
    public record FleetCell(
            String site,
            String provider,
            String model,
            int racksOnline,
            int racksDraining,
            long gpusOnline,
            long gpusAllocated,
            long gpusDown,
            long gpusDrained) {
        /** GPUs a job could take now. */
        public long gpusFree() {
            return Math.max(0, gpusOnline - gpusAllocated - gpusDown - gpusDrained);
        }
    }

    /** A rack: where it is, what it is, and its state. */
    public record RackView(int id, String site, int block, String model, String status, int unitsDown) {}

    public static final LiveView EMPTY =
            new LiveView(0, List.of(), List.of(), List.of(), RackUse.EMPTY, new long[0], new long[0], List.of(), 0);

    /** Jobs submitted to queue {@code id} since the server started. */
    public long submitted(int queue) {
        return queue < submitted.length ? submitted[queue] : 0;
    }

    /** Runs started in queue {@code id} since the server started. */
    public long started(int queue) {
        return queue < started.length ? started[queue] : 0;
    }

    /** The rack {@code id}, or null when there is none. */
    public RackView rack(int id) {
        return id >= 0 && id < racks.size() ? racks.get(id) : null;
    }

    /**
     * Why there is no rack {@code id} to show or drain: racks are numbered from 0 in the order they were delivered, so
     * a number beyond the last is one not delivered yet; a rack decommissioned is gone.
     */
    public String noRackBecause(long id) {
        if (id >= 0 && id < racks.size()) {
            return "it was decommissioned";
        }
        String numbered = " (racks are numbered from 0 in the order they are delivered)";
        return racks.isEmpty()
                ? "no rack has been delivered yet" + numbered
                : "the fleet has racks 0 to " + (racks.size() - 1) + " so far" + numbered;
    }

    /** The queue {@code tenant/queue}, or null. */
    public QueueView queue(String fullName) {
        for (QueueView q : queues) {
            if (q.row().fullName().equals(fullName)) {
                return q;
            }
        }
        return null;
    }

    /**
     * The picture of {@code s}: queues always (their wait reasons when {@code pendingChanged}); GPU counts when {@code
     * fleetChanged}; who holds each rack when {@code useChanged}; the rack list (where racks are, and which drain)
     * only when {@code racksChanged}, since jobs starting and ending do not change it.
     */
    static LiveView of(
            LiveState s,
            long at,
            LiveView previous,
            boolean fleetChanged,
            boolean racksChanged,
            boolean pendingChanged,
            boolean useChanged,
            long useVersion,
            long[] submitted,
            long[] started,
            long handovers) {
        QueueBook book = s.book();
        List<Map<String, Integer>> reasons = pendingChanged || previous == null ? waitReasons(s) : null;
        List<QueueView> queues = new ArrayList<>();
        for (int q = 0; q < s.queues().size(); q++) {
            long ceiling = book.ceiling(q);
            Map<String, Integer> why = reasons != null
                    ? reasons.get(q)
                    : q < previous.queues.size() ? previous.queues.get(q).waitReasons() : Map.of();
            queues.add(new QueueView(
                    s.queues().row(q),
                    s.queues().priority(q),
                    book.used(q),
                    // a quota that may borrow without limit has no ceiling to show
                    ceiling >= Quota.UNLIMITED ? -1 : ceiling,
                    s.pending().size(q),
                    s.runningIn(q),
                    why,
                    s.quotaPassedOver(q)));
        }
        List<FleetCell> cells = fleetChanged || previous == null ? fleet(s) : previous.fleet;
        List<RackView> racks = racksChanged || previous == null ? racks(s) : previous.racks;
        RackUse use = useChanged || racksChanged || previous == null ? RackUse.of(s, useVersion) : previous.use;
        return new LiveView(at, List.copyOf(queues), cells, racks, use, submitted, started, caps(s), handovers);
    }

    /** Per capped class and provider: what the class holds there and its limit; empty without a cap. */
    private static List<CapCell> caps(LiveState s) {
        ConcentrationCap cap = s.book().siteRules().cap();
        if (cap == null) {
            return List.of();
        }
        Topology t = s.fleet().topology();
        List<CapCell> out = new ArrayList<>();
        for (int c = 0; c < cap.classCount() && c < s.classes().size(); c++) {
            long limit = cap.limit(c);
            for (int p = 0; p < cap.providerCount(); p++) {
                out.add(new CapCell(s.classes().get(c), t.providerName(p), cap.used(c, p), limit));
            }
        }
        return List.copyOf(out);
    }

    /** Per queue id: how many of its queued jobs wait for each reason, most frequent first. */
    private static List<Map<String, Integer>> waitReasons(LiveState s) {
        int n = s.queues().size();
        WaitReason[] kinds = WaitReason.values();
        int[][] counts = new int[n][kinds.length];
        for (Job j : s.pending()) {
            int q = j.queue();
            WaitReason r = j.waitReason().shown(s.quotaPassedOver(q));
            if (r != WaitReason.NONE && q >= 0 && q < n) {
                counts[q][r.ordinal()]++;
            }
        }
        List<Map<String, Integer>> out = new ArrayList<>(n);
        List<WaitReason> order = new ArrayList<>(kinds.length);
        for (int[] c : counts) {
            order.clear();
            for (WaitReason r : kinds) {
                if (c[r.ordinal()] > 0) {
                    order.add(r);
                }
            }
            if (order.isEmpty()) {
                out.add(Map.of());
                continue;
            }
            order.sort((a, b) -> c[a.ordinal()] != c[b.ordinal()]
                    ? Integer.compare(c[b.ordinal()], c[a.ordinal()])
                    : a.key().compareTo(b.key()));
            Map<String, Integer> sorted = new LinkedHashMap<>();
            for (WaitReason r : order) {
                sorted.put(r.key(), c[r.ordinal()]);
            }
            out.add(java.util.Collections.unmodifiableMap(sorted));
        }
        return out;
    }

    private static List<FleetCell> fleet(LiveState s) {
        FleetView f = s.fleet();
        Topology t = f.topology();
        Map<Long, long[]> cells = new HashMap<>();
        for (int r = 0; r < f.rackCount(); r++) {
            RackStatus status = f.rackStatus(r);
            if (status == RackStatus.GONE) {
                continue;
            }
            int model = f.rackModel(r);
            int site = t.blockSite(f.rackBlock(r));
            HardwareModel m = f.model(model);
            int per = m.gpusPerUnit();
            long[] c = cells.computeIfAbsent((long) site << 32 | model, k -> new long[6]);
            c[0]++;
            long drainHeld = s.drainHeldMask(r);
            boolean draining = status == RackStatus.DRAINING || s.drained(r);
            if (draining) {
                c[1]++;
            }
            long units = HardwareModel.fullMask(m.unitsPerDomain());
            long down = f.rackDownMask(r) & ~drainHeld;
            long held = units & ~f.rackFreeMask(r) & ~f.rackDownMask(r);
            c[2] += (long) m.unitsPerDomain() * per;
            c[3] += (long) Long.bitCount(held) * per;
            c[4] += (long) Long.bitCount(down) * per;
            c[5] += (long) Long.bitCount(drainHeld) * per
                    + (status == RackStatus.DRAINING ? (long) Long.bitCount(f.rackFreeMask(r)) * per : 0);
        }
        List<FleetCell> out = new ArrayList<>();
        cells.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            long[] c = e.getValue();
            int site = (int) (e.getKey() >>> 32);
            int model = (int) (e.getKey() & 0xFFFFFFFFL);
            out.add(new FleetCell(
                    t.siteName(site),
                    t.providerName(t.regionProvider(t.siteRegion(site))),
                    f.model(model).name(),
                    (int) c[0],
                    (int) c[1],
                    c[2],
                    c[3],
                    c[4],
                    c[5]));
        });
        return List.copyOf(out);
    }

    private static List<RackView> racks(LiveState s) {
        FleetView f = s.fleet();
        Topology t = f.topology();
        List<RackView> out = new ArrayList<>(f.rackCount());
        for (int r = 0; r < f.rackCount(); r++) {
            RackStatus status = f.rackStatus(r);
            String word = status == RackStatus.GONE
                    ? "gone"
                    : status == RackStatus.DRAINING || s.drained(r) ? "draining" : "online";
            int block = f.rackBlock(r);
            out.add(new RackView(
                    r,
                    t.siteName(t.blockSite(block)),
                    block,
                    f.model(f.rackModel(r)).name(),
                    word,
                    Long.bitCount(f.rackDownMask(r) & ~s.drainHeldMask(r))));
        }
        return List.copyOf(out);
    }
}
