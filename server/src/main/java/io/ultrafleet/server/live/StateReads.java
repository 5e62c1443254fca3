package io.ultrafleet.server.live;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.sites.PlacementFacts;
import io.ultrafleet.server.ha.Leadership;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.StateRevision;
import io.ultrafleet.spec.ScenarioSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler loop's reads of the whole state from the database: at start, when it comes to lead, after a failed
 * commit, and while it stands by. Each is timed for the metrics. While standing by, it first asks where the stored
 * state stands ({@link StateRevision}, one small query) every couple of seconds, and reads the whole state only when
 * that moved since its last read (or a delivery of racks is due, or a minute has passed: a leader of an older version
 * moves no revision); the jobs' rows and parsed bodies are kept from one read to the next, so that a read takes from
 * the database only the rows that changed ({@link FollowedRows}, {@link ParsedBodies}), and reads are paced so that
 * they take at most a fifth of the time.
 */
final class StateReads {
    private static final Logger LOG = LoggerFactory.getLogger(StateReads.class);

    /** The shortest time between two reads of the state from the database while standing by, in wall milliseconds. */
    static final long FOLLOW_MS = 2_000;

    /** The longest a standby goes without reading the whole state, whatever the revision says, in wall milliseconds. */
    static final long FULL_READ_MS = 60_000;

    private final Database db;
    private final ScenarioSpec spec;
    private final HardwareCatalogue catalogue;
    /** The sites' prices and carbon for the site rules, or null when the server was not given them. */
    private final PlacementFacts sites;

    private final LoopMeter meter;
    private final Leadership leadership;
    private final ParsedBodies bodies = new ParsedBodies();
    private final FollowedRows rows = new FollowedRows();
    /** The fingerprint of the rows the last read found, or 0 before the first and after one that failed. */
    private long lastDigest;
    /** The revision the last read found, or null when the state in memory may differ from it. */
    private StateRevision lastRevision;

    private long lastFullReadNanos;

    private long lastFollowNanos;
    private long followEveryNanos = FOLLOW_MS * 1_000_000L;

    StateReads(
            Database db,
            ScenarioSpec spec,
            HardwareCatalogue catalogue,
            PlacementFacts sites,
            LoopMeter meter,
            Leadership leadership) {
        this.db = db;
        this.spec = spec;
        this.catalogue = catalogue;
        this.sites = sites;
        this.meter = meter;
        this.leadership = leadership;
    }

    /** The state read from the database, saying how long that took (a restart's or a takeover's largest part). */
    LiveState load(long now) {
        long t0 = System.nanoTime();
        LiveState fresh = read(now, !leadership.leads());
        LOG.info(
                "state read from the database in {} ms: {} running and {} queued jobs",
                (System.nanoTime() - t0) / 1_000_000,
                fresh.running().size(),
                fresh.liveJobs() - fresh.running().size());
        followed(t0);
        return fresh;
    }

    /**
     * The state read again while standing by. The next read is due after five times as long as this one took, also
     * when this one failed (a database that does not answer is asked again after a pause, not in a loop).
     */
    LiveState follow(long now) {
        long t0 = System.nanoTime();
        try {
            return read(now, true);
        } finally {
            followed(t0);
        }
    }

    /**
     * The fingerprint of the rows the last read found ({@link StoredDigest}): two reads of the same rows give the same,
     * so a standby's state changed only when it differs.
     */
    long lastDigest() {
        return lastDigest;
    }

    /** Wall milliseconds until the next read is due while standing by; 0 when it is. */
    long msUntilFollow() {
        return Math.max(0, (followEveryNanos - (System.nanoTime() - lastFollowNanos)) / 1_000_000L);
    }

    /** A read is due at once (a server that stopped leading): of the whole state, since this server changed it. */
    void followNow() {
        lastFollowNanos = System.nanoTime() - followEveryNanos;
        lastRevision = null;
    }

    /**
     * Whether the stored state may have changed since the last read, as a standby asks before it reads it again: the
     * revision moved, a change of the fleet (a delivery) is due by {@code now}, or the last read is a minute old. When
     * it has not, the next question is due after {@link #FOLLOW_MS}.
     */
    boolean changedSince(long now, LiveState current) {
        if (current == null
                || lastRevision == null
                || now >= current.nextFleetChangeAt()
                || System.nanoTime() - lastFullReadNanos >= FULL_READ_MS * 1_000_000L) {
            return true;
        }
        long t0 = System.nanoTime();
        StateRevision stored = db.withHandle(StateRevision::read);
        if (!stored.equals(lastRevision)) {
            return true;
        }
        lastFollowNanos = System.nanoTime();
        followEveryNanos = Math.max(FOLLOW_MS * 1_000_000L, 5 * (lastFollowNanos - t0));
        return false;
    }

    private void followed(long t0) {
        lastFollowNanos = System.nanoTime();
        // reading a large state is not free: read at most a fifth of the time
        followEveryNanos = Math.max(FOLLOW_MS * 1_000_000L, 5 * (lastFollowNanos - t0));
    }

    /** How many jobs' rows the last read took whole from the database (the others were kept from the read before). */
    int rowsFetched() {
        return rows.fetched();
    }

    /**
     * Reads the whole state from the database, timed for the metrics. A standby's read ({@code keep}) keeps the jobs'
     * rows and parsed bodies for its next read, also when the lease came to it during the read: the read that makes it
     * lead comes next, and uses them. A leader's read keeps none.
     */
    private LiveState read(long now, boolean keep) {
        long t0 = System.nanoTime();
        lastDigest = 0;
        lastRevision = null;
        StoredDigest digest = new StoredDigest();
        LiveState fresh = LiveLoader.load(db, spec, catalogue, sites, now, bodies, rows, digest);
        lastDigest = digest.value();
        lastRevision = digest.revision();
        lastFullReadNanos = t0;
        if (!keep) {
            bodies.clear();
            rows.clear();
        }
        meter.stateRead(System.nanoTime() - t0, rows.fetched());
        return fresh;
    }
}
