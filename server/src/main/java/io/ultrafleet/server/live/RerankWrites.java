package io.ultrafleet.server.live;

import java.util.ArrayDeque;
import java.util.function.LongPredicate;

/**
 * The rows and history lines of waiting jobs re-ranked by a change of their queue's priority class, written a few
 * thousand a turn. The scheduler uses the new priorities at once; writing 100,000 jobs' rows and lines in the change's
 * own transaction held the scheduler loop for seconds (8 s on the embedded database), during which nothing was
 * scheduled, dispatched or answered.
 *
 * <p>A job's line is written before any later line of its history: when something else adds a line to it first, its
 * re-ranking's line goes with it ({@link #payFor}). A server that stops before every line is written finds, when it
 * reads its state again, waiting jobs whose stored priority is not their queue's: they take it then, and the line is
 * owed again (dated then). A second change of class before a job's line for the first is written replaces that line:
 * the history says where the job's priority went, not each step on the way.
 */
final class RerankWrites {
    /** Jobs written per turn: about 0.2 s of the embedded database's time. */
    static final int PER_TURN = 2_000;

    private final ArrayDeque<LiveJob> owed = new ArrayDeque<>();
    /** Jobs that owe a line; the queue may hold some more, which owe nothing now. */
    private int owing;

    /** {@code lj} was re-ranked at {@code at}; its row and the line {@code text} are owed. */
    void owe(LiveJob lj, long at, String text) {
        if (lj.owedLine == null) {
            owed.add(lj);
            owing++;
        }
        lj.owedLine = text;
        lj.owedAt = at;
    }

    boolean any() {
        return !owed.isEmpty();
    }

    /** How many jobs' rows and lines are owed. */
    int owing() {
        return owing;
    }

    /**
     * Writes the row and line of {@code lj} into this turn if it owes them, before a later line of its history. True
     * when it did.
     */
    boolean payFor(LiveJob lj, TurnRecord turn) {
        if (lj.owedLine == null) {
            return false;
        }
        String line = lj.owedLine;
        lj.owedLine = null; // it stays in the queue of owed jobs, and is passed over there
        owing--;
        turn.touch(lj);
        turn.event(lj, lj.owedAt, line); // owes nothing now: the line is added as any other
        return true;
    }

    /**
     * Writes up to {@link #PER_TURN} owed rows and lines into this turn, the earliest owed first, of jobs {@code live}
     * still holds (a job that left memory has had its last line, and its owed one with it).
     */
    void pay(TurnRecord turn, LongPredicate live) {
        int paid = 0;
        while (paid < PER_TURN && !owed.isEmpty()) {
            LiveJob lj = owed.poll();
            if (live.test(lj.id()) && payFor(lj, turn)) {
                paid++;
            }
        }
    }
}
