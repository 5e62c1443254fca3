package io.ultrafleet.server.live;

import io.ultrafleet.spec.JobSubmission;
import io.ultrafleet.workload.Job;
import java.util.List;
import java.util.Map;

/**
 * A job the server holds in memory while it is queued or running: the scheduler core's job, the tenant it belongs
 * to, and the next number of its history ({@link io.ultrafleet.server.store.JobEvents#NEXT} when the database
 * numbers it). Ended jobs leave memory; the database keeps them.
 */
final class LiveJob {
    final Job job;
    final String tenant;
    int nextSeq;
    /** Whether its row, or what it holds, changed in the turn being committed. */
    boolean dirty;

    boolean holdsChanged;

    /**
     * The history lines owed for re-rankings by its queue's changes of class, not yet written (the latest, which names
     * the ones before it), or null ({@link RerankWrites}).
     */
    OwedLine owed;

    /** What it runs, kept only when it has a command or environment (null otherwise, to keep queued jobs small). */
    private final List<String> command;

    private final Map<String, String> env;

    LiveJob(Job job, String tenant, int nextSeq, JobSubmission s) {
        this.job = job;
        this.tenant = tenant;
        this.nextSeq = nextSeq;
        this.command = s.command().isEmpty() ? null : s.command();
        this.env = s.env().isEmpty() ? null : s.env();
    }

    List<String> command() {
        return command == null ? List.of() : command;
    }

    Map<String, String> env() {
        return env == null ? Map.of() : env;
    }

    long id() {
        return job.id();
    }
}
