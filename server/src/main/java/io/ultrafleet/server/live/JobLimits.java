package io.ultrafleet.server.live;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most queued and running jobs a server holds, in all and for each tenant, as Slurm's job submit limits do: a
 * server keeps every live job in memory (about a kilobyte each, and a standby twice while it reads), so a tenant
 * submitting without end would fill the heap, and a server that cannot hold its state cannot start again. A
 * submission past a limit is refused ({@link TooManyJobs}) and nothing is stored.
 *
 * <p>Counted by the submission writer's one thread, from the scheduler loop's last picture of its queues plus the
 * jobs handed to the loop that the picture does not hold yet (the picture says which hand-overs it holds). Jobs that
 * reached the database through another server and that the leader has not yet taken in are not seen: with several
 * servers a limit may be passed by what the others take in a few seconds.
 */
public final class JobLimits {
    /**
     * The heap each live job is counted at when the limit is made from the heap: a standby holds about 1.6 KB of each
     * at its peak (1,630 MiB with a million jobs, docs/benchmarks/control-plane.md), a leader about 1.1 KB.
     */
    static final long BYTES_PER_JOB = 2_048;

    /** The least the limit made from the heap is. */
    static final long MIN_FROM_HEAP = 10_000;

    private final long server;
    private final long perTenant;

    /** Hand-overs to the loop, oldest first, until a picture holds them. */
    private final ArrayDeque<Handover> unseen = new ArrayDeque<>();

    private long handovers;

    private record Handover(long number, Map<String, Long> byTenant, long all) {}

    /**
     * @param server the most live jobs of the whole server; 0 for the default, two kilobytes of heap each
     * @param perTenant the most of one tenant; 0 for no limit but the server's
     */
    public JobLimits(long server, long perTenant) {
        this.server = server > 0 ? server : fromHeap(Runtime.getRuntime().maxMemory());
        this.perTenant = perTenant > 0 ? perTenant : Long.MAX_VALUE;
    }

    /** The limit a heap of {@code maxHeapBytes} holds. */
    static long fromHeap(long maxHeapBytes) {
        return Math.max(MIN_FROM_HEAP, maxHeapBytes / BYTES_PER_JOB);
    }

    /** The most live jobs of the whole server. */
    public long server() {
        return server;
    }

    /** The most live jobs of one tenant, or {@link Long#MAX_VALUE} for none but the server's. */
    public long perTenant() {
        return perTenant;
    }

    /** What a batch of submissions is checked against: the live jobs now, counted once for the batch. */
    final class Count {
        private final Map<String, Long> byTenant;
        private long all;

        private Count(Map<String, Long> byTenant, long all) {
            this.byTenant = byTenant;
            this.all = all;
        }

        /** Takes one more job of {@code tenant}, or says why it may not be taken (and takes nothing). */
        String take(String tenant) {
            long mine = byTenant.getOrDefault(tenant, 0L);
            if (all >= server) {
                return String.format(
                        "the server holds %,d queued and running jobs, the most it takes (--max-live-jobs); submit"
                                + " again as jobs end",
                        all);
            }
            if (mine >= perTenant) {
                return String.format(
                        "tenant %s has %,d queued and running jobs, the most a tenant may have on this server"
                                + " (--max-live-jobs-per-tenant); submit again as its jobs end",
                        tenant, mine);
            }
            byTenant.put(tenant, mine + 1);
            all++;
            return null;
        }
    }

    /** The live jobs as of {@code view}, and those handed to the loop that it does not hold. */
    Count count(LiveView view) {
        while (!unseen.isEmpty() && unseen.peekFirst().number() <= view.handovers()) {
            unseen.removeFirst();
        }
        Map<String, Long> byTenant = new HashMap<>();
        long all = 0;
        for (Handover h : unseen) {
            h.byTenant().forEach((t, n) -> byTenant.merge(t, n, Long::sum));
            all += h.all();
        }
        for (LiveView.QueueView q : view.queues()) {
            long n = (long) q.pending() + q.running();
            byTenant.merge(q.row().tenant(), n, Long::sum);
            all += n;
        }
        return new Count(byTenant, all);
    }

    /**
     * Counts {@code jobs}, about to be handed to the loop, until a picture holds them; the number of this hand-over
     * ({@link LoopCommand.Submitted#handover}).
     */
    long handedOver(List<LiveJob> jobs) {
        Map<String, Long> byTenant = new HashMap<>();
        for (LiveJob j : jobs) {
            byTenant.merge(j.tenant, 1L, Long::sum);
        }
        unseen.addLast(new Handover(++handovers, byTenant, jobs.size()));
        return handovers;
    }

    /** A submission refused because a limit on live jobs is reached; nothing was stored. */
    public static final class TooManyJobs extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyJobs(String why) {
            super(why, null, false, false);
        }
    }
}
