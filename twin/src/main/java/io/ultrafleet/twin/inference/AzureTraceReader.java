package io.ultrafleet.twin.inference;

import io.ultrafleet.spec.ShortList;
import io.ultrafleet.twin.replay.TraceLines;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the Azure LLM inference traces (AzurePublicDataset, 2023 and the 2024 week): a CSV header naming {@code
 * TIMESTAMP}, {@code ContextTokens} and {@code GeneratedTokens} (other columns are ignored), then one request per
 * line. Timestamps are {@code yyyy-MM-dd HH:mm:ss} with up to 9 fraction digits and an optional UTC offset; a
 * timestamp without an offset is read as UTC. Token counts are integers from 0 to {@value #MAX_TOKENS}.
 */
final class AzureTraceReader {
    static final int MAX_TOKENS = 10_000_000;
    static final String TIME = "TIMESTAMP";
    static final String INPUT = "ContextTokens";
    static final String OUTPUT = "GeneratedTokens";

    /** The window of timestamps: 2000-01-01 to 2099-12-31, in microseconds since 1970. */
    private static final long MIN_US = 946_684_800_000_000L;

    private static final long MAX_US = 4_102_444_800_000_000L;

    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private AzureTraceReader() {}

    static InferenceTrace read(Path path) {
        String file = path.toString();
        LongList arrivalsUs = new LongList();
        IntList inputs = new IntList();
        IntList outputs = new IntList();
        int[][] columns = new int[1][];
        int[] width = new int[1];
        TraceLines.forEach(
                path, TraceLimits.MAX_LINE, TraceLimits.MAX_REQUESTS + 1L, InferenceTraceException::new, (line, n) -> {
                    if (n == 1) {
                        List<String> header = Arrays.stream(line.split(",", -1))
                                .map(String::trim)
                                .toList();
                        columns[0] = new int[] {
                            column(header, TIME, file), column(header, INPUT, file), column(header, OUTPUT, file)
                        };
                        width[0] = header.size();
                        return;
                    }
                    if (line.isBlank()) {
                        return;
                    }
                    String[] f = line.split(",", -1);
                    if (f.length != width[0]) {
                        throw new InferenceTraceException(
                                file,
                                n,
                                "",
                                "found " + f.length + " fields, allowed " + width[0] + " (one per header column)");
                    }
                    arrivalsUs.add(timestampUs(f[columns[0][0]].trim(), file, n));
                    inputs.add(tokens(f[columns[0][1]].trim(), file, n, INPUT));
                    outputs.add(tokens(f[columns[0][2]].trim(), file, n, OUTPUT));
                });
        if (columns[0] == null) {
            throw new InferenceTraceException(
                    file, 0, "", "empty file, expected a header with columns " + TIME + "," + INPUT + "," + OUTPUT);
        }
        if (inputs.size() == 0) {
            throw new InferenceTraceException(file, 0, "", "no requests after the header");
        }
        long[] us = arrivalsUs.toArray();
        long min = Arrays.stream(us).min().orElse(0);
        long max = Arrays.stream(us).max().orElse(0);
        TraceLimits.checkSpan(file, min / 1000, max / 1000);
        long[] ms = new long[us.length];
        for (int i = 0; i < us.length; i++) {
            ms[i] = (us[i] - min + 500) / 1000;
        }
        return new InferenceTrace(file, TraceFormat.AZURE, ms, inputs.toArray(), outputs.toArray(), null);
    }

    private static int column(List<String> header, String name, String file) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new InferenceTraceException(
                    file, 1, name, "missing column; the header has: " + ShortList.join(header, ","));
        }
        return i;
    }

    private static long timestampUs(String text, String file, int line) {
        long us;
        try {
            TemporalAccessor t = TIMESTAMP.parse(text);
            LocalDateTime local = LocalDateTime.from(t);
            ZoneOffset offset = t.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS))
                    : ZoneOffset.UTC;
            us = local.toEpochSecond(offset) * 1_000_000L + local.getNano() / 1000;
        } catch (DateTimeException | ArithmeticException e) {
            throw new InferenceTraceException(
                    file,
                    line,
                    TIME,
                    "found " + shown(text) + ", allowed a time such as 2023-11-16 18:15:46.6805900 (yyyy-MM-dd"
                            + " HH:mm:ss, optional fraction and UTC offset)");
        }
        if (us < MIN_US || us >= MAX_US) {
            throw new InferenceTraceException(
                    file, line, TIME, "found " + shown(text) + ", allowed a time from 2000-01-01 to 2099-12-31");
        }
        return us;
    }

    /** A field's text as a message shows it: in quotes, cut to 40 characters. */
    static String shown(String text) {
        return "'" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "'";
    }

    static int tokens(String text, String file, int line, String field) {
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InferenceTraceException(
                    file, line, field, "found " + shown(text) + ", allowed an integer 0.." + MAX_TOKENS);
        }
        if (v < 0 || v > MAX_TOKENS) {
            throw new InferenceTraceException(
                    file, line, field, "found " + v + ", allowed an integer 0.." + MAX_TOKENS);
        }
        return (int) v;
    }

    /** A growable array of longs. */
    static final class LongList {
        private long[] a = new long[1024];
        private int n;

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        long[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** A growable array of ints. */
    static final class IntList {
        private int[] a = new int[1024];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
