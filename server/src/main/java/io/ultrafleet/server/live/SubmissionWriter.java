package io.ultrafleet.server.live;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.Inbox;
import io.ultrafleet.server.store.JobRow;
import io.ultrafleet.server.store.Jobs;
import io.ultrafleet.spec.JobSubmission;
import io.ultrafleet.workload.Job;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Makes submissions durable in groups: request threads hand their checked jobs over and wait; one thread takes all
 * that are waiting (up to {@link #MAX_BATCH}), gives them ids and commits them in one transaction, answers each
 * request with its job, and only then hands the jobs to the scheduler loop. A submission with an idempotency key the
 * tenant already used gets the job first submitted with it, also when both arrive in the same group. A submission past
 * a limit on live jobs ({@link JobLimits}) is refused, and its request answered with {@link JobLimits.TooManyJobs}.
 * The first line of a job's history is not written here: it is made from the job's row when read ({@link
 * SubmittedEvent}).
 */
public final class SubmissionWriter implements AutoCloseable {
    /** The most submissions committed in one transaction. */
    static final int MAX_BATCH = 2_000;

    /** A checked submission waiting to be committed. */
    public record Request(
            String tenant,
            int queueId,
            String queueName,
            int priority,
            JobSubmission job,
            String body,
            String idempotencyKey,
            CompletableFuture<Result> done) {}

    /** The job a submission made, or found by its idempotency key ({@code created} false). */
    public record Result(JobRow row, boolean created) {}

    private final Database db;
    private final SchedulerLoop loop;
    private final Supplier<FleetView> fleetForModels;
    private final JobLimits limits;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * @param fleetForModels a fleet whose models are the scenario's, to resolve a job's models (read-only)
     * @param limits the most live jobs the server, and each tenant, may have
     */
    public SubmissionWriter(Database db, SchedulerLoop loop, Supplier<FleetView> fleetForModels, JobLimits limits) {
        this.db = db;
        this.loop = loop;
        this.fleetForModels = fleetForModels;
        this.limits = limits;
        this.thread = new Thread(this::run, "ultrafleet-submissions");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues {@code r} for the next group; false when the server is shutting down or too far behind. */
    public boolean offer(Request r) {
        return !stopping && queue.offer(r);
    }

    private void run() {
        List<Request> batch = new ArrayList<>();
        while (!stopping || !queue.isEmpty()) {
            try {
                Request first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                for (Request r : batch) {
                    r.done().completeExceptionally(e);
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Request> batch) {
        Map<String, Request> firstByKey = new HashMap<>();
        List<Request> fresh = new ArrayList<>();
        List<Request> repeats = new ArrayList<>();
        for (Request r : batch) {
            if (r.idempotencyKey() == null) {
                fresh.add(r);
            } else if (firstByKey.putIfAbsent(r.tenant() + "\u0000" + r.idempotencyKey(), r) == null) {
                fresh.add(r);
            } else {
                repeats.add(r);
            }
        }
        Map<Request, JobRow> existing = new HashMap<>();
        Map<Request, String> refused = new HashMap<>();
        List<JobRow> rows = new ArrayList<>();
        List<LiveJob> live = new ArrayList<>();
        FleetView fleet = fleetForModels.get();
        boolean inbox = db.kind() == Database.Kind.POSTGRESQL;
        // Another server may commit a job with one of these idempotency keys after they were looked up: then the
        // keys are looked up again.
        Database.retryOnUniqueViolation(() -> {
            existing.clear();
            refused.clear();
            insert(fresh, firstByKey, existing, refused, rows, live, fleet, inbox);
        });
        finish(fresh, repeats, firstByKey, existing, refused, rows, live);
    }

    private void insert(
            List<Request> fresh,
            Map<String, Request> firstByKey,
            Map<Request, JobRow> existing,
            Map<Request, String> refused,
            List<JobRow> rows,
            List<LiveJob> live,
            FleetView fleet,
            boolean inbox) {
        db.inTransaction(h -> {
            rows.clear();
            live.clear();
            List<Request> toInsert = new ArrayList<>();
            Map<String, JobRow> known = Jobs.byIdempotencyKeys(h, firstByKey.keySet());
            JobLimits.Count count = null;
            for (Request r : fresh) {
                JobRow found =
                        r.idempotencyKey() == null ? null : known.get(r.tenant() + "\u0000" + r.idempotencyKey());
                if (found != null) {
                    existing.put(r, found);
                    continue;
                }
                if (count == null) {
                    count = limits.count(loop.view());
                }
                String why = count.take(r.tenant());
                if (why != null) {
                    refused.put(r, why);
                    continue;
                }
                toInsert.add(r);
            }
            if (toInsert.isEmpty()) {
                return null;
            }
            long id = Jobs.reserveIds(h, toInsert.size());
            for (Request r : toInsert) {
                var spec = r.job().job();
                String name = spec.name() != null ? spec.name() : "job-" + id;
                JobRow row = new JobRow(
                        id,
                        r.tenant(),
                        r.queueId(),
                        name,
                        JobRow.QUEUED,
                        r.body(),
                        spec.gpus(),
                        r.priority(),
                        spec.submitMs(),
                        r.idempotencyKey(),
                        0,
                        null,
                        null,
                        null,
                        0,
                        0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
                Job job = JobFactory.create(r.job(), id, name, r.queueId(), r.priority(), 0, fleet);
                rows.add(row);
                live.add(new LiveJob(job, r.tenant(), 1, r.job()));
                existing.put(r, row);
                id++;
            }
            Jobs.insertAll(h, rows);
            if (inbox) {
                Inbox.add(h, rows.stream().map(JobRow::id).toList());
            }
            return null;
        });
    }

    private void finish(
            List<Request> fresh,
            List<Request> repeats,
            Map<String, Request> firstByKey,
            Map<Request, JobRow> existing,
            Map<Request, String> refused,
            List<JobRow> rows,
            List<LiveJob> live) {
        if (!live.isEmpty()) {
            loop.submit(new LoopCommand.Submitted(List.copyOf(live), limits.handedOver(live)));
        }
        Set<Long> created = new HashSet<>();
        rows.forEach(r -> created.add(r.id()));
        for (Request r : fresh) {
            answer(r, existing.get(r), refused.get(r), created);
        }
        for (Request r : repeats) {
            // as the first request with its key was answered
            Request first = firstByKey.get(r.tenant() + "\u0000" + r.idempotencyKey());
            answer(r, existing.get(first), refused.get(first), Set.of());
        }
    }

    private static void answer(Request r, JobRow row, String refusedBecause, Set<Long> created) {
        if (refusedBecause != null) {
            r.done().completeExceptionally(new JobLimits.TooManyJobs(refusedBecause));
        } else {
            r.done().complete(new Result(row, created.contains(row.id())));
        }
    }

    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
