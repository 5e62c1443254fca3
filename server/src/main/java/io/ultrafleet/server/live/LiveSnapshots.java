package io.ultrafleet.server.live;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.RackStatus;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.server.store.QueueRow;
import io.ultrafleet.spec.ScenarioSpec;
import io.ultrafleet.time.Epoch;
import io.ultrafleet.workload.Job;
import java.util.ArrayList;
import java.util.List;

/**
 * The live state as a {@link LiveSnapshot}: what a forecast starts from. Copies only what a scheduler knows (each
 * job's request with its declared run time, what it holds, when it started and what its checkpoints kept), never how
 * long a job will really run. A drained rack is a draining one, its drain-held units not counted as down: it takes no
 * new work and its units do not come back after a repair.
 */
final class LiveSnapshots {
    private LiveSnapshots() {}

    static LiveSnapshot of(LiveState s, ScenarioSpec spec, long now) {
        FleetView f = s.fleet();
        Topology t = f.topology();
        List<LiveSnapshot.Rack> racks = new ArrayList<>(f.rackCount());
        for (int r = 0; r < f.rackCount(); r++) {
            RackStatus status = f.rackStatus(r);
            if (status == RackStatus.ONLINE && s.drained(r)) {
                status = RackStatus.DRAINING;
            }
            racks.add(new LiveSnapshot.Rack(
                    t.blockSite(f.rackBlock(r)), f.rackModel(r), status, f.rackDownMask(r) & ~s.drainHeldMask(r)));
        }
        List<LiveSnapshot.Queue> queues = new ArrayList<>(s.queues().size());
        for (int q = 0; q < s.queues().size(); q++) {
            QueueRow row = s.queues().row(q);
            queues.add(new LiveSnapshot.Queue(
                    row.fullName(), row.cohort(), row.weight(), s.queues().quotas(q), row.priorityClass()));
        }
        List<LiveSnapshot.Running> running = new ArrayList<>();
        for (LiveJob lj : s.running()) {
            Job j = lj.job;
            running.add(LiveSnapshot.Running.of(j));
        }
        List<LiveSnapshot.Queued> pending = new ArrayList<>(s.pending().size());
        for (Job j : s.pending()) {
            pending.add(LiveSnapshot.Queued.of(j, s.reservations().of(j)));
        }
        long backfillAt = s.reservations().computedAt();
        return new LiveSnapshot(
                new Epoch(spec.startMs()),
                now,
                spec.fleet(),
                racks,
                queues,
                // the server runs a cycle in every turn where something changed, whatever the scenario's interval
                spec.scheduler().withCycleInterval(0),
                backfillAt == Long.MIN_VALUE ? LiveSnapshot.NO_BACKFILL : backfillAt,
                running,
                pending);
    }
}
