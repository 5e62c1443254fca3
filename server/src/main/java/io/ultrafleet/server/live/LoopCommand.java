package io.ultrafleet.server.live;

import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.spec.TenantSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Something for the scheduler loop to do ({@link SchedulerLoop#submit}); handled in the order it arrived. */
public sealed interface LoopCommand {

    /**
     * Jobs committed as queued, the submission writer's {@code handover}-th hand-over (counted from 1), which the
     * pictures made after it is taken in say they hold ({@link LiveView#handovers}).
     */
    public record Submitted(List<LiveJob> jobs, long handover) implements LoopCommand {}

    /** Cancel job {@code id}; answers whether it was queued or running. */
    public record Cancel(long id, String by, CompletableFuture<Boolean> done) implements LoopCommand {}

    /**
     * Add queue {@code tenant/name} or change its settings when {@code when} holds; answers false when its running jobs
     * hold GPUs its new quotas do not cover, and fails with {@link QueuePrecondition.Failed} when {@code when} does not
     * hold.
     */
    public record PutQueue(
            String tenant,
            String name,
            TenantSpec.QueueSpec settings,
            String settingsJson,
            int priority,
            QueuePrecondition when,
            String by,
            CompletableFuture<Boolean> done)
            implements LoopCommand {}

    /** Drain a rack or end its drain; answers false when there is no such rack yet. */
    public record Drain(int rack, boolean on, String by, CompletableFuture<Boolean> done) implements LoopCommand {}

    /**
     * Take a snapshot of the state for a forecast: answered at the end of the loop's next turn, after its commit, with
     * the state as committed. Copying it costs a pass over the racks and the live jobs, no database access.
     */
    public record TakeSnapshot(CompletableFuture<Snapshot> done) implements LoopCommand {}

    /**
     * The live state as a forecast starts from it.
     *
     * @param version the state's version ({@link SchedulerLoop#version()}) when it was taken
     */
    public record Snapshot(long version, LiveSnapshot state) {}
}
