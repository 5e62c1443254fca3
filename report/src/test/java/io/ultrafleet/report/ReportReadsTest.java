package io.ultrafleet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.BuiltInScenarios;
import io.ultrafleet.twin.run.RunResult;
import io.ultrafleet.twin.run.TwinRun;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the report's pages say, not only that they draw: every summary field a page reads is one the summary's
 * schema has (a page that looks for a field no summary has draws nothing, or the wrong thing, without an error), the
 * fixtures the other tests draw are summaries the schema allows, and a contract's burn-down starts at its commitment
 * and falls.
 */
class ReportReadsTest {
    /**
     * Draws the page again into a container of its own with every run's summary behind a proxy that records the path
     * of each field read ({@code cost.by_contract[].committed_usd}); returns the paths.
     */
    private static final String RECORD_READS = """
            () => {
              const seen = new Set();
              const wrap = (v, path) => {
                if (v === null || typeof v !== 'object') return v;
                return new Proxy(v, {
                  get(t, k, r) {
                    if (typeof k === 'symbol') return Reflect.get(t, k, r);
                    if (Array.isArray(t)) {
                      return /^[0-9]+$/.test(k) ? wrap(t[k], path + '[]') : Reflect.get(t, k, r);
                    }
                    if (k in Object.prototype) return Reflect.get(t, k, r);
                    const p = path === '' ? k : path + '.' + k;
                    seen.add(p);
                    return wrap(t[k], p);
                  }
                });
              };
              const data = JSON.parse(document.getElementById('report-data').textContent);
              data.runs.forEach(r => { r.summary = wrap(r.summary, ''); });
              const box = document.createElement('div');
              box.style.width = '1400px';
              document.body.appendChild(box);
              UF.pages[data.kind](data, box);
              return Array.from(seen);
            }
            """;

    static HeadlessChromium chromium;
    static SummarySchemaPaths schema;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void launch() throws IOException {
        schema = SummarySchemaPaths.load();
        chromium = new HeadlessChromium();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> readsOf(Path page) {
        try (HeadlessChromium.Opened o = chromium.open(page, 1440, 1000)) {
            List<String> reads = (List<String>) o.page().evaluate(RECORD_READS);
            assertThat(o.problems()).as("problems drawing %s", page).isEmpty();
            return reads;
        }
    }

    private static List<String> notInSchema(List<String> reads) {
        return new ArrayList<>(
                new TreeSet<>(reads.stream().filter(p -> !schema.allows(p)).toList()));
    }

    @Test
    void everySummaryFieldAPageReadsIsInTheSchema() throws IOException {
        Path dir = defaultRun();
        List<String> reads = readsOf(dir.resolve(Reports.REPORT));
        assertThat(reads).contains("cost.by_contract", "cost.by_contract[].committed_usd", "reliability.ettr");
        assertThat(notInSchema(reads))
                .as("fields the run report reads that no summary has")
                .isEmpty();

        List<Path> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(RunFixture.write(tmp.resolve("exp/rep-" + (7 + i)), 7 + i, 1 + 0.05 * i));
        }
        Path compare = tmp.resolve("compare.html");
        Reports.writeCompare(runs, compare);
        Path reps = Reports.writeReplications(tmp.resolve("exp"), runs);
        Path sweep = Reports.writeSweep(tmp.resolve("sweep"), "scheduler.backfill.maxGangs", List.of("4", "8"), runs);
        for (Path page : List.of(compare, reps, sweep)) {
            assertThat(notInSchema(readsOf(page)))
                    .as("fields %s reads that no summary has", page)
                    .isEmpty();
        }
    }

    @Test
    void theHeadlineFiguresComeFromFieldsInTheSchema() throws IOException {
        Map<String, Object> summary = RunDirectory.read(defaultRun()).summary();
        List<Figure> figures = Figure.main(List.of(summary));
        assertThat(figures).hasSizeGreaterThan(20);
        for (Figure f : figures) {
            String path = f.key().replaceAll("\\[name=[^]]*]", "[]");
            assertThat(schema.allows(path))
                    .as("figure %s reads %s", f.label(), path)
                    .isTrue();
        }
    }

    @Test
    void theFixturesAreSummariesTheSchemaAllows() throws IOException {
        Path dir = RunFixture.write(tmp.resolve("fixture"), 7);
        Object fixture = JsonTree.parse("summary.json", Files.readString(dir.resolve("summary.json")));
        assertThat(schema.strayPaths(fixture))
                .as("fields of the fixture's summary.json the schema lacks")
                .isEmpty();
        assertThat(schema.allows("cost.contracts")).isFalse();
        assertThat(schema.strayPaths(Map.of("cost", Map.of("contracts", List.of()))))
                .containsExactly("cost.contracts");
    }

    @Test
    void aBurnDownStartsAtTheCommitmentAndFalls() throws IOException {
        Path dir = RunFixture.write(tmp.resolve("burn"), 7);
        Reports.writeRunReport(dir);
        checkBurnDown(dir, "aws-2025", 2_000_000);
        Path real = defaultRun();
        checkBurnDown(real, "aws-gpu-38b", 38e9);
    }

    @SuppressWarnings("unchecked")
    private static void checkBurnDown(Path dir, String contract, double committed) throws IOException {
        Map<String, Object> summary = RunDirectory.read(dir).summary();
        BigDecimal spent = JsonTree.number(summary, "cost.by_contract[name=" + contract + "].spent_usd")
                .orElseThrow();
        long start = Instant.parse((String) summary.get("start")).toEpochMilli();
        try (HeadlessChromium.Opened o = chromium.open(dir.resolve(Reports.REPORT), 1440, 1000)) {
            List<Object> series = (List<Object>) o.page()
                    .evaluate(
                            "c => echarts.getInstanceByDom(document.getElementById('chart-cost-burn'))"
                                    + ".getOption().series.filter(s => s.name.startsWith(c + ' ')).map(s => s.data)",
                            contract);
            assertThat(series).as("burn-down lines of %s", contract).hasSize(1);
            List<List<Number>> points = (List<List<Number>>) series.get(0);
            assertThat(points.get(0).get(0).longValue())
                    .as("first point at the run's start")
                    .isEqualTo(start);
            assertThat(points.get(0).get(1).doubleValue()).as("first point").isEqualTo(committed);
            double before = committed;
            for (List<Number> p : points) {
                assertThat(p.get(1).doubleValue())
                        .as("commitment left never rises")
                        .isLessThanOrEqualTo(before);
                before = p.get(1).doubleValue();
            }
            assertThat(before)
                    .as("commitment left at the end")
                    .isCloseTo(committed - spent.doubleValue(), within(committed * 1e-5))
                    .isLessThan(committed);
            assertThat(o.problems()).isEmpty();
        }
    }

    private static Path defaultRunDir;

    /** The default scenario's first four months, run once for this class. */
    private static synchronized Path defaultRun() throws IOException {
        if (defaultRunDir == null) {
            String yaml = BuiltInScenarios.yaml(BuiltInScenarios.defaultName()).orElseThrow();
            Scenario s = new ScenarioLoader(HardwareCatalogue.builtIn())
                    .load(BuiltInScenarios.sourceName(BuiltInScenarios.defaultName()), new StringReader(yaml));
            s = s.with(s.seed(), Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
            RunResult result = new TwinRun(s, HardwareCatalogue.builtIn()).run();
            defaultRunDir = tmp.resolve("default");
            Reports.writeRun(result, yaml, defaultRunDir);
        }
        return defaultRunDir;
    }
}
