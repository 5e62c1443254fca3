package io.ultrafleet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report files: self-contained, deterministic, built from what a directory holds; bad directories are named. */
class ReportsTest {
    @TempDir
    Path tmp;

    private static String dataOf(String html) {
        int start = html.indexOf("<script id=\"report-data\" type=\"application/json\">");
        int from = html.indexOf('>', start) + 1;
        return html.substring(from, html.indexOf("</script>", from));
    }

    @Test
    void aRunReportIsOneFileWithItsDataAndScriptsInside() throws IOException {
        Path dir = RunFixture.write(tmp.resolve("run"), 7);
        Files.writeString(
                dir.resolve("scenario.yaml"),
                RunFixture.SCENARIO.replace(
                        "description: A fixture run with every section of the summary.",
                        "description: \"ends the script early? </script><!-- no\""));
        String html = Files.readString(Reports.writeRunReport(dir));
        assertThat(html).doesNotContain("<script src").doesNotContain("<link ").doesNotContain("{{");
        assertThat(html.split("</script>", -1)).hasSize(5);
        assertThat(html).contains("Apache ECharts 6.1.0").contains("UF.start();");
        Object data = JsonTree.parse("data", dataOf(html));
        assertThat(JsonTree.at(data, "kind")).contains("run");
        Map<?, ?> columns = (Map<?, ?>) JsonTree.at(data, "runs")
                .map(r -> ((List<?>) r).get(0))
                .flatMap(r -> JsonTree.at(r, "series.columns"))
                .orElseThrow();
        assertThat(columns.keySet().stream().map(String::valueOf).toList())
                .containsExactlyElementsOf(RunFixture.COLUMNS);
        assertThat(JsonTree.at(data, "runs")
                        .map(r -> ((List<?>) r).get(0))
                        .flatMap(r -> JsonTree.at(r, "inputs.description")))
                .contains("ends the script early? </script><!-- no");
    }

    @Test
    void theSameFilesGiveTheSameReport() throws IOException {
        Path dir = RunFixture.write(tmp.resolve("run"), 7);
        byte[] first = Files.readAllBytes(Reports.writeRunReport(dir));
        byte[] second = Files.readAllBytes(Reports.writeRunReport(dir));
        assertThat(second).isEqualTo(first);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("summary.json", "timeseries.csv", "scenario.yaml", "report.html");
        }
    }

    @Test
    void aRunWithoutSeriesOrScenarioStillGetsAReport() throws IOException {
        Path dir = RunFixture.write(tmp.resolve("run"), 7);
        Files.delete(dir.resolve("timeseries.csv"));
        Files.delete(dir.resolve("scenario.yaml"));
        String html = Files.readString(Reports.writeRunReport(dir));
        assertThat(dataOf(html)).contains("\"series\":null").contains("\"inputs\":null");
    }

    @Test
    void replicationsGiveMeansWithStudentTIntervals() throws IOException {
        List<Path> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(RunFixture.write(tmp.resolve("reps/rep-" + (7 + i)), 7 + i, 1 + 0.05 * i));
        }
        Reports.writeReplications(tmp.resolve("reps"), runs);
        String json = Files.readString(tmp.resolve("reps/replications.json"), StandardCharsets.UTF_8);
        Object doc = JsonTree.parse("replications.json", json);
        assertThat(JsonTree.at(doc, "schema")).contains("ultrafleet.replications/v1");
        assertThat(JsonTree.at(doc, "seeds"))
                .hasValueSatisfying(s -> assertThat(s.toString()).isEqualTo("[7, 8, 9]"));
        Map<?, ?> alloc = figure(doc, "gpu_allocation_pct");
        // 60, 60.5, 61: mean 60.5, sd 0.5, t(0.975, 2) = 4.3027, half width 4.3027 * 0.5 / sqrt(3) = 1.2421.
        assertThat(((BigDecimal) alloc.get("mean")).doubleValue()).isCloseTo(60.5, within(1e-9));
        assertThat(((BigDecimal) alloc.get("stdev")).doubleValue()).isCloseTo(0.5, within(1e-9));
        assertThat(((BigDecimal) alloc.get("half_width")).doubleValue()).isCloseTo(1.24208, within(1e-4));
        assertThat(((BigDecimal) alloc.get("ci95_low")).doubleValue()).isCloseTo(59.2579, within(1e-4));
        assertThat(figure(doc, "energy.mwh")).isNotNull();
        assertThat(figure(doc, "inference.services[name=chat].slo_attainment")).isNotNull();
        assertThat(Reports.describe(tmp.resolve("reps")))
                .contains("GPU allocation")
                .contains("60.50 %");
        // Rebuilt from the files alone, the same.
        assertThat(tmp.resolve("reps/rep-8/report.html")).doesNotExist();
        Reports.rebuild(tmp.resolve("reps"));
        assertThat(Files.readString(tmp.resolve("reps/replications.json"))).isEqualTo(json);
        assertThat(tmp.resolve("reps/rep-8/report.html")).isRegularFile();
    }

    @Test
    void aSweepListsEachFigurePerValue() throws IOException {
        List<Path> runs = List.of(
                RunFixture.write(tmp.resolve("sweep/01-4"), 7, 1.0),
                RunFixture.write(tmp.resolve("sweep/02-8"), 7, 1.1));
        Reports.writeSweep(tmp.resolve("sweep"), "scheduler.backfill.maxGangs", List.of("4", "8"), runs);
        Object doc = JsonTree.parse("sweep.json", Files.readString(tmp.resolve("sweep/sweep.json")));
        assertThat(JsonTree.at(doc, "path")).contains("scheduler.backfill.maxGangs");
        assertThat(figure(doc, "gpu_allocation_pct").get("values").toString()).isEqualTo("[60, 61]");
        assertThat(Reports.describe(tmp.resolve("sweep"))).startsWith("scheduler.backfill.maxGangs");
        assertThat(Reports.rebuild(tmp.resolve("sweep"))).isEqualTo(tmp.resolve("sweep/report.html"));
    }

    private static Map<?, ?> figure(Object doc, String key) {
        for (Object f : (List<?>) JsonTree.at(doc, "figures").orElseThrow()) {
            if (key.equals(((Map<?, ?>) f).get("key"))) {
                return (Map<?, ?>) f;
            }
        }
        throw new AssertionError("no figure " + key);
    }

    @Test
    void badDirectoriesAreNamedWithWhatIsWrong() throws IOException {
        assertThatThrownBy(() -> Reports.writeRunReport(tmp.resolve("nope")))
                .isInstanceOf(ReportInputException.class)
                .hasMessageContaining("nope: no such directory");
        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> Reports.writeRunReport(tmp.resolve("empty")))
                .hasMessageContaining("empty: no summary.json");
        Path dir = RunFixture.write(tmp.resolve("run"), 7);
        Files.writeString(dir.resolve("summary.json"), "{\"schema\": \"ultrafleet.summary/v1\",\n  \"seed\": }");
        assertThatThrownBy(() -> Reports.writeRunReport(dir))
                .isInstanceOf(ReportInputException.class)
                .hasMessageContaining("summary.json:2:")
                .hasMessageContaining("not valid JSON: unexpected character '}'");
        RunFixture.write(dir, 7);
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("timeseries.csv")));
        lines.set(2, lines.get(2).replaceFirst(",[0-9.]+,", ",many,"));
        Files.write(dir.resolve("timeseries.csv"), lines);
        assertThatThrownBy(() -> Reports.writeRunReport(dir))
                .isInstanceOf(ReportInputException.class)
                .hasMessageEndingWith("timeseries.csv:3: column 'gpus_online': found 'many', allowed a number");
        assertThat(dir.resolve("report.html")).doesNotExist();
    }

    @Test
    void chartImagesArePngsForSlides() throws IOException {
        Path dir = RunFixture.write(tmp.resolve("run"), 7);
        List<Path> images = Reports.writeChartImages(dir);
        assertThat(images.stream().map(p -> p.getFileName().toString()))
                .containsExactly(
                        "capacity.png",
                        "gpu-use.png",
                        "queue-length.png",
                        "contract-burn-down.png",
                        "power.png",
                        "inference.png",
                        "agents.png",
                        "failures-by-cause.png");
        for (Path p : images) {
            BufferedImage img = ImageIO.read(p.toFile());
            assertThat(img.getWidth()).isEqualTo(1600);
            assertThat(img.getHeight()).isEqualTo(900);
            java.util.Set<Integer> colours = new java.util.HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 4) {
                for (int x = 0; x < img.getWidth(); x += 4) {
                    colours.add(img.getRGB(x, y));
                }
            }
            assertThat(colours.size()).as("colours in %s", p).isGreaterThan(10);
        }
        try (var files = Files.list(dir.resolve("charts"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".part"))).isEmpty();
        }
    }
}
