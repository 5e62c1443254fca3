package io.ultrafleet.server.executor;

import io.ultrafleet.fleet.FleetView;
import java.util.List;
import java.util.Map;

/**
 * Where jobs really run: the server decides, commits its decisions, then tells an executor. Executors are the one
 * small interface between the scheduler and a cluster engine: the virtual executor (jobs run for their declared
 * duration on a fleet that exists only in the server), Slurm, later Kubernetes. What an executor reports is
 * reconciled with the database, never trusted blindly and never ignored.
 */
public interface Executor extends AutoCloseable {
    /** Runs {@code job} on exactly the nodes of its placement. */
    void start(Dispatch job);

    /**
     * Asks the job to stop, as a preemption or cancellation does: with the executor's own signal and grace period (on
     * Slurm, its settings' {@code signal} first, so that the job can checkpoint, and after {@code gracePeriod} it is
     * ended whatever it does; the virtual executor stops it at once).
     */
    void stop(long jobId);

    /**
     * The fleet's racks changed (or are first known): called from the scheduler's thread, which owns {@code fleet};
     * an executor copies what it needs to map the engine's nodes to racks and units.
     */
    default void fleetChanged(FleetView fleet) {}

    /** The server has told it every job that was running when it started: anything else of ours it runs is stray. */
    default void started() {}

    /**
     * This server no longer leads: another one may follow and change the same runs now. The executor forgets its runs
     * without touching them and takes no action on its engine (no stray cancelled, no stop ended) until {@link
     * #started()} is called again, after a new leader's rebuild has told it which runs are its own.
     */
    default void release() {}

    /**
     * Units the engine cannot run work on now, by rack (a mask of units): nodes down, drained or failed there, nodes
     * it does not have, and all units of a cluster that cannot be reached. The scheduler keeps new work off them.
     */
    default Map<Integer, Long> unavailable() {
        return Map.of();
    }

    /** Each cluster it dispatches to, and whether it can be reached now; empty for an executor without clusters. */
    default Map<String, Boolean> clusters() {
        return Map.of();
    }

    /** What changed since the last call: jobs that ended, failed or were lost, and nodes that went down or came back. */
    List<Report> poll(long now);

    /** The jobs it runs now, by Ultrafleet id, as it sees them. */
    List<Long> running();

    /**
     * The name the engine gives the host at {@code unit} of {@code rack}, in {@code block} at {@code site}. Safe to call
     * from any thread: request handlers name the nodes of a job's placement with it.
     */
    String nodeName(String site, int block, int rack, int unit);

    /** When the next thing it already knows of happens (a job's end), in the server's clock; Long.MAX_VALUE if none. */
    long nextEventAt();

    @Override
    void close();
}
