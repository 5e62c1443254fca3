package io.ultrafleet.twin.output;

import io.ultrafleet.time.Epoch;
import io.ultrafleet.twin.metrics.TimeSeries;
import java.io.IOException;
import java.io.Writer;

/** Writes the time series as CSV: a {@code time} column (ISO-8601 UTC, the end of each step), then the columns. */
public final class TimeSeriesCsv {
    private TimeSeriesCsv() {}

    public static void write(TimeSeries ts, Epoch epoch, Writer out) throws IOException {
        StringBuilder line = new StringBuilder(128);
        line.append("time");
        for (String c : ts.columnNames()) {
            line.append(',').append(c);
        }
        out.write(line.append('\n').toString());
        for (int row = 0; row < ts.size(); row++) {
            line.setLength(0);
            line.append(epoch.instant(ts.time(row)));
            for (int c = 0; c < ts.columnNames().size(); c++) {
                line.append(',');
                appendNumber(line, ts.value(row, c));
            }
            out.write(line.append('\n').toString());
        }
    }

    /** Whole numbers without a decimal point, others with up to two decimals; never with an exponent. */
    static void appendNumber(StringBuilder sb, double v) {
        long whole = Math.round(v);
        if (Math.abs(v - whole) < 1e-9) {
            sb.append(whole);
            return;
        }
        long cents = Math.round(v * 100);
        if (cents < 0) {
            sb.append('-');
            cents = -cents;
        }
        sb.append(cents / 100);
        long fraction = cents % 100;
        if (fraction == 0) {
            return;
        }
        sb.append('.');
        if (fraction < 10) {
            sb.append('0').append(fraction);
        } else {
            sb.append(fraction % 10 == 0 ? fraction / 10 : fraction);
        }
    }
}
