package io.ultrafleet.twin.replay.philly;

import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.workload.Job;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * First come, first served within each virtual cluster: only a VC's oldest waiting job is in the core's pending
 * queue; the next is let in when it starts. A job that cannot start holds back every later job of its VC (head-of-line
 * blocking), as in a scheduler with one FIFO queue per VC. With the gate open, every job goes straight in.
 */
final class FifoGate {
    private final boolean perVc;
    private final PendingQueue pending;
    private final List<ArrayDeque<Job>> behind = new ArrayList<>();
    private final List<Job> head = new ArrayList<>();

    FifoGate(boolean perVc, PendingQueue pending) {
        this.perVc = perVc;
        this.pending = pending;
    }

    /** A job arrives: it goes in, or waits behind its VC's head. */
    void arrive(Job job) {
        if (!perVc) {
            pending.add(job);
            return;
        }
        int q = job.queue();
        while (head.size() <= q) {
            head.add(null);
            behind.add(new ArrayDeque<>());
        }
        if (head.get(q) == null) {
            head.set(q, job);
            pending.add(job);
        } else {
            behind.get(q).addLast(job);
        }
    }

    /** A job started: its VC's next job goes in. Returns whether one did. */
    boolean started(Job job) {
        if (!perVc || head.get(job.queue()) != job) {
            return false;
        }
        Job next = behind.get(job.queue()).pollFirst();
        head.set(job.queue(), next);
        if (next != null) {
            pending.add(next);
        }
        return next != null;
    }

    /** Jobs still waiting behind their VC's head. */
    List<Job> held() {
        List<Job> out = new ArrayList<>();
        for (ArrayDeque<Job> d : behind) {
            out.addAll(d);
        }
        return out;
    }
}
