package io.ultrafleet.cli.bench;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standby part of {@code bench serve} on PostgreSQL: a second server beside the leader, on the same database and
 * every job of the run. It measures how long the standby takes to read the whole state while it follows, how often it
 * reads, its heap meanwhile, and, once the leader is killed, how long until a job sent to the standby runs (the lease
 * running out, the state read once more, and a scheduling turn).
 */
public final class StandbyMeasure {
    /**
     * What the standby showed: its reads of the state while following (seconds each on average, and seconds from one
     * to the next), the CPU it used meanwhile (in cores: 1 is one core busy all the time), its peak heap then, and the
     * seconds from the leader's {@code kill -9} until a job it was sent runs.
     */
    public record Standby(
            double followReadS, double followEveryS, double cpuCores, double peakHeapMib, double takeoverFirstStartS) {}

    private static final Pattern READS = Pattern.compile("ultrafleet_state_read_seconds_count ([0-9.E+]+)");
    private static final Pattern READ_SUM = Pattern.compile("ultrafleet_state_read_seconds_sum ([0-9.E+]+)");
    private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)");

    /** Reads of the state the measure waits for after the standby's first follow, to average over. */
    private static final int READS_MEASURED = 3;

    private StandbyMeasure() {}

    /**
     * Measures {@code standby}, listening on {@code port}, while the leader runs, then kills {@code leader} and times
     * the takeover. Gives up after ten minutes in each part.
     */
    static Standby measure(int port, Process standby, Process leader) throws IOException, InterruptedException {
        try (KeepAliveClient http = new KeepAliveClient(port)) {
            long deadline = System.nanoTime() + 600_000_000_000L;
            double peakHeap = 0;
            // the start's read and one follow: the second is the first of a JVM that has read the state once
            Metrics first = waitForReads(http, 2, deadline);
            long firstAt = System.nanoTime();
            long cpuAtFirst = cpuNanos(standby);
            Metrics m = first;
            while (m.reads() < first.reads() + READS_MEASURED) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the standby read the state " + m.reads() + " times in 10 minutes");
                }
                Thread.sleep(100);
                m = metrics(http);
                peakHeap = Math.max(peakHeap, m.heapBytes());
            }
            double span = (System.nanoTime() - firstAt) / 1e9;
            double cores = (cpuNanos(standby) - cpuAtFirst) / 1e9 / span;
            double reads = m.reads() - first.reads();
            double followRead = (m.readSeconds() - first.readSeconds()) / reads;
            long killed = System.nanoTime();
            leader.destroyForcibly();
            leader.waitFor();
            ServeBenchmark.probeUntilRunning(http, killed, "the standby");
            return new Standby(
                    followRead, span / reads, cores, peakHeap / (1 << 20), (System.nanoTime() - killed) / 1e9);
        }
    }

    private static long cpuNanos(Process p) {
        return p.info()
                .totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this system does not tell a process's CPU time"))
                .toNanos();
    }

    private record Metrics(double reads, double readSeconds, double heapBytes) {}

    private static Metrics waitForReads(KeepAliveClient http, int reads, long deadline)
            throws IOException, InterruptedException {
        for (Metrics m = metrics(http); ; m = metrics(http)) {
            if (m.reads() >= reads) {
                return m;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the standby read the state " + m.reads() + " times in 10 minutes");
            }
            Thread.sleep(100);
        }
    }

    private static Metrics metrics(KeepAliveClient http) throws IOException {
        String text = http.send("GET", "/metrics", null).body();
        double heap = 0;
        Matcher h = HEAP.matcher(text);
        while (h.find()) {
            heap += Double.parseDouble(h.group(1));
        }
        return new Metrics(number(READS, text), number(READ_SUM, text), heap);
    }

    private static double number(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
