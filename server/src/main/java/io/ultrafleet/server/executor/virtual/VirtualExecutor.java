package io.ultrafleet.server.executor.virtual;

import io.ultrafleet.server.executor.Dispatch;
import io.ultrafleet.server.executor.Executor;
import io.ultrafleet.server.executor.Report;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The default executor, like KWOK for Kubernetes: a job "runs" on a fleet that exists only in the server, and ends
 * after its declared run time in the server's clock, or when it is stopped (it takes the signal at once, as a job
 * that checkpoints on demand would). Nodes are named by site, block, rack and unit. It is used by one thread, the
 * scheduler loop's.
 */
public final class VirtualExecutor implements Executor {
    private record Run(long jobId, long endsAt) {}

    private final Map<Long, Run> running = new HashMap<>();
    private final TreeSet<Run> byEnd = new TreeSet<>(
            (a, b) -> a.endsAt != b.endsAt ? Long.compare(a.endsAt, b.endsAt) : Long.compare(a.jobId, b.jobId));
    private final List<Long> stopped = new ArrayList<>();

    public VirtualExecutor() {}

    @Override
    public void start(Dispatch job) {
        long end = job.runMs() >= Long.MAX_VALUE - job.startedAt() ? Long.MAX_VALUE : job.startedAt() + job.runMs();
        Run r = new Run(job.jobId(), end);
        Run old = running.put(job.jobId(), r);
        if (old != null) {
            byEnd.remove(old);
        }
        byEnd.add(r);
    }

    @Override
    public void stop(long jobId) {
        Run r = running.remove(jobId);
        if (r != null) {
            byEnd.remove(r);
            stopped.add(jobId);
        }
    }

    @Override
    public List<Report> poll(long now) {
        List<Report> out = new ArrayList<>();
        for (long id : stopped) {
            out.add(new Report.Stopped(id, now));
        }
        stopped.clear();
        while (!byEnd.isEmpty() && byEnd.first().endsAt <= now) {
            Run r = byEnd.pollFirst();
            running.remove(r.jobId);
            out.add(new Report.Ended(r.jobId, r.endsAt, 0));
        }
        return out;
    }

    @Override
    public List<Long> running() {
        return List.copyOf(running.keySet());
    }

    @Override
    public String nodeName(String site, int block, int rack, int unit) {
        return site + "-b" + block + "-r" + rack + "-n" + unit;
    }

    @Override
    public long nextEventAt() {
        return byEnd.isEmpty() ? Long.MAX_VALUE : byEnd.first().endsAt;
    }

    @Override
    public void close() {
        running.clear();
        byEnd.clear();
    }
}
