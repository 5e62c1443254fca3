package io.ultrafleet.twin.forecast;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.spec.QueueSetup;
import io.ultrafleet.spec.TenantSpec;
import io.ultrafleet.twin.run.RunObserver;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.workload.Job;
import java.util.ArrayList;
import java.util.List;

/**
 * A twin run's state at one instant as a {@link LiveSnapshot}, filled as a server fills one: the racks as the fleet
 * has them, the scenario's queues, and each job's request, hold and checkpointed work, and nothing a live server could
 * not know (a simulated job's true run time stays behind).
 */
final class TwinSnapshots {
    private TwinSnapshots() {}

    static LiveSnapshot of(Scenario scenario, RunObserver.View run) {
        FleetView fleet = run.fleet();
        List<LiveSnapshot.Rack> racks = new ArrayList<>(fleet.rackCount());
        for (int r = 0; r < fleet.rackCount(); r++) {
            racks.add(new LiveSnapshot.Rack(
                    fleet.topology().blockSite(fleet.rackBlock(r)),
                    fleet.rackModel(r),
                    fleet.rackStatus(r),
                    fleet.rackDownMask(r)));
        }
        List<LiveSnapshot.Queue> queues = new ArrayList<>();
        for (TenantSpec t : scenario.tenants()) {
            for (TenantSpec.QueueSpec q : t.queues()) {
                queues.add(new LiveSnapshot.Queue(
                        t.name() + "/" + q.name(),
                        q.cohort(),
                        q.weight(),
                        QueueSetup.quotas(q, fleet),
                        q.priorityClass()));
            }
        }
        List<LiveSnapshot.Running> running = new ArrayList<>(run.running().size());
        for (Job j : run.running()) {
            running.add(LiveSnapshot.Running.of(j));
        }
        List<LiveSnapshot.Queued> pending = new ArrayList<>();
        for (Job j : run.pending()) {
            pending.add(LiveSnapshot.Queued.of(j, run.reservations().of(j)));
        }
        long backfillAt = run.reservations().computedAt();
        return new LiveSnapshot(
                scenario.epoch(),
                run.now(),
                scenario.fleet(),
                racks,
                queues,
                scenario.scheduler(),
                backfillAt == Long.MIN_VALUE ? LiveSnapshot.NO_BACKFILL : backfillAt,
                running,
                pending);
    }
}
