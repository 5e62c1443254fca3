package io.ultrafleet.server.live;

import io.ultrafleet.server.store.JobRow;
import io.ultrafleet.server.store.Jobs;
import io.ultrafleet.server.store.Jobs.VersionedRow;
import io.ultrafleet.server.store.StateRevision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * The live jobs' rows as a standby's last read of the state found them, by id, with their versions (which the leader
 * moves with every update of a row). A read after the first asks the database for the ids and versions of the live
 * jobs only, and for the whole rows of those that are new or whose version moved; the others come from here. Rows are
 * kept without their bodies, which never change once stored and are kept parsed beside ({@link ParsedBodies}). When
 * more than a third of a state's rows changed, they are read whole as on a first read, in one pass; so are they all when
 * a leader of an older version (which moves no row's version) committed since the last read. Jobs that ended leave at
 * the next read. A server that leads keeps none: it reads the state only when it must.
 */
final class FollowedRows {
    /** Above one changed row in this many, a state's rows are read whole rather than looked up by id. */
    private static final int STALE_SHARE_FOR_WHOLE = 3;

    /**
     * Heap bytes allowed per kept row: rows are kept only while they take at most about a sixth of the heap (a kept
     * row and its map entry take about 400 bytes), so that a standby of a million jobs on a 2 GiB heap, which holds its
     * state and reads the next, reads whole as before rather than run out of memory.
     */
    private static final long HEAP_BYTES_PER_ROW = 2_560;

    /** The most rows kept: beyond them, nothing is kept and every read is whole. */
    private final long maxRows;

    /** One copy of each of the few strings many rows share (tenants, states, wait reasons and details). */
    private Map<String, String> canonical = new HashMap<>();

    private Map<Long, VersionedRow> last = Map.of();
    /** The revision of the state {@link #last} was read at; null when nothing is kept. */
    private StateRevision lastRevision;
    /** What the read under way found; null between reads. */
    private Map<Long, VersionedRow> next;

    private StateRevision nextRevision;

    private int fetched;

    FollowedRows() {
        this(Runtime.getRuntime().maxMemory() / HEAP_BYTES_PER_ROW);
    }

    FollowedRows(long maxRows) {
        this.maxRows = maxRows;
    }

    /** Starts a read of the state: the last read's rows stay at hand. */
    void begin() {
        next = new HashMap<>(Math.max(16, last.size() + last.size() / 3 + 1));
        nextRevision = null;
        fetched = 0;
    }

    /**
     * The read under way sees the state at {@code revision}: if a leader of an older version, which leaves the rows'
     * versions as they were, committed since the rows kept were read, none of them is trusted and the read is whole.
     */
    void at(StateRevision revision) {
        if (lastRevision == null || !revision.versionsKeptSince(lastRevision)) {
            last = Map.of();
        }
        nextRevision = revision;
    }

    /**
     * Hands every job in {@code state} to {@code each}, in id order, as the handle's snapshot holds it: whole from the
     * database on a first read, else only the new and changed rows from it (without the bodies of the others).
     */
    void forEachInState(Handle h, String state, Consumer<JobRow> each) {
        if (last.isEmpty()) {
            whole(h, state, each);
            return;
        }
        List<Long> ids = new ArrayList<>();
        List<Long> stale = new ArrayList<>();
        Jobs.forEachVersionInState(h, state, (id, version) -> {
            ids.add(id);
            VersionedRow known = last.get(id);
            if (known == null || known.version() != version) {
                stale.add(id);
            }
        });
        if (stale.size() > ids.size() / STALE_SHARE_FOR_WHOLE) {
            // most rows changed (all queued jobs re-ranked at once): one pass over them beats looking each one up
            whole(h, state, each);
            return;
        }
        Map<Long, VersionedRow> read = Jobs.versionedRows(h, stale);
        fetched += read.size();
        for (long id : ids) {
            VersionedRow fresh = read.get(id);
            if (fresh != null) {
                next.put(id, new VersionedRow(kept(fresh.row()), fresh.version()));
                each.accept(fresh.row());
            } else {
                VersionedRow known = last.get(id);
                if (known == null) {
                    // listed by the scan and not found by id in the same snapshot: cannot be
                    throw new IllegalStateException("job " + id + " is listed but its row was not found");
                }
                next.put(id, known);
                each.accept(known.row());
            }
        }
    }

    /** Every row of {@code state} from the database, kept for the next read. */
    private void whole(Handle h, String state, Consumer<JobRow> each) {
        Jobs.forEachVersionedInState(h, state, v -> {
            fetched++;
            next.put(v.row().id(), new VersionedRow(kept(v.row()), v.version()));
            each.accept(v.row());
        });
    }

    /** The row as kept: without its body, and with the strings many rows share shared. */
    private JobRow kept(JobRow r) {
        return new JobRow(
                r.id(),
                shared(r.tenant()),
                r.queueId(),
                r.name(),
                shared(r.state()),
                null,
                r.gpus(),
                r.priority(),
                r.submittedAt(),
                r.idempotencyKey(),
                r.runs(),
                r.firstStartedAt(),
                r.startedAt(),
                r.endedAt(),
                r.savedWorkMs(),
                r.allocatedGpus(),
                shared(r.waitReason()),
                shared(r.waitDetail()),
                r.exitCode(),
                r.workMs(),
                r.resizedAt(),
                r.resizedWorkMs());
    }

    private String shared(String s) {
        if (s == null) {
            return null;
        }
        String known = canonical.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    /**
     * The read is done: its rows are those the next read starts from, unless there are more than this heap keeps (then
     * none are, and the next read is whole).
     */
    void keep() {
        last = next.size() <= maxRows ? next : Map.of();
        lastRevision = last.isEmpty() ? null : nextRevision;
        next = null;
        if (canonical.size() > Math.max(1_000, last.size() / 4)) {
            canonical = new HashMap<>(); // wait details that name many different things: start again
        }
    }

    /** Keeps nothing (a server that leads). */
    void clear() {
        last = Map.of();
        lastRevision = null;
        next = null;
        canonical = new HashMap<>();
    }

    /** How many rows the last read took whole from the database. */
    int fetched() {
        return fetched;
    }

    /** How many rows are kept. */
    int size() {
        return last.size();
    }
}
