package io.ultrafleet.server.executor;

import java.util.List;
import java.util.Map;

/**
 * A job as an executor is told to run it: where (its racks, the units of each, and the nodes they are), what (its
 * command and environment), since when, and for how long at most.
 *
 * @param startedAt the server's time the run started
 * @param run which run of the job this is (1 for its first start; a restart after a preemption or failure counts up)
 * @param runMs how long the run lasts by what the user declared, from {@code startedAt}: the virtual executor ends
 *     the job then, a real one uses it as the time limit
 * @param first whether this server's scheduler has just started this run and no executor was told of it before; false
 *     when the run is handed over again (after a restart or a change of leader), when an executor may already have
 *     it and must look before it submits, so that it never runs twice
 */
public record Dispatch(
        long jobId,
        String name,
        int[] racks,
        long[] unitMasks,
        List<String> nodes,
        List<String> command,
        Map<String, String> env,
        long startedAt,
        int run,
        long runMs,
        boolean first) {}
