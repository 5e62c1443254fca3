package io.ultrafleet.twin.output;

import io.ultrafleet.twin.run.RunResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a run's files into an output directory: {@code summary.json} and {@code timeseries.csv}. Each file is
 * written beside its final name and then moved into place, so a reader never sees half a file.
 */
public final class RunOutputs {
    public static final String SUMMARY = "summary.json";
    public static final String TIME_SERIES = "timeseries.csv";

    private RunOutputs() {}

    public static void write(RunResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path summary = dir.resolve(SUMMARY + ".part");
        Files.writeString(summary, SummaryJson.toJson(r), StandardCharsets.UTF_8);
        Path series = dir.resolve(TIME_SERIES + ".part");
        try (Writer w = Files.newBufferedWriter(series, StandardCharsets.UTF_8)) {
            TimeSeriesCsv.write(r.timeSeries(), r.startMs(), w);
        }
        Files.move(summary, dir.resolve(SUMMARY), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(
                series, dir.resolve(TIME_SERIES), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
