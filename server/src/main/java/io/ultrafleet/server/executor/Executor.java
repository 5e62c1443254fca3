package io.ultrafleet.server.executor;

import java.util.List;

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
     * Asks the job to stop: {@code signal} first (so it can checkpoint), and after {@code graceMs} of the server's
     * clock it is ended whatever it does.
     */
    void stop(long jobId, String signal, long graceMs);

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
