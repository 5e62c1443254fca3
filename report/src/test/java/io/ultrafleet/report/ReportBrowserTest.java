package io.ultrafleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.BuiltInScenarios;
import io.ultrafleet.twin.run.RunResult;
import io.ultrafleet.twin.run.TwinRun;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports open in a real headless browser (Debian's Chromium): no console errors and no network requests, every
 * chart present and drawn with data, or showing its "not in this scenario" note when the run lacks the data.
 */
class ReportBrowserTest {
    static final List<String> RUN_CHARTS = List.of(
            "capacity",
            "gpu-use",
            "queue-length",
            "wait-times",
            "reliability",
            "inference",
            "agents",
            "cost-burn",
            "cost-rate",
            "power");
    static final List<String> OVERLAYS = List.of(
            "ov-online",
            "ov-demanded",
            "ov-allocated",
            "ov-busy",
            "ov-queued",
            "ov-down",
            "ov-slo",
            "ov-replicas",
            "ov-agents",
            "ov-spend",
            "ov-power",
            "ov-co2");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static HeadlessChromium chromium;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void launch() {
        chromium = new HeadlessChromium();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private static void assertDrawn(HeadlessChromium.Opened o, List<String> ids) {
        for (String id : ids) {
            assertThat(o.seriesPoints(id))
                    .as("series of chart %s", id)
                    .isNotEmpty()
                    .allSatisfy(n -> assertThat(n)
                            .as("points in a series of chart %s", id)
                            .isPositive());
            assertThat(o.canvasColours(id)).as("colours drawn on chart %s", id).isGreaterThan(8);
        }
    }

    @Test
    void aRunWithEverySectionDrawsEveryChart() throws IOException {
        Path dir = RunFixture.write(tmp.resolve("fixture"), 7);
        Reports.writeRunReport(dir);
        try (HeadlessChromium.Opened o = chromium.open(dir.resolve(Reports.REPORT), 1440, 1000)) {
            assertThat(o.cards("missing")).isEmpty();
            assertThat(o.cards("chart")).containsExactlyElementsOf(RUN_CHARTS);
            assertDrawn(o, RUN_CHARTS);
            BufferedImage shot = o.screenshot(SCREENSHOTS.resolve("fixture-run.png"));
            assertThat(shot.getWidth()).isEqualTo(1440);
            assertThat(shot.getHeight()).isGreaterThan(2500);
            assertThat(o.page().textContent("body")).contains("Key inputs of the scenario", "lab/train", "aws-2025");
            assertThat(o.problems()).isEmpty();
        }
    }

    @Test
    void theDefaultScenarioDrawsEveryChart() throws IOException {
        String yaml = BuiltInScenarios.yaml(BuiltInScenarios.defaultName()).orElseThrow();
        Scenario s = new ScenarioLoader(HardwareCatalogue.builtIn())
                .load(BuiltInScenarios.sourceName(BuiltInScenarios.defaultName()), new StringReader(yaml));
        // The first four months: every section of the default scenario has data by then.
        s = s.with(s.seed(), java.time.Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
        RunResult result = new TwinRun(s, HardwareCatalogue.builtIn()).run();
        Path dir = tmp.resolve("default");
        Reports.writeRun(result, yaml, dir);
        try (HeadlessChromium.Opened o = chromium.open(dir.resolve(Reports.REPORT), 1440, 1000)) {
            assertThat(o.cards("chart")).containsExactlyElementsOf(RUN_CHARTS);
            assertThat(o.cards("missing")).isEmpty();
            assertDrawn(o, RUN_CHARTS);
            assertThat(o.seriesPoints("queue-length")).hasSize(5);
            assertThat(o.seriesPoints("capacity")).hasSize(3);
            o.screenshot(SCREENSHOTS.resolve("default-run.png"));
            assertThat(o.problems()).isEmpty();
        }
    }

    @Test
    void comparisonReplicationsAndSweepDraw() throws IOException {
        List<Path> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(RunFixture.write(tmp.resolve("exp/rep-" + (7 + i)), 7 + i, 1 + 0.05 * i));
        }
        Path compare = tmp.resolve("compare.html");
        Reports.writeCompare(runs.subList(0, 2), compare);
        try (HeadlessChromium.Opened o = chromium.open(compare, 1440, 1000)) {
            assertThat(o.cards("missing")).isEmpty();
            List<String> all = new ArrayList<>(List.of("deltas"));
            all.addAll(OVERLAYS);
            assertThat(o.cards("chart")).containsExactlyElementsOf(all);
            assertDrawn(o, all);
            o.screenshot(SCREENSHOTS.resolve("compare.png"));
            assertThat(o.problems()).isEmpty();
        }
        Path reps = Reports.writeReplications(tmp.resolve("exp"), runs);
        try (HeadlessChromium.Opened o = chromium.open(reps, 1440, 1000)) {
            assertThat(o.cards("missing")).isEmpty();
            assertThat(o.cards("chart")).startsWith("spread").containsAll(OVERLAYS);
            assertDrawn(o, List.of("spread", "ov-allocated"));
            assertThat(o.seriesPoints("ov-allocated")).hasSize(3);
            o.screenshot(SCREENSHOTS.resolve("replications.png"));
            assertThat(o.problems()).isEmpty();
        }
        Path sweepDir = tmp.resolve("sweep");
        Path sweep = Reports.writeSweep(sweepDir, "scheduler.backfill.maxGangs", List.of("4", "8", "16"), runs);
        try (HeadlessChromium.Opened o = chromium.open(sweep, 1440, 1000)) {
            assertThat(o.cards("missing")).isEmpty();
            assertThat(o.cards("chart")).contains("sweep-0", "sweep-1").containsAll(OVERLAYS);
            assertDrawn(o, List.of("sweep-0", "sweep-1", "ov-busy"));
            assertThat(o.seriesPoints("sweep-0")).containsExactly(3);
            o.screenshot(SCREENSHOTS.resolve("sweep.png"));
            assertThat(o.problems()).isEmpty();
        }
    }
}
