package io.ultrafleet.server.live;

import io.ultrafleet.scheduling.DecisionWords;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.server.store.QueueRow;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobState;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * Waiting jobs take their queue's priority: all of a queue's at once when its class changes (their rows and lines
 * written a few thousand a turn, {@link RerankWrites}), and each job that joins the queue with another (submitted
 * before the change, or waiting again after a run that started before it).
 */
final class QueueRanks {
    private final QueueDirectory queues;
    private final PendingQueue pending;
    private final TurnRecord turn;
    private final RerankWrites writes;

    QueueRanks(QueueDirectory queues, PendingQueue pending, TurnRecord turn) {
        this.queues = queues;
        this.pending = pending;
        this.turn = turn;
        this.writes = turn.owed();
    }

    /** Queue {@code row}'s waiting jobs take {@code priority} at {@code now}; {@code live} finds each by id. */
    void rerankWaiting(QueueRow row, int priority, long now, LongFunction<LiveJob> live) {
        OwedLine line = new OwedLine(now, DecisionWords.reprioritised(priority, row.priorityClass()));
        for (Job j : pending.reprioritise(row.id(), priority)) {
            writes.owe(live.apply(j.id()), line);
        }
    }

    /**
     * A job joins the queue (submitted, or waiting again once stopped or lost): when its priority is not its queue's
     * (the class changed while it ran, or after it was given the priority), it takes the queue's, with a line.
     */
    void takeQueuePriority(LiveJob lj, long now) {
        String line = rerank(lj);
        if (line != null) {
            turn.touch(lj);
            turn.event(lj, now, line);
        }
    }

    /**
     * A waiting job read back from the database whose stored priority is not its queue's (the server stopped before it
     * wrote every job a change of class re-ranked): it takes its queue's, and its row and line are owed.
     */
    void rerankIfBehind(LiveJob lj, long now) {
        String line = rerank(lj);
        if (line != null) {
            writes.owe(lj, new OwedLine(now, line));
        }
    }

    /** Re-ranks {@code lj} at its queue's priority if it waits at another: the line saying so, or null. */
    private String rerank(LiveJob lj) {
        int q = lj.job.queue();
        int priority = queues.priority(q);
        if (lj.job.priority() == priority || lj.job.state() != JobState.PENDING) {
            return null;
        }
        pending.reprioritise(lj.job, priority);
        return DecisionWords.reprioritised(priority, queues.row(q).priorityClass());
    }

    /** Whether rows and lines of re-ranked jobs are still to be written. */
    boolean owesWrites() {
        return writes.any();
    }

    /** How many re-ranked jobs' rows and lines are still to be written. */
    int owing() {
        return writes.owing();
    }

    /** Puts the next few thousand rows and lines owed into this turn, of the jobs {@code live} still holds. */
    void payWrites(LongPredicate live) {
        writes.pay(turn, live);
    }
}
