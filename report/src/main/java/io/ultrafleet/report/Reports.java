package io.ultrafleet.report;

import io.ultrafleet.twin.output.RunOutputs;
import io.ultrafleet.twin.run.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the command line asks of reports: write a whole run directory, rebuild a report from a directory's files,
 * compare runs, and summarise replications and sweeps. All inputs are read before anything is written. Files are
 * written where they are asked to be; the command line has them written into a temporary folder and moves them into
 * place at the end, so that nothing is ever half-written where the user looks.
 */
public final class Reports {
    /** The report page in a run, replications or sweep directory. */
    public static final String REPORT = "report.html";

    /** The copy of the scenario in a run directory, from which the report takes the key inputs. */
    public static final String SCENARIO = RunDirectory.SCENARIO;

    /** The files of a run directory, as {@link #writeRun} writes them. */
    public static final List<String> RUN_FILES = List.of(RunOutputs.SUMMARY, RunOutputs.TIME_SERIES, SCENARIO, REPORT);

    /** The summary of replications, beside their report. */
    public static final String REPLICATIONS = ReplicationReport.FILE;

    /** The summary of a sweep, beside its report. */
    public static final String SWEEP = SweepReport.FILE;

    /** The folder of a run's chart images ({@code report --png}). */
    public static final String CHARTS = ChartImages.DIR;

    /** The most runs a replications or sweep file may list. */
    static final int MAX_RUNS = 10_000;

    /** A run folder's name, as replications and sweeps write it: one plain name, never a path. */
    private static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,200}");

    private Reports() {}

    /**
     * Writes a run directory: {@code summary.json}, {@code timeseries.csv}, {@code scenario.yaml} (the scenario's
     * text as run) and {@code report.html}.
     */
    public static void writeRun(RunResult result, String scenarioYaml, Path dir) throws IOException {
        writeRun(result, scenarioYaml, dir, RunDirectory.label(dir));
    }

    /**
     * As {@link #writeRun(RunResult, String, Path)}, for a directory that will be called {@code label} (the name of
     * the folder it is moved to once written).
     */
    public static void writeRun(RunResult result, String scenarioYaml, Path dir, String label) throws IOException {
        RunOutputs.write(result, dir);
        writeText(dir.resolve(SCENARIO), scenarioYaml);
        HtmlPage.write(
                dir.resolve(REPORT), RunReport.html(RunDirectory.read(dir).withLabel(label)));
    }

    /** Reads a run directory and writes its {@code report.html}; returns that file. */
    public static Path writeRunReport(Path dir) throws IOException {
        return writeRunReport(dir, dir);
    }

    /** Reads the run directory {@code from} and writes its {@code report.html} into {@code into}; returns that file. */
    public static Path writeRunReport(Path from, Path into) throws IOException {
        String html = RunReport.html(RunDirectory.read(from));
        Path file = into.resolve(REPORT);
        HtmlPage.write(file, html);
        return file;
    }

    /**
     * Rebuilds the report of {@code dir} from its files, without running anything: a run directory, or the
     * directory of replications or of a sweep (then each run's report too). Returns the top report.
     */
    public static Path rebuild(Path dir) throws IOException {
        return rebuild(dir, dir);
    }

    /**
     * Rebuilds the reports of {@code from} as {@link #rebuild(Path)} does, writing them into {@code into}: the top
     * report there, and each run's report into the folder of the same name under it. Returns the top report.
     */
    public static Path rebuild(Path from, Path into) throws IOException {
        if (Files.isRegularFile(from.resolve(ReplicationReport.FILE))) {
            List<String> runs = listedRuns(from, ReplicationReport.FILE);
            rebuildEach(from, into, runs);
            return writeReplications(into, resolve(from, runs));
        }
        if (Files.isRegularFile(from.resolve(SweepReport.FILE))) {
            Path file = from.resolve(SweepReport.FILE);
            Object sweep = JsonTree.parse(file.toString(), JsonTree.readText(file));
            List<String> runs = listedRuns(from, SweepReport.FILE);
            List<String> values = new ArrayList<>();
            JsonTree.at(sweep, "values")
                    .filter(List.class::isInstance)
                    .ifPresent(v -> ((List<?>) v).forEach(x -> values.add(String.valueOf(x))));
            if (values.size() != runs.size()) {
                throw new ReportInputException(file + ": expected as many \"values\" as \"runs\" (found "
                        + values.size() + " values and " + runs.size() + " runs)");
            }
            String path = String.valueOf(JsonTree.at(sweep, "path").orElse(""));
            rebuildEach(from, into, runs);
            return writeSweep(into, path, values, resolve(from, runs));
        }
        return writeRunReport(from, into);
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
            return TextTables.replications(JsonTree.parse(rep.toString(), JsonTree.readText(rep)));
        }
        Path sweep = dir.resolve(SweepReport.FILE);
        return TextTables.sweep(JsonTree.parse(sweep.toString(), JsonTree.readText(sweep)));
    }

    /** Whether {@code dir} holds replications or a sweep rather than one run. */
    public static boolean holdsSeveralRuns(Path dir) {
        return Files.isRegularFile(dir.resolve(ReplicationReport.FILE))
                || Files.isRegularFile(dir.resolve(SweepReport.FILE));
    }

    /** Writes PNG images of the main charts of the run in {@code dir} into {@code dir/charts/}; returns them. */
    public static List<Path> writeChartImages(Path dir) throws IOException {
        return writeChartImages(dir, dir);
    }

    /** Writes PNG images of the main charts of the run in {@code from} into {@code into/charts/}; returns them. */
    public static List<Path> writeChartImages(Path from, Path into) throws IOException {
        return ChartImages.write(RunDirectory.read(from), into.resolve(ChartImages.DIR));
    }

    /** Writes SVG images of the same charts as {@link #writeChartImages(Path, Path)}, beside them; returns them. */
    public static List<Path> writeChartSvgs(Path from, Path into) throws IOException {
        return ChartImages.write(RunDirectory.read(from), into.resolve(ChartImages.DIR), ChartImages.Format.SVG);
    }

    /** The run folders that the replications or sweep in {@code dir} list, relative to it. */
    public static List<String> listedRuns(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve(ReplicationReport.FILE))) {
            return listedRuns(dir, ReplicationReport.FILE);
        }
        if (Files.isRegularFile(dir.resolve(SweepReport.FILE))) {
            return listedRuns(dir, SweepReport.FILE);
        }
        return List.of();
    }

    /** Checks every run directory first, so that a bad one stops the rebuild before anything is written. */
    private static void rebuildEach(Path from, Path into, List<String> runs) throws IOException {
        readAll(resolve(from, runs));
        for (String r : runs) {
            Path target = into.resolve(r);
            Files.createDirectories(target);
            writeRunReport(from.resolve(r), target);
        }
    }

    private static List<Path> resolve(Path dir, List<String> names) {
        List<Path> out = new ArrayList<>();
        for (String n : names) {
            out.add(dir.resolve(n));
        }
        return out;
    }

    private static List<RunDirectory> readAll(List<Path> dirs) {
        List<RunDirectory> runs = new ArrayList<>();
        for (Path d : dirs) {
            runs.add(RunDirectory.read(d));
        }
        return runs;
    }

    private static List<String> listedRuns(Path dir, String file) throws IOException {
        Path f = dir.resolve(file);
        Object doc = JsonTree.parse(f.toString(), JsonTree.readText(f));
        Object runs = doc instanceof Map<?, ?> m ? m.get("runs") : null;
        if (!(runs instanceof List<?> list) || list.isEmpty()) {
            throw new ReportInputException(f + ": expected a non-empty \"runs\" list of run directories");
        }
        if (list.size() > MAX_RUNS) {
            throw new ReportInputException(
                    f + ": found " + list.size() + " runs in \"runs\", allowed at most " + MAX_RUNS);
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            String name = String.valueOf(o);
            if (!RUN_NAME.matcher(name).matches()) {
                throw new ReportInputException(f + ": found the run " + JsonTree.shown(name)
                        + " in \"runs\", allowed the name of a folder beside the file (letters, digits, '.', '_',"
                        + " '-')");
            }
            out.add(name);
        }
        return out;
    }

    private static void writeText(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
