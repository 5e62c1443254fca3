package io.ultrafleet.forecast;

import io.ultrafleet.fleet.RackStatus;
import io.ultrafleet.scheduling.backfill.Reservation;
import io.ultrafleet.scheduling.quota.Quota;
import io.ultrafleet.spec.FleetSpec;
import io.ultrafleet.spec.SchedulerSpec;
import io.ultrafleet.time.Epoch;
import io.ultrafleet.workload.Allocation;
import io.ultrafleet.workload.JobRequest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A live scheduler's state at one instant, as plain data: what a forecast starts from. A server fills it from its
 * database and memory without knowing the twin; the twin's back-test fills it from a run. It is never changed, so one
 * snapshot serves every replication of a forecast, on any thread.
 *
 * <p>Numbering follows the scheduler's: racks by id (the order they joined the fleet), hardware models and sites as
 * {@link io.ultrafleet.spec.FleetLayout#of} numbers them for {@code fleet}, queues by their index in the queue book
 * (the {@link JobRequest#queue()} of every job).
 *
 * @param epoch what the scheduler's times count from
 * @param takenAt when the snapshot was taken, in the scheduler's time
 * @param fleet the fleet's layout: its topology, and the deliveries and decommissions planned (those after {@code
 *     takenAt} are expected to come as planned)
 * @param racks every rack the fleet has had, by id
 * @param queues every queue, by index
 * @param scheduler how the scheduler runs (queue depth, backfill, preemption)
 * @param backfillAt when the scheduler's last backfill pass ran, whose reservations the queued jobs carry; {@link
 *     #NO_BACKFILL} when none has run (the forecast then runs one at once)
 * @param running the jobs running, in any order
 * @param pending the jobs waiting to start (again), in any order: the scheduler orders them itself
 */
public record LiveSnapshot(
        Epoch epoch,
        long takenAt,
        FleetSpec fleet,
        List<Rack> racks,
        List<Queue> queues,
        SchedulerSpec scheduler,
        long backfillAt,
        List<Running> running,
        List<Queued> pending) {

    /** No backfill pass has run. */
    public static final long NO_BACKFILL = Long.MIN_VALUE;

    public LiveSnapshot {
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(scheduler, "scheduler");
        racks = List.copyOf(racks);
        queues = List.copyOf(queues);
        running = List.copyOf(running);
        pending = List.copyOf(pending);
    }

    /** The instant the snapshot was taken. */
    public Instant instant() {
        return epoch.instant(takenAt);
    }

    /**
     * A rack: where it is, what it is, whether it takes work, and which of its units (trays or hosts) are out of
     * service (failed, or held as spares).
     *
     * @param site the site's index
     * @param model the hardware model's index
     * @param status online, draining (no new work, leaves when empty) or gone
     * @param downMask bit u set when unit u is down
     */
    public record Rack(int site, int model, RackStatus status, long downMask) {
        public Rack {
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * A queue as the scheduler's queue book holds it.
     *
     * @param name {@code tenant/queue}
     * @param cohort the cohort it shares quota with, or null
     * @param weight its fair-share weight, > 0
     * @param quotas its quotas per flavour, first match wins; empty for an unlimited queue
     * @param priorityClass the name of its priority class, which a concentration cap counts it in; null for none
     */
    public record Queue(String name, String cohort, double weight, List<Quota> quotas, String priorityClass) {
        public Queue {
            Objects.requireNonNull(name, "name");
            quotas = List.copyOf(quotas);
        }

        /** A queue of no priority class. */
        public Queue(String name, String cohort, double weight, List<Quota> quotas) {
            this(name, cohort, weight, quotas, null);
        }
    }

    /**
     * A running job.
     *
     * @param request what was asked for (its {@code estimateMs} is the run time its user declared)
     * @param held the racks and units it holds
     * @param firstStartedAt when its first run started
     * @param startedAt when its current run started
     * @param runs how many times it has started, this run included
     * @param savedWorkMs full-size milliseconds of work kept by checkpoints of its earlier runs
     * @param resizedAt when its current run last changed size ({@code startedAt} if it has not): its checkpoints are
     *     counted from then, so what a preemption would cost it depends on it
     * @param resizedWorkMs full-size milliseconds of work done by {@code resizedAt}, kept work included
     *     ({@code savedWorkMs} if it has not changed size): an elastic job may have run on more or fewer GPUs before,
     *     so how far it has got, and when it will end, cannot be told from its current size alone
     */
    public record Running(
            JobRequest request,
            Allocation held,
            long firstStartedAt,
            long startedAt,
            int runs,
            long savedWorkMs,
            long resizedAt,
            long resizedWorkMs) {
        public Running {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(held, "held");
            if (resizedAt < startedAt) {
                throw new IllegalArgumentException("job " + request.name() + " resized at " + resizedAt
                        + ", before its run started at " + startedAt);
            }
            if (resizedWorkMs < 0) {
                throw new IllegalArgumentException(
                        "job " + request.name() + " had done " + resizedWorkMs + " ms of work when resized");
            }
        }

        /** The running job {@code j} as it is now. */
        public static Running of(io.ultrafleet.workload.Job j) {
            io.ultrafleet.workload.Progress p = j.progress();
            boolean resized = p.resizedAt() > j.startMs();
            long resizedAt = resized ? p.resizedAt() : j.startMs();
            long resizedWorkMs = resized ? p.workAtResizeMs() : p.savedWorkMs();
            return new Running(
                    j.request(),
                    j.allocation(),
                    j.firstStartMs(),
                    j.startMs(),
                    j.runs(),
                    j.progress().savedWorkMs(),
                    resizedAt,
                    resizedWorkMs);
        }
    }

    /**
     * A job waiting to start, or to start again after a stop.
     *
     * @param request what was asked for
     * @param savedWorkMs full-size milliseconds of work kept by checkpoints of its earlier runs (0 if it never ran)
     * @param reservation where and when the last backfill pass expects it to start, racks held for it; null when it
     *     has none
     */
    public record Queued(JobRequest request, long savedWorkMs, Reservation reservation) {
        public Queued {
            Objects.requireNonNull(request, "request");
        }

        /** The waiting job {@code j} as it is now, with its reservation (or null). */
        public static Queued of(io.ultrafleet.workload.Job j, Reservation reservation) {
            return new Queued(j.request(), j.progress().savedWorkMs(), reservation);
        }
    }
}
