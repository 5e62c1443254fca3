package io.ultrafleet.server.forecast;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.forecast.DemandHistory;
import io.ultrafleet.server.live.JobFactory;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.JobRow;
import io.ultrafleet.server.store.Jobs;
import io.ultrafleet.server.store.QueueRow;
import io.ultrafleet.server.store.Queues;
import io.ultrafleet.server.store.Settings;
import io.ultrafleet.spec.FleetLayout;
import io.ultrafleet.spec.ScenarioSpec;
import io.ultrafleet.spec.TrainingReader;
import io.ultrafleet.workload.JobRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recent past as a forecast reads it, from the jobs table: every job submitted in the window (its whole request,
 * as the scheduler was told it: queue, size, declared run time, topology) and every job that ran to its end in the
 * window (succeeded or failed), with how long it really ran. Requests are read again from the bodies the jobs were
 * submitted with, once each: a job's body never changes, so they are kept by id (up to {@link #MAX_KEPT}).
 */
public final class JobHistory {
    /** The setting that says from when the database has every job: the server clock at its first start. */
    public static final String SINCE = "history.since";

    /** Requests kept between reads, at most. */
    static final int MAX_KEPT = 500_000;

    private final Database db;
    private final ScenarioSpec spec;
    private final HardwareCatalogue catalogue;
    private final FleetView models;
    private final Map<Long, JobRequest> requests = new ConcurrentHashMap<>();

    public JobHistory(Database db, ScenarioSpec spec, HardwareCatalogue catalogue) {
        this.db = db;
        this.spec = spec;
        this.catalogue = catalogue;
        this.models = FleetLayout.of(spec.fleet(), catalogue).emptyFleet();
    }

    /** The history of the {@code windowMs} before {@code now} (server's clock). */
    public DemandHistory read(long now, long windowMs) {
        long from = Math.max(0, now - windowMs);
        return db.withHandle(h -> {
            long since = Settings.get(h, SINCE).map(Long::parseLong).orElse(0L);
            List<String> queueNames = new ArrayList<>();
            for (QueueRow q : Queues.all(h)) {
                queueNames.add(q.fullName());
            }
            TrainingReader reader = new TrainingReader(catalogue, queueNames, spec.startMs(), Long.MAX_VALUE);
            List<JobRequest> submitted = new ArrayList<>();
            Jobs.forEachSubmitted(h, from, now, row -> submitted.add(request(row, reader)));
            List<DemandHistory.Ended> ended = new ArrayList<>();
            Jobs.forEachRanToEnd(h, from, now, row -> {
                // the work it had done, which an elastic job's wall time overstates while it ran shrunk; the last
                // run's wall time plus earlier runs' kept work for a job that ended before the server recorded it
                long runMs = row.workMs() != null
                        ? row.workMs()
                        : row.endedAt() - row.startedAt() + (row.runs() > 1 ? row.savedWorkMs() : 0);
                ended.add(new DemandHistory.Ended(request(row, reader), row.endedAt(), Math.max(0, runMs)));
            });
            if (requests.size() > MAX_KEPT) {
                requests.clear();
            }
            return new DemandHistory(since, submitted, ended);
        });
    }

    private JobRequest request(JobRow row, TrainingReader reader) {
        return requests.computeIfAbsent(row.id(), id -> JobFactory.request(row, reader, models));
    }
}
