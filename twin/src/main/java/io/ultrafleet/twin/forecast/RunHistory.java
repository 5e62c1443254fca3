package io.ultrafleet.twin.forecast;

import io.ultrafleet.forecast.DemandHistory;
import io.ultrafleet.twin.run.RunObserver;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A twin run's recent past as a server's database would hold it: the jobs submitted and the runs ended, kept as the
 * run goes, each numbered in the order it happened. {@link #mark()} names the history as it is at one instant, and
 * {@link #upTo} hands out that history and nothing after it, so that a forecast made a little later than its snapshot
 * still sees only the past of its snapshot.
 */
final class RunHistory implements RunObserver {
    /** The history at one instant: how many submissions and ends it had seen by then, and the instant. */
    record Mark(long submissions, long ends, long at) {}

    private record Entry<T>(long seq, T value) {}

    private final long windowMs;
    private final long since;
    private final ArrayDeque<Entry<JobRequest>> submitted = new ArrayDeque<>();
    private final ArrayDeque<Entry<DemandHistory.Ended>> ended = new ArrayDeque<>();
    private long submissions;
    private long ends;

    /**
     * @param windowMs how far back a forecast reads
     * @param since when the run started: there is no history before it
     */
    RunHistory(long windowMs, long since) {
        this.windowMs = windowMs;
        this.since = since;
    }

    @Override
    public void submitted(Job job, View run) {
        submitted.addLast(new Entry<>(submissions++, job.request()));
    }

    /**
     * A run's length at full size: the work it had done when it ended, the work kept from earlier runs included. For a
     * job that ran on one size that is its last run's wall time plus that kept work; an elastic job that ran shrunk for
     * a while did less work than its wall time says, and it is the work that a ratio to the declared run time applies
     * to when a forecast draws how long a job will run.
     */
    @Override
    public void ended(Job job, long at) {
        ended.addLast(new Entry<>(
                ends++,
                new DemandHistory.Ended(job.request(), at, job.progress().workDoneMs(at))));
    }

    /** The history as it is now, at instant {@code at}. */
    Mark mark(long at) {
        return new Mark(submissions, ends, at);
    }

    /** Drops what no forecast from {@code t} on can read: entries a window or more before it. */
    void forget(long t) {
        long before = t - windowMs;
        while (!submitted.isEmpty() && submitted.getFirst().value().submitMs() <= before) {
            submitted.removeFirst();
        }
        while (!ended.isEmpty() && ended.getFirst().value().endedAt() <= before) {
            ended.removeFirst();
        }
    }

    /** The window's submissions and ends as they were at {@code m}, as a server would have had them then. */
    DemandHistory upTo(Mark m) {
        long from = m.at() - windowMs;
        List<JobRequest> s = new ArrayList<>();
        for (Entry<JobRequest> x : submitted) {
            if (x.seq() < m.submissions() && x.value().submitMs() > from) {
                s.add(x.value());
            }
        }
        List<DemandHistory.Ended> e = new ArrayList<>();
        for (Entry<DemandHistory.Ended> x : ended) {
            if (x.seq() < m.ends() && x.value().endedAt() > from) {
                e.add(x.value());
            }
        }
        return new DemandHistory(Math.max(since, from), s, e);
    }
}
