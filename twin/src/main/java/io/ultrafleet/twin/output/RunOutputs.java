package io.ultrafleet.twin.output;

import io.ultrafleet.twin.run.RunResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run's files into an output directory: {@code summary.json} and {@code timeseries.csv}. The command line
 * has them written into a temporary folder that it moves into place once the whole run directory is written, so a
 * reader never sees half a run.
 */
public final class RunOutputs {
    public static final String SUMMARY = "summary.json";
    public static final String TIME_SERIES = "timeseries.csv";

    private RunOutputs() {}

    public static void write(RunResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(SUMMARY), SummaryJson.toJson(r), StandardCharsets.UTF_8);
        try (Writer w = Files.newBufferedWriter(dir.resolve(TIME_SERIES), StandardCharsets.UTF_8)) {
            TimeSeriesCsv.write(r.timeSeries(), r.epoch(), w);
        }
    }
}
