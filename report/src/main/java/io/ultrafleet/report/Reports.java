package io.ultrafleet.report;

import io.ultrafleet.twin.output.RunOutputs;
import io.ultrafleet.twin.run.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the command line asks of reports: write a whole run directory, rebuild a report from a directory's files,
 * compare runs, and summarise replications and sweeps. Every file is written beside its name and moved into place,
 * and all inputs are read before anything is written.
 */
public final class Reports {
    /** The report page in a run, replications or sweep directory. */
    public static final String REPORT = "report.html";

    /** The copy of the scenario in a run directory, from which the report takes the key inputs. */
    public static final String SCENARIO = RunDirectory.SCENARIO;

    private Reports() {}

    /**
     * Writes a run directory: {@code summary.json}, {@code timeseries.csv}, {@code scenario.yaml} (the scenario's
     * text as run) and {@code report.html}.
     */
    public static void writeRun(RunResult result, String scenarioYaml, Path dir) throws IOException {
        RunOutputs.write(result, dir);
        writeText(dir.resolve(SCENARIO), scenarioYaml);
        writeRunReport(dir);
    }

    /** Reads a run directory and writes its {@code report.html}; returns that file. */
    public static Path writeRunReport(Path dir) throws IOException {
        String html = RunReport.html(RunDirectory.read(dir));
        Path file = dir.resolve(REPORT);
        HtmlPage.write(file, html);
        return file;
    }

    /**
     * Rebuilds the report of {@code dir} from its files, without running anything: a run directory, or the
     * directory of replications or of a sweep (then each run's report too). Returns the top report.
     */
    public static Path rebuild(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve(ReplicationReport.FILE))) {
            List<Path> runs = listedRuns(dir, ReplicationReport.FILE);
            rebuildEach(runs);
            return writeReplications(dir, runs);
        }
        if (Files.isRegularFile(dir.resolve(SweepReport.FILE))) {
            Object sweep = JsonTree.parse(
                    dir.resolve(SweepReport.FILE).toString(),
                    Files.readString(dir.resolve(SweepReport.FILE), StandardCharsets.UTF_8));
            List<Path> runs = listedRuns(dir, SweepReport.FILE);
            rebuildEach(runs);
            List<String> values = new ArrayList<>();
            JsonTree.at(sweep, "values").ifPresent(v -> ((List<?>) v).forEach(x -> values.add(String.valueOf(x))));
            String path = String.valueOf(JsonTree.at(sweep, "path").orElse(""));
            return writeSweep(dir, path, values, runs);
        }
        return writeRunReport(dir);
    }

    /** Writes a comparison of the run directories {@code dirs} to {@code out}. */
    public static void writeCompare(List<Path> dirs, Path out) throws IOException {
        List<RunDirectory> runs = new ArrayList<>();
        for (Path d : dirs) {
            runs.add(RunDirectory.read(d));
        }
        HtmlPage.write(out, CompareReport.html(runs));
    }

    /**
     * For replications in the run directories {@code runDirs} (whose own reports are written already): writes {@code
     * replications.json} and the replications report into {@code dir}; returns the report.
     */
    public static Path writeReplications(Path dir, List<Path> runDirs) throws IOException {
        List<RunDirectory> runs = readAll(runDirs);
        String json = ReplicationReport.json(runs);
        String html = ReplicationReport.html(runs, json);
        writeText(dir.resolve(ReplicationReport.FILE), json);
        Path file = dir.resolve(REPORT);
        HtmlPage.write(file, html);
        return file;
    }

    /**
     * For a sweep of the field {@code path} over {@code values}, run into {@code runDirs} in the same order: writes
     * {@code sweep.json} and the sweep report into {@code dir}; returns the report.
     */
    public static Path writeSweep(Path dir, String path, List<String> values, List<Path> runDirs) throws IOException {
        List<RunDirectory> runs = readAll(runDirs);
        String json = SweepReport.json(path, values, runs);
        String html = SweepReport.html(runs, json);
        writeText(dir.resolve(SweepReport.FILE), json);
        Path file = dir.resolve(REPORT);
        HtmlPage.write(file, html);
        return file;
    }

    /**
     * The figures of the replications or sweep in {@code dir} as plain text, one line per figure, from its {@code
     * replications.json} or {@code sweep.json}.
     */
    public static String describe(Path dir) throws IOException {
        Path rep = dir.resolve(ReplicationReport.FILE);
        if (Files.isRegularFile(rep)) {
            return TextTables.replications(
                    JsonTree.parse(rep.toString(), Files.readString(rep, StandardCharsets.UTF_8)));
        }
        Path sweep = dir.resolve(SweepReport.FILE);
        return TextTables.sweep(JsonTree.parse(sweep.toString(), Files.readString(sweep, StandardCharsets.UTF_8)));
    }

    /** Whether {@code dir} holds replications or a sweep rather than one run. */
    public static boolean holdsSeveralRuns(Path dir) {
        return Files.isRegularFile(dir.resolve(ReplicationReport.FILE))
                || Files.isRegularFile(dir.resolve(SweepReport.FILE));
    }

    /** Writes PNG images of the main charts of the run in {@code dir} into {@code dir/charts/}; returns them. */
    public static List<Path> writeChartImages(Path dir) throws IOException {
        return ChartImages.write(RunDirectory.read(dir), dir.resolve(ChartImages.DIR));
    }

    /** Checks every run directory first, so that a bad one stops the rebuild before anything is written. */
    private static void rebuildEach(List<Path> runDirs) throws IOException {
        readAll(runDirs);
        for (Path r : runDirs) {
            writeRunReport(r);
        }
    }

    private static List<RunDirectory> readAll(List<Path> dirs) {
        List<RunDirectory> runs = new ArrayList<>();
        for (Path d : dirs) {
            runs.add(RunDirectory.read(d));
        }
        return runs;
    }

    private static List<Path> listedRuns(Path dir, String file) throws IOException {
        Path f = dir.resolve(file);
        Object doc = JsonTree.parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
        Object runs = doc instanceof Map<?, ?> m ? m.get("runs") : null;
        if (!(runs instanceof List<?> list) || list.isEmpty()) {
            throw new ReportInputException(f + ": expected a non-empty \"runs\" list of run directories");
        }
        List<Path> out = new ArrayList<>();
        for (Object o : list) {
            out.add(dir.resolve(String.valueOf(o)));
        }
        return out;
    }

    private static void writeText(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(part, text, StandardCharsets.UTF_8);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
