package io.ultrafleet.twin.replay.philly;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code DIR/active_nodes.csv}: {@code time,active}, one row a minute, {@code time} as {@code YYYY-MM-DD
 * HH:MM:SS} in the trace's clock, as in the real series. The command line has it written into a temporary folder
 * that it moves into place at the end, so a failed write leaves nothing half-written.
 */
public final class ActiveNodesCsv {
    public static final String FILE = "active_nodes.csv";

    private ActiveNodesCsv() {}

    public static Path write(ActiveSeries active, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(FILE);
        try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            w.write("time,active\n");
            for (int m = 0; m < active.minutes(); m++) {
                w.write(PhillyTrace.format(active.startMs() + m * ActiveSeries.MINUTE_MS));
                w.write(',');
                w.write(Integer.toString(active.at(m)));
                w.write('\n');
            }
        }
        return target;
    }
}
