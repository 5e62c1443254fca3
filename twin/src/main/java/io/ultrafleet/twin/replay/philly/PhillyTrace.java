package io.ultrafleet.twin.replay.philly;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads the three lists a Philly replay needs: the jobs ({@code timestamp,duration,num_gpus,gpu_time,cluster}, the
 * format of Pollux's {@code philly.csv}), the machines ({@code machineId,number of GPUs}) and the virtual clusters
 * ({@code vc,node num}). Other columns are ignored. Every value is checked; the first bad one stops the read with a
 * {@link PhillyTraceException} naming file, line and column.
 */
public final class PhillyTrace {
    /** Most GPUs one job may ask for (Philly's largest gang was 128). */
    public static final int MAX_JOB_GPUS = 4096;

    /** Most GPUs on one server: the core's domains hold at most 64 units. */
    public static final int MAX_SERVER_GPUS = 64;

    /** Most servers one VC's share may name. */
    public static final int MAX_VC_SERVERS = 1_000_000;

    /** Most jobs in one list. */
    public static final int MAX_JOBS = 5_000_000;

    /** Most days from the first submission to the last: the replay counts active servers for each minute between. */
    public static final int MAX_SPAN_DAYS = 400;

    /** Longest job: a year, in seconds. */
    public static final long MAX_DURATION_S = 366L * 24 * 3600;

    /** The trace's time format, as in the real active-node series. */
    public static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    /** The window of the trace's clock: 1970-01-01 to 2199-12-31. */
    private static final long MIN_MS = 0;

    private static final long MAX_MS = 7_258_118_400_000L;

    private static final List<String> JOB_COLUMNS = List.of("timestamp", "duration", "num_gpus", "gpu_time", "cluster");
    private static final List<String> MACHINE_COLUMNS = List.of("machineId", "number of GPUs");
    private static final List<String> VC_COLUMNS = List.of("vc", "node num");

    private PhillyTrace() {}

    /** The jobs, in file order. */
    public static List<PhillyJob> readJobs(Path file) {
        List<PhillyJob> jobs = new ArrayList<>();
        long[] first = {Long.MAX_VALUE, 0};
        PhillyCsv.read(file, JOB_COLUMNS, row -> {
            if (jobs.size() == MAX_JOBS) {
                throw row.error(0, String.format("found more than %,d jobs, allowed at most that many", MAX_JOBS));
            }
            long submit = timeMs(row, 0);
            long duration = row.seconds(1, MAX_DURATION_S);
            int gpus = row.whole(2, 1, MAX_JOB_GPUS);
            row.seconds(3, MAX_DURATION_S * MAX_JOB_GPUS); // checked, not used: duration x GPUs
            jobs.add(new PhillyJob(row.line(), submit, duration, gpus, row.text(4)));
            if (submit < first[0]) {
                first[0] = submit;
                first[1] = row.line();
            }
        });
        for (PhillyJob j : jobs) {
            if (j.submitMs() - first[0] > MAX_SPAN_DAYS * 86_400_000L) {
                throw new PhillyTraceException(
                        file.toString(),
                        j.line(),
                        JOB_COLUMNS.get(0),
                        "found " + format(j.submitMs()) + ", more than " + MAX_SPAN_DAYS
                                + " days after the first submission (line " + first[1] + "), allowed at most "
                                + MAX_SPAN_DAYS);
            }
        }
        if (jobs.isEmpty()) {
            throw new PhillyTraceException(file.toString(), 0, "", "no jobs");
        }
        return jobs;
    }

    /** The machines, in file order. */
    public static List<PhillyMachine> readMachines(Path file) {
        List<PhillyMachine> machines = readNamed(
                file, MACHINE_COLUMNS, (name, row) -> new PhillyMachine(name, row.whole(1, 0, MAX_SERVER_GPUS)));
        if (machines.stream().noneMatch(m -> m.gpus() > 0)) {
            throw new PhillyTraceException(file.toString(), 0, "", "no machine with a GPU");
        }
        return machines;
    }

    /** The virtual clusters, in file order. */
    public static List<PhillyVc> readVcs(Path file) {
        return readNamed(file, VC_COLUMNS, (name, row) -> new PhillyVc(name, row.whole(1, 0, MAX_VC_SERVERS)));
    }

    /** Rows of a list whose first column names each row once; {@code make} reads the rest. */
    private static <T> List<T> readNamed(Path file, List<String> columns, BiFunction<String, PhillyCsv.Row, T> make) {
        List<T> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        PhillyCsv.read(file, columns, row -> out.add(make.apply(uniqueName(row, seen), row)));
        return out;
    }

    /** The row's first needed field, a name not seen on an earlier row. */
    private static String uniqueName(PhillyCsv.Row row, Map<String, Integer> seen) {
        String name = row.text(0);
        Integer first = seen.putIfAbsent(name, row.line());
        if (first != null) {
            throw row.error(
                    0,
                    "found " + PhillyCsv.shown(name) + " again (first on line " + first + "), allowed a unique name");
        }
        return name;
    }

    /** Milliseconds since 1970-01-01 00:00:00 of the trace's clock, which has no zone. */
    static long toMs(LocalDateTime t) {
        return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** The trace's clock at {@code ms}, as the real series writes it. */
    public static String format(long ms) {
        return TIME.format(LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000L), 0, ZoneOffset.UTC));
    }

    /** A time of the trace's clock ({@link #TIME}), from 1970 to 2199. */
    static long timeMs(PhillyCsv.Row row, int i) {
        String s = row.text(i);
        long ms;
        try {
            ms = toMs(LocalDateTime.parse(s, TIME));
        } catch (DateTimeParseException e) {
            throw row.error(i, "found " + PhillyCsv.shown(s) + ", allowed a time YYYY-MM-DD HH:MM:SS");
        }
        if (ms < MIN_MS || ms >= MAX_MS) {
            throw row.error(i, "found " + PhillyCsv.shown(s) + ", allowed a time from 1970-01-01 to 2199-12-31");
        }
        return ms;
    }
}
