package io.ultrafleet.cli;

import io.ultrafleet.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ultrafleet report DIR}: rebuilds a report from a directory's files, without running anything. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Rebuild DIR/report.html from the files of a run (simulate --out), of replications or of a"
                + " sweep, without running anything.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A run, replications or sweep directory.")
    Path dir;

    @Option(names = "--png", description = "Also write PNG images of the main charts of a run into DIR/charts/.")
    boolean png;

    @Option(
            names = "--svg",
            description = "Also write the same charts as SVG (vector) images into DIR/charts/, beside any PNG.")
    boolean svg;

    @Override
    public Integer call() throws IOException {
        StopSignal stop = Main.stopSignal(spec);
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": no such folder (expected a folder written by"
                    + " `ultrafleet simulate --out DIR` or `ultrafleet sweep`)");
        }
        if ((png || svg) && Reports.holdsSeveralRuns(dir)) {
            throw new BadFlagException(
                    png ? "--png" : "--svg",
                    null,
                    "needs one run, and " + dir + " holds several; give one of its run folders");
        }
        List<String> files = new ArrayList<>(List.of(Reports.REPORT));
        for (String run : Reports.listedRuns(dir)) {
            files.add(run + "/" + Reports.REPORT);
        }
        if (png || svg) {
            files.add(Reports.CHARTS + "/");
        }
        OutputChecks.folder("DIR", dir, files);
        long t0 = System.nanoTime();
        List<Path> images = new ArrayList<>();
        try (StagedOutput staged = StagedOutput.begin("DIR", dir, stop)) {
            Reports.rebuild(dir, staged.dir());
            if (png) {
                for (Path p : Reports.writeChartImages(dir, staged.dir())) {
                    images.add(dir.resolve(staged.dir().relativize(p)));
                }
            }
            if (svg) {
                for (Path p : Reports.writeChartSvgs(dir, staged.dir())) {
                    images.add(dir.resolve(staged.dir().relativize(p)));
                }
            }
            stop.check();
            staged.commit();
        }
        Path report = dir.resolve(Reports.REPORT);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Wrote %s (%,d bytes)%n", report, Files.size(report));
        for (Path p : images) {
            out.printf("Wrote %s%n", p);
        }
        out.flush();
        spec.commandLine().getErr().printf("report written in %.2f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
