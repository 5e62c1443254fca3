package io.ultrafleet.server.live;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.scheduling.placement.Placement;
import io.ultrafleet.scheduling.sites.PlacementFacts;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.HeldUnits;
import io.ultrafleet.server.store.Inbox;
import io.ultrafleet.server.store.JobEvents;
import io.ultrafleet.server.store.JobRow;
import io.ultrafleet.server.store.Jobs;
import io.ultrafleet.server.store.QueueRow;
import io.ultrafleet.server.store.Queues;
import io.ultrafleet.server.store.RackStates;
import io.ultrafleet.server.store.StateRevision;
import io.ultrafleet.server.store.UnitsOut;
import io.ultrafleet.spec.FieldReader;
import io.ultrafleet.spec.FleetLayout;
import io.ultrafleet.spec.JobSubmission;
import io.ultrafleet.spec.ScenarioSpec;
import io.ultrafleet.spec.TenantSpec;
import io.ultrafleet.spec.TrainingReader;
import io.ultrafleet.spec.input.JsonNodes;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.WaitReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the live state from the database, at start and after a failed commit: the fleet as delivered up to the
 * server's clock, the queues with their settings, running jobs back on the units they hold (ending when their
 * remaining run says), queued jobs in their order with the reason they wait, drained racks, and the units the leader's
 * executor could not use.
 */
final class LiveLoader {
    private LiveLoader() {}

    /**
     * The state as the database holds it at {@code now}; the jobs' bodies parsed at the last read with {@code bodies}
     * are not parsed again, and {@code bodies} keeps this read's for the next.
     */
    static LiveState load(
            Database db,
            ScenarioSpec spec,
            HardwareCatalogue catalogue,
            PlacementFacts siteFacts,
            long now,
            ParsedBodies bodies) {
        return load(db, spec, catalogue, siteFacts, now, bodies, new FollowedRows(), new StoredDigest());
    }

    /**
     * As {@link #load(Database, ScenarioSpec, HardwareCatalogue, PlacementFacts, long, ParsedBodies)}, reading only the
     * jobs' rows that changed since the last read with {@code rows}, which keeps this read's for the next (with {@code
     * bodies}: the two are kept and let go together), and taking the fingerprint of what it read in {@code digest}.
     */
    static LiveState load(
            Database db,
            ScenarioSpec spec,
            HardwareCatalogue catalogue,
            PlacementFacts siteFacts,
            long now,
            ParsedBodies bodies,
            FollowedRows rows,
            StoredDigest digest) {
        FleetLayout layout = FleetLayout.of(spec.fleet(), catalogue);
        List<String> classes = spec.priorityClassNames();
        LiveState state = new LiveState(layout, spec.scheduler(), spec.startMs(), siteFacts, classes);
        state.advanceFleet(now);
        digest.fleet(state.fleet());
        List<String> sites = QueueSettings.siteNames(spec);
        List<String> queueNames = new ArrayList<>();
        // One snapshot: read apart, a job that starts on the leader between the read of the held units and the
        // read of the running jobs would be running here with no units.
        bodies.begin();
        rows.begin();
        db.inSnapshot(h -> {
            StateRevision revision = StateRevision.read(h); // first: the rows below are those of this revision
            digest.revision(revision);
            rows.at(revision);
            for (QueueRow row : Queues.all(h)) {
                digest.queue(row);
                TenantSpec.QueueSpec q = QueueSettings.read(
                        "queue " + row.fullName(), row.settings(), row.name(), classes, sites, catalogue);
                state.addQueue(
                        row, QueueSettings.priority(spec, q.priorityClass()), QueueSettings.quotas(q, state.fleet()));
                queueNames.add(row.fullName());
            }
            TrainingReader reader = new TrainingReader(catalogue, queueNames, spec.startMs(), spec.endMs());
            Map<Long, Map<Integer, Long>> held = HeldUnits.all(h);
            digest.held(held);
            rows.forEachInState(h, JobRow.RUNNING, row -> {
                digest.job(row);
                LiveJob lj = liveJob(row, bodies.of(row, reader), state, JobEvents.NEXT);
                Map<Integer, Long> units = held.getOrDefault(row.id(), Map.of());
                state.adopt(
                        lj,
                        placement(units, state),
                        row.firstStartedAt() == null ? row.startedAt() : row.firstStartedAt(),
                        row.startedAt(),
                        Math.max(1, row.runs()),
                        // a row without a resize: from its start (the work at a resize is then not read)
                        row.resizedAt() == null || row.resizedWorkMs() == null ? row.startedAt() : row.resizedAt(),
                        row.resizedWorkMs() == null ? 0 : row.resizedWorkMs());
            });
            rows.forEachInState(h, JobRow.QUEUED, row -> {
                digest.job(row);
                LiveJob lj = liveJob(row, bodies.of(row, reader), state, JobEvents.NEXT);
                if (row.waitReason() != null) {
                    for (WaitReason r : WaitReason.values()) {
                        if (r.key().equals(row.waitReason())) {
                            lj.job.waitingBecause(r, row.waitDetail());
                        }
                    }
                }
                state.requeue(lj);
                state.ranks().rerankIfBehind(lj, now);
            });
            for (int rack : RackStates.drained(h)) {
                digest.drained(rack);
                if (rack < state.fleet().rackCount()) {
                    state.drain(rack, true);
                }
            }
            // as the leader last took them out of service: a standby shows them so; a leader follows its executor
            Map<Integer, Long> out = UnitsOut.all(h);
            digest.unitsOut(out);
            state.applyUnavailable(out);
            return null;
        });
        bodies.keep();
        rows.keep();
        state.changes().clear();
        state.wantCycle();
        return state;
    }

    /**
     * The queued jobs of the inbox that {@code state} does not know yet, read from their rows; every job of the inbox
     * looked at (known, taken or ended) is put in the state's changes, so that its row leaves the inbox with the
     * turn's commit.
     */
    static List<LiveJob> fromInbox(Database db, ScenarioSpec spec, HardwareCatalogue catalogue, LiveState state) {
        return db.withHandle(h -> {
            List<Long> ids = Inbox.peek(h, 5_000);
            List<LiveJob> out = new ArrayList<>();
            if (ids.isEmpty()) {
                return out;
            }
            TrainingReader reader = null;
            for (long id : ids) {
                if (!state.knows(id)) {
                    JobRow row = Jobs.get(h, id).orElse(null);
                    if (row != null && JobRow.QUEUED.equals(row.state())) {
                        if (reader == null) {
                            reader = new TrainingReader(
                                    catalogue,
                                    state.queues().rows().stream()
                                            .map(QueueRow::fullName)
                                            .toList(),
                                    spec.startMs(),
                                    spec.endMs());
                        }
                        out.add(liveJob(
                                row, submission(row, reader), state, 1)); // no events yet: the leader writes them
                    }
                }
                state.changes().inboxTaken.add(id);
            }
            return out;
        });
    }

    /**
     * The job of {@code row}, submitted as {@code s}, whose next event is the {@code nextSeq}-th ({@link JobEvents#NEXT}:
     * after those the database holds; counting them for every job would make a large state slow to read).
     */
    static LiveJob liveJob(JobRow row, JobSubmission s, LiveState state, int nextSeq) {
        Job job = JobFactory.create(
                s, row.id(), row.name(), row.queueId(), row.priority(), row.savedWorkMs(), state.fleet());
        return new LiveJob(job, row.tenant(), nextSeq, s);
    }

    static JobSubmission submission(JobRow row, TrainingReader reader) {
        String source = "job " + row.id();
        // as stored: a job taken before a rule on submissions was added still loads
        return reader.storedSubmission(
                new FieldReader(source, "", JsonNodes.compose(source, row.body())), row.submittedAt());
    }

    private static Placement placement(Map<Integer, Long> units, LiveState state) {
        int[] racks = new int[units.size()];
        long[] masks = new long[units.size()];
        int i = 0;
        int gpus = 0;
        int model = -1;
        java.util.Set<Integer> blocks = new java.util.HashSet<>();
        for (Map.Entry<Integer, Long> e : units.entrySet()) {
            racks[i] = e.getKey();
            masks[i] = e.getValue();
            model = state.fleet().rackModel(racks[i]);
            HardwareModel m = state.fleet().model(model);
            gpus += Long.bitCount(masks[i]) * m.gpusPerUnit();
            blocks.add(state.fleet().rackBlock(racks[i]));
            i++;
        }
        return new Placement(model, racks, masks, gpus, blocks.size());
    }
}
