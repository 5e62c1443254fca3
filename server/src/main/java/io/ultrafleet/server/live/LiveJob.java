package io.ultrafleet.server.live;

import io.ultrafleet.workload.Job;

/**
 * A job the server holds in memory while it is queued or running: the scheduler core's job, the tenant it belongs
 * to, and the next number of its history. Ended jobs leave memory; the database keeps them.
 */
final class LiveJob {
    final Job job;
    final String tenant;
    int nextSeq;
    /** Whether its row, or what it holds, changed in the turn being committed. */
    boolean dirty;

    boolean holdsChanged;

    LiveJob(Job job, String tenant, int nextSeq) {
        this.job = job;
        this.tenant = tenant;
        this.nextSeq = nextSeq;
    }

    long id() {
        return job.id();
    }
}
