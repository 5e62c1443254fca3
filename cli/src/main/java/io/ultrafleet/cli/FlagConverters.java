package io.ultrafleet.cli;

import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/**
 * How flag values are read, each with a message in the user's words: a value that cannot be read says what it is not
 * ({@code is not a date (YYYY-MM-DD)}), and {@link FlagErrorHandler} puts the flag and the value before it.
 */
final class FlagConverters {
    private FlagConverters() {}

    /** Registers the converters on {@code cl} and on all of its subcommands. */
    static void register(CommandLine cl) {
        cl.registerConverter(LocalDate.class, FlagConverters::date);
        cl.registerConverter(Integer.class, FlagConverters::integer);
        cl.registerConverter(Integer.TYPE, FlagConverters::integer);
        cl.registerConverter(Long.class, FlagConverters::longInteger);
        cl.registerConverter(Long.TYPE, FlagConverters::longInteger);
        cl.registerConverter(Double.class, FlagConverters::number);
        cl.registerConverter(Double.TYPE, FlagConverters::number);
        cl.registerConverter(Path.class, FlagConverters::path);
    }

    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("is not a date (YYYY-MM-DD)");
        }
    }

    static Integer integer(String text) {
        return (int) integer(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    static Long longInteger(String text) {
        return integer(text, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A decimal integer ({@code _} may group digits) from {@code min} to {@code max}. */
    private static long integer(String text, long min, long max) {
        String digits = text.strip().replace("_", "");
        if (!digits.matches("[-+]?[0-9]{1,1000}")) {
            throw new TypeConversionException("is not an integer");
        }
        BigInteger v = new BigInteger(digits);
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new TypeConversionException("is out of range (allowed from " + min + " to " + max + ")");
        }
        return v.longValueExact();
    }

    static Double number(String text) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new TypeConversionException("is not a finite number");
        }
        return v;
    }

    /**
     * A number read by {@link #number} as the user would write it again in an error ({@code 0}, not {@code 0.0}; no
     * exponent).
     */
    static String shown(double v) {
        return Double.isFinite(v)
                ? java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString()
                : Double.toString(v);
    }

    /** A file or folder name: not empty, and without characters the file system refuses. */
    static Path path(String text) {
        if (text.isBlank()) {
            throw new TypeConversionException("is not a file or folder name (it is empty)");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("is not a file or folder name this system accepts");
        }
    }

    /** {@code text} as a path, or null if this system cannot name a file so. */
    static Path pathOrNull(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
