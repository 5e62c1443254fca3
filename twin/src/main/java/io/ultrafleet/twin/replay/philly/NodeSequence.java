package io.ultrafleet.twin.replay.philly;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A real series of active servers, one row a minute ({@code time,active,total}, as the Helios artifact's {@code
 * philly_node_sequence.csv}): what a replay is held against. Minutes the file leaves out, and rows of 0 active
 * servers (a gap in the cluster's monitoring, as on 25-26 October 2017), are not observed.
 */
public final class NodeSequence {
    private static final List<String> COLUMNS = List.of("time", "active", "total");
    private static final long MINUTE_MS = ActiveSeries.MINUTE_MS;

    /** Most minutes a series may span: about 400 days. */
    private static final int MAX_MINUTES = PhillyTrace.MAX_SPAN_DAYS * ActiveSeries.MINUTES_PER_DAY;

    private final long startMs;
    private final int[] active; // -1: not observed
    private final int total;

    private NodeSequence(long startMs, int[] active, int total) {
        this.startMs = startMs;
        this.active = active;
        this.total = total;
    }

    /** Reads a series; its rows must be whole minutes in increasing order, with one {@code total} throughout. */
    public static NodeSequence read(Path file) {
        long[] first = {Long.MIN_VALUE};
        long[] last = {Long.MIN_VALUE};
        int[] totalSeen = {-1};
        int[][] values = {new int[1 << 16]};
        Arrays.fill(values[0], -1);
        PhillyCsv.read(file, COLUMNS, row -> {
            String s = row.text(0);
            long t = PhillyTrace.timeMs(row, 0);
            if (t % MINUTE_MS != 0 || t <= last[0]) {
                throw row.error(0, "found " + s + ", allowed a whole minute after the row before");
            }
            int total = row.whole(2, 1, 1_000_000);
            if (totalSeen[0] >= 0 && total != totalSeen[0]) {
                throw row.error(2, "found " + total + ", allowed " + totalSeen[0] + " (the same on every row)");
            }
            totalSeen[0] = total;
            int a = row.whole(1, 0, total);
            if (first[0] == Long.MIN_VALUE) {
                first[0] = t;
            }
            long m = (t - first[0]) / MINUTE_MS;
            if (m >= MAX_MINUTES) {
                throw row.error(
                        0, String.format("found %s, allowed at most %,d minutes after the first row", s, MAX_MINUTES));
            }
            if (m >= values[0].length) {
                int from = values[0].length;
                values[0] = Arrays.copyOf(values[0], (int) Math.max(m + 1, 2L * values[0].length));
                Arrays.fill(values[0], from, values[0].length, -1);
            }
            values[0][(int) m] = a;
            last[0] = t;
        });
        if (first[0] == Long.MIN_VALUE) {
            throw new PhillyTraceException(file.toString(), 0, "", "no rows");
        }
        int n = (int) ((last[0] - first[0]) / MINUTE_MS + 1);
        return new NodeSequence(first[0], Arrays.copyOf(values[0], n), totalSeen[0]);
    }

    /** The servers the series counts out of (its {@code total}). */
    public int total() {
        return total;
    }

    public long startMs() {
        return startMs;
    }

    public long endMs() {
        return startMs + active.length * MINUTE_MS;
    }

    /** Active servers at the minute starting at {@code ms}, or -1 when not observed (or outside the series). */
    public int at(long ms) {
        long m = Math.floorDiv(ms - startMs, MINUTE_MS);
        if (m < 0 || m >= active.length || Math.floorMod(ms - startMs, MINUTE_MS) != 0) {
            return -1;
        }
        return active[(int) m] > 0 ? active[(int) m] : -1;
    }
}
