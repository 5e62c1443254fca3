package io.ultrafleet.bench.run;

import java.util.Locale;

/**
 * The one line a benchmark child process prints on stdout for {@code ultrafleet bench} to read: {@code result} then
 * {@code key=value} pairs separated by single spaces, in the order they were added. Values hold no spaces.
 */
public final class ResultLine {
    private final StringBuilder line = new StringBuilder("result");

    public ResultLine put(String key, long value) {
        return add(key, Long.toString(value));
    }

    public ResultLine put(String key, double value) {
        return add(key, String.format(Locale.ROOT, "%.6f", value));
    }

    public ResultLine put(String key, String value) {
        if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("value of " + key + " must be one word: '" + value + "'");
        }
        return add(key, value);
    }

    /** The wall time, CPU time, heap and resident set figures of {@code meter}. */
    public ResultLine measured(RunMeter meter) {
        return put("wall_s", meter.wallSeconds())
                .put("cpu_s", meter.cpuSeconds())
                .put("peak_heap_mib", meter.peakHeapMib())
                .put("peak_live_heap_mib", meter.peakLiveHeapMib())
                .put("peak_rss_mib", RunMeter.peakRssMib());
    }

    private ResultLine add(String key, String value) {
        line.append(' ').append(key).append('=').append(value);
        return this;
    }

    @Override
    public String toString() {
        return line.toString();
    }
}
