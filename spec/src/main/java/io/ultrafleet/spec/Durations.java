package io.ultrafleet.spec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as scenario files write them: a non-negative number and a unit, {@code ms}, {@code s}, {@code m}, {@code
 * h}, {@code d} or {@code w}, such as {@code 90m}, {@code 1.5h} or {@code 30d}.
 */
public final class Durations {
    /** How the format is described in messages. */
    public static final String SYNTAX = "a duration like 90m, 6h, 30d (units ms, s, m, h, d, w)";

    public static final long SECOND_MS = 1_000L;
    public static final long MINUTE_MS = 60 * SECOND_MS;
    public static final long HOUR_MS = 60 * MINUTE_MS;
    public static final long DAY_MS = 24 * HOUR_MS;
    public static final long WEEK_MS = 7 * DAY_MS;

    /** The longest duration a scenario may give anywhere: 36,500 days, about a hundred years. */
    public static final long MAX_MS = 36_500 * DAY_MS;

    private static final Pattern FORMAT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h|d|w)");

    private Durations() {}

    /**
     * Milliseconds in {@code text}, rounded to the nearest millisecond.
     *
     * @throws IllegalArgumentException if {@code text} is not a duration or does not fit in a {@code long}
     */
    public static long parse(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not " + SYNTAX + ": " + text);
        }
        BigDecimal ms = new BigDecimal(m.group(1))
                .multiply(BigDecimal.valueOf(unitMs(m.group(2))))
                .setScale(0, RoundingMode.HALF_UP);
        if (ms.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("duration too long: " + text);
        }
        return ms.longValueExact();
    }

    /** What a duration from {@code minMs} to {@code maxMs} is called in messages. */
    public static String range(long minMs, long maxMs) {
        String max = " and at most " + format(maxMs);
        if (minMs <= 0) {
            return "a duration of at most " + format(maxMs);
        }
        if (minMs == 1) {
            return "a duration > 0" + max;
        }
        return "a duration of at least " + format(minMs) + max;
    }

    /** The shortest exact form of {@code ms}, such as {@code 90m}, {@code 2d} or {@code 1500ms}. */
    public static String format(long ms) {
        if (ms == 0) {
            return "0s";
        }
        long[] units = {WEEK_MS, DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS};
        String[] names = {"w", "d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }

    private static long unitMs(String unit) {
        return switch (unit) {
            case "ms" -> 1L;
            case "s" -> SECOND_MS;
            case "m" -> MINUTE_MS;
            case "h" -> HOUR_MS;
            case "d" -> DAY_MS;
            case "w" -> WEEK_MS;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }
}
