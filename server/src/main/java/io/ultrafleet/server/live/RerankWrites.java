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
 * owed again (dated then). A second change of class before a job's line for the first is written adds its own line
 * after it: the history keeps every step.
 */
final class RerankWrites {
    /** Jobs written per turn: about 0.2 s of the embedded database's time. */
    static final int PER_TURN = 2_000;

    private final ArrayDeque<LiveJob> owed = new ArrayDeque<>();
    /** Jobs that owe a line; the queue may hold some more, which owe nothing now. */
    private int owing;

    /** {@code lj} was re-ranked; its row and {@code line} are owed, after any line it owes already. */
    void owe(LiveJob lj, OwedLine line) {
        if (lj.owed == null) {
            owed.add(lj);
            owing++;
            lj.owed = line;
        } else {
            lj.owed = line.after(lj.owed);
        }
    }

    boolean any() {
        return !owed.isEmpty();
    }

    /** How many jobs' rows and lines are owed. */
    int owing() {
        return owing;
    }

    /**
     * Writes the row and lines of {@code lj} into this turn if it owes them, before a later line of its history. True
     * when it did.
     */
    boolean payFor(LiveJob lj, TurnRecord turn) {
        OwedLine lines = lj.owed;
        if (lines == null) {
            return false;
        }
        lj.owed = null; // it stays in the queue of owed jobs, and is passed over there
        owing--;
        turn.touch(lj);
        write(lj, lines, turn);
        return true;
    }

    /** Adds {@code latest}'s earlier lines, then {@code latest}, to the job's history (it owes nothing now). */
    private static void write(LiveJob lj, OwedLine latest, TurnRecord turn) {
        ArrayDeque<OwedLine> inOrder = new ArrayDeque<>(1);
        for (OwedLine l = latest; l != null; l = l.before()) {
            inOrder.push(l);
        }
        for (OwedLine l : inOrder) {
            turn.event(lj, l.at(), l.text());
        }
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
