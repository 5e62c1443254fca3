package io.ultrafleet.twin.forecast;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.RackStatus;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.backfill.Reservation;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.scheduling.placement.Placement;
import io.ultrafleet.scheduling.sites.PlacementFacts;
import io.ultrafleet.scheduling.sites.SiteRules;
import io.ultrafleet.spec.FleetLayout;
import io.ultrafleet.twin.workload.SimulatedProgress;
import io.ultrafleet.workload.CheckpointedProgress;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A snapshot's state rebuilt for one replication, through {@link ClusterState} as a server rebuilds its own after a
 * restart: the fleet's racks with their units down, the queues, the running jobs taken back on what they hold, the
 * draining racks, and the pending queue. Each job gets the true run time this replication draws for it, given the
 * work it has done. Built afresh for every replication, so replications share nothing but the snapshot.
 */
final class StartingState {
    final FleetLayout layout;
    final ClusterState cluster;
    final PendingQueue pending;
    /** The jobs of {@link LiveSnapshot#running()}, in its order. */
    final Job[] running;
    /** The jobs of {@link LiveSnapshot#pending()}, in its order. */
    final Job[] queued;
    /** What the snapshot's last backfill pass reserved for its queued gangs. */
    final Reservations reservations;
    /** An id above every job's in the snapshot. */
    final long nextId;

    StartingState(
            LiveSnapshot s,
            HardwareCatalogue catalogue,
            PlacementFacts sites,
            DemandModel demand,
            SplittableRandom durations) {
        layout = FleetLayout.of(s.fleet(), catalogue);
        FleetState fleet = layout.emptyFleet();
        QueueBook book = new QueueBook();
        for (LiveSnapshot.Queue q : s.queues()) {
            book.add(q.name(), q.cohort(), q.weight(), q.quotas());
        }
        // before any job is taken back, so that a concentration cap counts what the running jobs hold
        book.siteRules(siteRules(s, sites, fleet));
        cluster = new ClusterState(fleet, book);
        pending = PendingQueue.forFleet(fleet);
        addRacks(s.racks(), fleet);
        long maxId = -1;
        running = new Job[s.running().size()];
        for (int i = 0; i < running.length; i++) {
            LiveSnapshot.Running r = s.running().get(i);
            running[i] = adopt(r, s.takenAt(), demand, durations, fleet);
            maxId = Math.max(maxId, r.request().id());
        }
        for (int rack = 0; rack < s.racks().size(); rack++) {
            if (s.racks().get(rack).status() != RackStatus.ONLINE) {
                cluster.decommission(rack);
            }
        }
        queued = new Job[s.pending().size()];
        Map<Job, Reservation> reserved = new HashMap<>();
        for (int i = 0; i < queued.length; i++) {
            LiveSnapshot.Queued q = s.pending().get(i);
            JobRequest request = q.request();
            queueOf(request, s.queues().size(), "snapshot");
            long work = demand.workMs(request, q.savedWorkMs(), durations);
            queued[i] = new Job(request, new SimulatedProgress(request, work, q.savedWorkMs()));
            pending.add(queued[i]);
            if (q.reservation() != null) {
                reserved.put(queued[i], q.reservation());
            }
            maxId = Math.max(maxId, request.id());
        }
        reservations = s.backfillAt() == LiveSnapshot.NO_BACKFILL
                ? Reservations.none()
                : Reservations.restored(s.backfillAt(), reserved);
        nextId = maxId + 1;
    }

    /** The site rules of the snapshot's scheduler section, with the sites' facts (none known: all alike). */
    private static SiteRules siteRules(LiveSnapshot s, PlacementFacts sites, FleetState fleet) {
        List<String> classes = new ArrayList<>();
        int[] classOfQueue = new int[s.queues().size()];
        for (int q = 0; q < classOfQueue.length; q++) {
            String name = s.queues().get(q).priorityClass();
            if (name != null && !classes.contains(name)) {
                classes.add(name);
            }
            classOfQueue[q] = name == null ? -1 : classes.indexOf(name);
        }
        try {
            return s.scheduler().placement().siteRules(sites, fleet, classes, classOfQueue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("snapshot: " + e.getMessage(), e);
        }
    }

    private void addRacks(List<LiveSnapshot.Rack> racks, FleetState fleet) {
        for (int id = 0; id < racks.size(); id++) {
            LiveSnapshot.Rack r = racks.get(id);
            if (r.site() < 0
                    || r.site() >= fleet.topology().siteCount()
                    || r.model() < 0
                    || r.model() >= fleet.modelCount()) {
                throw new IllegalArgumentException("snapshot: rack " + id + " names site " + r.site() + " and model "
                        + r.model() + ", which the fleet's layout does not have");
            }
            cluster.addRack(r.site(), r.model());
            if (r.downMask() != 0 && r.status() != RackStatus.GONE) {
                cluster.takeDown(id, r.downMask());
            }
        }
    }

    /** The running job taken back on what it holds, with a true run time that leaves it running now. */
    private Job adopt(
            LiveSnapshot.Running r, long now, DemandModel demand, SplittableRandom durations, FleetState fleet) {
        JobRequest request = r.request();
        queueOf(request, cluster.queues().size(), "snapshot");
        long work = demand.workMs(request, workDone(r, now), durations);
        Job job = new Job(request, new SimulatedProgress(request, work, r.savedWorkMs()));
        int[] racks = r.held().racks();
        if (racks.length == 0) {
            throw new IllegalArgumentException("snapshot: running job " + request.name() + " holds nothing");
        }
        Placement p = new Placement(
                fleet.rackModel(racks[0]), racks, r.held().unitMasks(), r.held().allocatedGpus(), 1);
        try {
            cluster.adopt(job, p, r.firstStartedAt(), r.startedAt(), r.runs(), r.resizedAt(), r.resizedWorkMs());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "snapshot: running job " + request.name() + " cannot hold what it holds: " + e.getMessage(), e);
        }
        return job;
    }

    /** Full-size milliseconds of work the running job {@code r} has done by {@code now}, kept work included. */
    static long workDone(LiveSnapshot.Running r, long now) {
        int gpus = Math.min(r.request().gpus(), r.held().allocatedGpus());
        CheckpointedProgress sofar = new CheckpointedProgress(r.request(), r.savedWorkMs());
        sofar.started(r.startedAt(), gpus, r.runs() > 1);
        if (r.resizedAt() > r.startedAt()) {
            sofar.resumeFrom(r.resizedAt(), r.resizedWorkMs());
        }
        return sofar.workDoneMs(now);
    }

    /** The job's queue, checked against the {@code queues} the snapshot has; {@code source} names what is read. */
    static int queueOf(JobRequest r, int queues, String source) {
        if (r.queue() < 0 || r.queue() >= queues) {
            throw new IllegalArgumentException(
                    source + ": job " + r.name() + " names queue " + r.queue() + "; the snapshot has " + queues);
        }
        return r.queue();
    }
}
