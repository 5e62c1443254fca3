package io.ultrafleet.server.live;

import io.ultrafleet.server.store.JobRow;
import io.ultrafleet.spec.JobSubmission;
import io.ultrafleet.spec.TrainingReader;
import java.util.HashMap;
import java.util.Map;

/**
 * The live jobs' submissions as parsed at the last read of the state, by job id. A standby reads the whole state every
 * few seconds, and parsing the jobs' bodies was three quarters of a read; a body never changes once stored, so a read
 * parses only the bodies of jobs that came since the last one. Jobs that ended leave at the next read. The leader keeps
 * none: it reads the state only at start and after a failed commit.
 */
final class ParsedBodies {
    private Map<Long, JobSubmission> last = Map.of();
    /** What the read under way parsed or found parsed; null between reads. */
    private Map<Long, JobSubmission> next;

    /** Starts a read of the state: what the last read parsed stays at hand. */
    void begin() {
        next = new HashMap<>(Math.max(16, last.size() + last.size() / 3 + 1));
    }

    /** The submission of the job stored as {@code row}, parsed at the last read, or now. */
    JobSubmission of(JobRow row, TrainingReader reader) {
        JobSubmission s = last.get(row.id());
        if (s == null) {
            if (row.body() == null) {
                // a row kept without its body ({@link FollowedRows}) always has its submission kept here
                throw new IllegalStateException("job " + row.id() + ": a kept row whose submission was not kept");
            }
            s = LiveLoader.submission(row, reader);
        }
        next.put(row.id(), s);
        return s;
    }

    /** The read is done: its jobs are those the next read finds parsed. */
    void keep() {
        last = next;
        next = null;
    }

    /** Keeps nothing (a server that leads, and reads the state only when it must). */
    void clear() {
        last = Map.of();
        next = null;
    }

    /** How many jobs' submissions are kept. */
    int size() {
        return last.size();
    }
}
