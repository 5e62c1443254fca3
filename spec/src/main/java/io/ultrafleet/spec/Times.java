package io.ultrafleet.spec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Points in time as scenario files write them: a date such as {@code 2025-11-03} (midnight UTC) or an ISO datetime
 * such as {@code 2025-11-03T12:00:00Z} or {@code 2025-11-03T12:00:00+01:00} (without an offset, UTC is meant; a
 * space may stand for the {@code T}).
 */
public final class Times {
    /** How the format is described in messages. */
    public static final String SYNTAX = "a date like 2025-11-03 or a datetime like 2025-11-03T12:00:00Z";

    /** The earliest time a scenario may name: 1970-01-01T00:00:00Z. */
    public static final long MIN_MS = 0L;

    /** The latest time a scenario may name: 2200-01-01T00:00:00Z (a horizon of 2199-12-31 ends there). */
    public static final long MAX_MS = 7_258_118_400_000L;

    /** What {@link #MIN_MS} and {@link #MAX_MS} allow, for messages. */
    public static final String WINDOW = "a time from 1970-01-01 to 2199-12-31";

    private Times() {}

    /**
     * Epoch milliseconds of {@code text}: a date means its first instant (midnight UTC).
     *
     * @throws IllegalArgumentException if {@code text} is neither a valid date nor a valid datetime
     */
    public static long parse(String text) {
        return parse(text, false);
    }

    /**
     * Epoch milliseconds of {@code text} read as the end of a period: a date means the end of that day (the next
     * midnight UTC); a datetime is exact.
     *
     * @throws IllegalArgumentException if {@code text} is neither a valid date nor a valid datetime
     */
    public static long parseEnd(String text) {
        return parse(text, true);
    }

    /** Whether {@code text} is a plain date, without a time of day. */
    public static boolean isDate(String text) {
        String t = text.strip();
        return t.indexOf('T') < 0 && t.indexOf('t') < 0 && t.indexOf(' ') < 0;
    }

    /** {@code ms} as an ISO instant, such as {@code 2025-11-03T00:00:00Z}. */
    public static String format(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    private static long parse(String text, boolean endOfDay) {
        // YAML also writes a datetime with a space for the T: 2025-11-03 12:00:00Z.
        String t = text.strip().replaceFirst("^(\\d{4}-\\d{2}-\\d{2})[ \\t]+(?=\\d)", "$1T");
        try {
            if (isDate(t)) {
                LocalDate d = LocalDate.parse(t);
                return (endOfDay ? d.plusDays(1) : d)
                        .atStartOfDay()
                        .toInstant(ZoneOffset.UTC)
                        .toEpochMilli();
            }
            String iso = t.replace('t', 'T').replace('z', 'Z');
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d(:?\\d\\d)?$")) {
                return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("not " + SYNTAX + ": " + text, e);
        }
    }
}
