package io.ultrafleet.cli;

import static io.ultrafleet.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.cli.CliTest.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report, compare, replications and sweeps from the command line: files written, exit codes, bad input. */
class ReportCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void simulateWritesTheReportAndTheScenarioAndReportRebuildsIt() throws IOException {
        Path out = tmp.resolve("run");
        assertThat(run("simulate", "--until", "2025-11-12", "--out", out.toString())
                        .code())
                .isZero();
        String exported = run("scenario", "export", "aws-openai-2025").out();
        assertThat(Files.readString(out.resolve("scenario.yaml"))).isEqualTo(exported);
        byte[] first = Files.readAllBytes(out.resolve("report.html"));
        assertThat(new String(first, java.nio.charset.StandardCharsets.UTF_8))
                .contains("<title>Ultrafleet run: aws-openai-2025, seed 42</title>");
        Files.delete(out.resolve("report.html"));
        Outcome r = run("report", out.toString(), "--png");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("report.html").contains("capacity.png");
        assertThat(Files.readAllBytes(out.resolve("report.html"))).isEqualTo(first);
        assertThat(out.resolve("charts/capacity.png")).isRegularFile();
        assertThat(out.resolve("charts/failures-by-cause.png")).isRegularFile();
        Outcome svg = run("report", out.toString(), "--svg");
        assertThat(svg.code()).isZero();
        assertThat(svg.out()).contains("capacity.svg");
        String capacity = Files.readString(out.resolve("charts/capacity.svg"));
        assertThat(capacity)
                .startsWith("<?xml")
                .contains("<svg")
                .contains("<path")
                .contains("clip1");
        assertThat(out.resolve("charts/capacity.png")).isRegularFile(); // beside the PNG, which stays
        assertThat(run("report", out.toString(), "--svg").code()).isZero();
        assertThat(Files.readString(out.resolve("charts/capacity.svg"))).isEqualTo(capacity); // the same file again
    }

    @Test
    void reportOfSomethingElseExitsWith2() throws IOException {
        Outcome missing = run("report", tmp.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: ").contains("no such folder");
        Files.createDirectories(tmp.resolve("empty"));
        Outcome empty = run("report", tmp.resolve("empty").toString());
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("no summary.json");
        assertThat(tmp.resolve("empty/report.html")).doesNotExist();
    }

    @Test
    void compareWritesOneFileOrNothing() {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(run("simulate", "--until", "2025-11-04", "--out", a.toString())
                        .code())
                .isZero();
        assertThat(run("simulate", "--until", "2025-11-04", "--seed", "9", "--out", b.toString())
                        .code())
                .isZero();
        Path html = tmp.resolve("cmp.html");
        Outcome ok = run("compare", a.toString(), b.toString(), "--out", html.toString());
        assertThat(ok.code()).isZero();
        assertThat(html).isRegularFile();
        assertThat(run("compare", a.toString()).code()).isEqualTo(2);
        Path none = tmp.resolve("none.html");
        Outcome bad = run("compare", a.toString(), tmp.resolve("missing").toString(), "--out", none.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("missing: no such directory");
        assertThat(none).doesNotExist();
    }

    @Test
    void replicationsRunConsecutiveSeedsAndReportIntervals() throws IOException {
        Path out = tmp.resolve("reps");
        Outcome o = run("simulate", "--until", "2025-11-04", "--replications", "2", "--out", out.toString());
        assertThat(o.code()).isZero();
        assertThat(o.out())
                .contains("Replications of aws-openai-2025: 2 seeds from 42")
                .contains("GPU allocation");
        assertThat(out.resolve("rep-42/report.html")).isRegularFile();
        assertThat(out.resolve("rep-43/summary.json")).isRegularFile();
        assertThat(Files.readString(out.resolve("replications.json")))
                .contains("\"schema\": \"ultrafleet.replications/v1\"")
                .contains("\"seeds\": [\n    42,\n    43\n  ]");
        assertThat(out.resolve("report.html")).isRegularFile();
        assertThat(run("report", out.toString()).code()).isZero();
    }

    @Test
    void replicationFlagsAreChecked() {
        Path out = tmp.resolve("reps");
        Outcome one = run("simulate", "--replications", "1", "--out", out.toString());
        assertThat(one.code()).isEqualTo(2);
        assertThat(one.err()).contains("--replications: '1' is out of range; allowed an integer from 2 to 1000");
        Outcome noOut = run("simulate", "--replications", "3");
        assertThat(noOut.code()).isEqualTo(2);
        assertThat(noOut.err()).contains("needs --out DIR");
        assertThat(out).doesNotExist();
    }

    @Test
    void aSweepWithABadPathOrValueWritesNothing() {
        Path out = tmp.resolve("sweep");
        Outcome typo =
                run("sweep", "aws-openai-2025", "--set", "scheduler.backfillMaxGangs=4,8", "--out", out.toString());
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err())
                .startsWith("error: --set: 'scheduler.backfillMaxGangs=4' gives a scenario that is not valid: ")
                .contains("unknown field 'scheduler.backfillMaxGangs'");
        Outcome value =
                run("sweep", "aws-openai-2025", "--set", "scheduler.backfill.maxGangs=4,-1", "--out", out.toString());
        assertThat(value.code()).isEqualTo(2);
        assertThat(value.err())
                .startsWith("error: --set: 'scheduler.backfill.maxGangs=-1' gives a scenario that is not valid: ")
                .contains("field 'scheduler.backfill.maxGangs': found -1");
        Outcome syntax = run("sweep", "aws-openai-2025", "--set", "scheduler..x=1", "--out", out.toString());
        assertThat(syntax.code()).isEqualTo(2);
        assertThat(syntax.err()).contains("names the path 'scheduler..x'; allowed a dotted field path");
        Outcome twice = run("sweep", "aws-openai-2025", "--set", "seed=1,1", "--out", out.toString());
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("gives the value 1 twice");
        assertThat(run("sweep", "aws-openai-2025", "--set", "seed", "--out", out.toString())
                        .code())
                .isEqualTo(2);
        assertThat(out).doesNotExist();
    }

    @Test
    void aSweepRunsEachValueAndKeepsTheScenarioItRan() throws IOException {
        Path out = tmp.resolve("sweep");
        Outcome o = run(
                "sweep",
                "aws-openai-2025",
                "--set",
                "scheduler.backfill.maxGangs=2,16",
                "--until",
                "2025-11-04",
                "--out",
                out.toString());
        assertThat(o.code()).isZero();
        assertThat(o.out()).startsWith("scheduler.backfill.maxGangs").contains("GPU allocation");
        assertThat(Files.readString(out.resolve("sweep.json")))
                .contains("\"path\": \"scheduler.backfill.maxGangs\"")
                .contains("\"01-2\"");
        Path kept = out.resolve("01-2/scenario.yaml");
        assertThat(Files.readString(kept)).contains("maxGangs: 2");
        Outcome v = run("validate", kept.toString());
        assertThat(v.code()).isZero();
        assertThat(out.resolve("02-16/report.html")).isRegularFile();
        assertThat(out.resolve("report.html")).isRegularFile();
    }
}
