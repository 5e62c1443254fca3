package io.ultrafleet.server.live;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.server.store.JobRow;
import io.ultrafleet.server.store.QueueRow;
import io.ultrafleet.server.store.StateRevision;
import java.util.Map;
import java.util.Objects;

/**
 * A fingerprint of a state as read from the database: its queues' rows, its live jobs' rows, the units they hold, the
 * drained racks, the units the executor cannot use, and the fleet as delivered by the read's time. Two reads that give the same fingerprint read the same
 * state, so a standby, which reads the whole state every few seconds, moves its state's version on (and lets a kept
 * forecast go) only when something changed. Order-independent: a sum of each part's mixed hash. A job's body, name,
 * tenant and submission never change once stored, so its id stands for them.
 */
final class StoredDigest {
    private long sum;
    /** The revision the read's snapshot saw, or null before it was read. */
    private StateRevision revision;

    void revision(StateRevision r) {
        revision = r;
    }

    StateRevision revision() {
        return revision;
    }

    void queue(QueueRow row) {
        add(1, row.hashCode());
    }

    void job(JobRow row) {
        // by hand, not Objects.hash: a standby reads a million rows every few seconds, and boxing each field would
        // make garbage of them all
        int h = row.state().hashCode();
        h = 31 * h + row.queueId();
        h = 31 * h + row.gpus();
        h = 31 * h + row.priority();
        h = 31 * h + row.runs();
        h = 31 * h + Objects.hashCode(row.firstStartedAt());
        h = 31 * h + Objects.hashCode(row.startedAt());
        h = 31 * h + Objects.hashCode(row.endedAt());
        h = 31 * h + Long.hashCode(row.savedWorkMs());
        h = 31 * h + row.allocatedGpus();
        h = 31 * h + Objects.hashCode(row.waitReason());
        h = 31 * h + Objects.hashCode(row.waitDetail());
        h = 31 * h + Objects.hashCode(row.workMs());
        h = 31 * h + Objects.hashCode(row.resizedAt());
        h = 31 * h + Objects.hashCode(row.resizedWorkMs());
        add(row.id(), h);
    }

    void held(Map<Long, Map<Integer, Long>> units) {
        add(2, units.hashCode());
    }

    void drained(int rack) {
        add(3 + rack, 0x5bd1e995);
    }

    void unitsOut(Map<Integer, Long> units) {
        add(5, units.hashCode());
    }

    void fleet(FleetView fleet) {
        add(4, Objects.hash(fleet.rackCount(), fleet.onlineGpus()));
    }

    long value() {
        return sum;
    }

    /** Adds one part, {@code key} (an id, or a kind of part) with its {@code hash}, mixed over 64 bits. */
    private void add(long key, int hash) {
        long z = key * 0x9E3779B97F4A7C15L + hash;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        sum += z ^ (z >>> 31);
    }
}
