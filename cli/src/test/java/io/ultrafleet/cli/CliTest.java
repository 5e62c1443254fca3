package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line end to end, in process: exit codes, stdout, stderr and files. */
class CliTest {
    @TempDir
    Path tmp;

    record Outcome(int code, String out, String err) {}

    static Outcome run(String... args) {
        CommandLine cl = Main.commandLineFor(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private Path exported() throws IOException {
        Outcome o = run("scenario", "export", "aws-openai-2025");
        assertThat(o.code()).isZero();
        Path file = tmp.resolve("aws.yaml");
        Files.writeString(file, o.out());
        return file;
    }

    @Test
    void aScenarioIsReadFromStandardInputGivenAsADashAndFromAPipe() throws IOException {
        String yaml = run("scenario", "export", "llama3-54d").out();
        java.io.InputStream was = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Outcome o = run("validate", "-");
            assertThat(o.code()).as(o.err()).isZero();
            assertThat(o.out()).startsWith("standard input: ok: scenario llama3-54d");
            System.setIn(new java.io.ByteArrayInputStream(new byte[0]));
            Outcome empty = run("validate", "-");
            assertThat(empty.code()).isEqualTo(Main.EXIT_BAD_INPUT);
            assertThat(empty.err()).startsWith("error: standard input:1:1: found an empty document");
        } finally {
            System.setIn(was);
        }
        // a path that is not a regular file (a named pipe, as <(...) gives) is read as a file
        Path fifo = tmp.resolve("scenario.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        try {
            assertThat(mk.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            mk.destroyForcibly();
        }
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, yaml);
            } catch (IOException e) {
                // the reader failed first; its assertion says why
            }
        });
        writer.setDaemon(true);
        writer.start();
        Outcome piped = run("validate", fifo.toString());
        assertThat(piped.code()).as(piped.err()).isZero();
        assertThat(piped.out()).startsWith(fifo + ": ok: scenario llama3-54d");
    }

    @Test
    void aRunBuildsOnlyItsSubcommandAndTheUsageListsThemAll() {
        assertThat(Main.commandLineFor("simulate", "--json").getSubcommands()).containsOnlyKeys("simulate");
        assertThat(Main.commandLineFor("jobs").getSubcommands()).containsOnlyKeys("jobs");
        Map<String, CommandLine> all = Main.newCommandLine().getSubcommands();
        assertThat(all)
                .hasSize(25)
                .containsKeys(
                        "simulate", "serve", SlurmTaskCommand.NAME, "forecast", "set-queue", "drain", "token", "audit");
        for (String name : all.keySet()) {
            assertThat(Main.commandLineFor(name).getSubcommands()).as(name).containsOnlyKeys(name);
        }
        assertThat(Main.commandLineFor("--help").getSubcommands()).hasSize(25);
        assertThat(Main.commandLineFor().getSubcommands()).hasSize(25);
        Outcome misspelt = run("simulat");
        assertThat(misspelt.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(misspelt.err()).contains("did you mean 'simulate'?");
        Outcome usage = run("--help");
        assertThat(usage.code()).isZero();
        assertThat(usage.out()).contains("simulate", "backtest", "forecast", "serve");
    }

    @Test
    void listShowsTheDefaultScenario() {
        Outcome o = run("scenario", "list");
        assertThat(o.code()).isZero();
        assertThat(o.out()).startsWith("aws-openai-2025 (default)");
    }

    @Test
    void exportedScenarioValidatesAndSimulatesUnchanged() throws IOException {
        Path file = exported();
        Outcome v = run("validate", file.toString());
        assertThat(v.code()).isZero();
        assertThat(v.out()).contains(": ok: scenario aws-openai-2025");
        Outcome s = run("simulate", file.toString(), "--until", "2025-11-20", "--json");
        assertThat(s.code()).isZero();
        Map<String, String> top = topLevelScalars(s.out());
        assertThat(top)
                .containsEntry("schema", "ultrafleet.summary/v1")
                .containsEntry("scenario", "aws-openai-2025")
                .containsEntry("seed", "42")
                .containsEntry("end", "2025-11-21T00:00:00Z");
        assertThat(s.out()).contains("\"gpus\": ").contains("\"gpu_allocation_pct\": ");
        assertThat(s.out())
                .contains("\"reliability\": {")
                .contains("\"interruptions_total\": ")
                .contains("\"interruptions_by_cause\": ")
                .contains("\"ettr\": ")
                .contains("\"gpu_hours_lost_by_cause\": ");
    }

    @Test
    void jsonIsTheSameForTheSameSeedAndDiffersForAnother() {
        Outcome a = run("simulate", "--seed", "5", "--until", "2025-11-30", "--json");
        Outcome b = run("simulate", "--seed", "5", "--until", "2025-11-30", "--json");
        Outcome c = run("simulate", "--seed", "6", "--until", "2025-11-30", "--json");
        assertThat(a.code()).isZero();
        assertThat(a.out()).isEqualTo(b.out());
        assertThat(c.out()).isNotEqualTo(a.out());
        assertThat(topLevelScalars(a.out())).containsEntry("seed", "5");
    }

    @Test
    void unknownKeyIsRefusedWithItsLineAndExitCode2() throws IOException {
        Path file = exported();
        String yaml = Files.readString(file).replace("seed: 42", "seed: 42\nsede: 7");
        Files.writeString(file, yaml);
        int line = lineOf(yaml, "sede: 7");
        Outcome o = run("validate", file.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(file + ":" + line + ":1: unknown field 'sede' (did you mean 'seed'?)");
        assertThat(o.err().lines().count()).isEqualTo(1);
    }

    @Test
    void negativeGpuCountIsRefusedWithItsLineAndNothingIsWritten() throws IOException {
        Path file = exported();
        String yaml = Files.readString(file).replace("gpus: 9216", "gpus: -9216");
        Files.writeString(file, yaml);
        int line = lineOf(yaml, "gpus: -9216");
        Path out = tmp.resolve("out");
        Outcome o = run("simulate", file.toString(), "--out", out.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err())
                .startsWith("error: " + file + ":" + line + ":")
                .contains("gpus")
                .contains("-9216");
        assertThat(out).doesNotExist();
        assertThat(o.out()).isEmpty();
    }

    @Test
    void outWritesSummaryAndHourlyTimeSeries() throws IOException {
        Path out = tmp.resolve("run");
        Outcome o = run("simulate", "--until", "2025-11-05", "--out", out.toString());
        assertThat(o.code()).isZero();
        assertThat(o.out())
                .contains("Ultrafleet run: aws-openai-2025")
                .contains("GPU-hours")
                .contains("commitments imply $3.10 per GPU-hour")
                .contains("t CO2 (location-based)");
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"schema\": \"ultrafleet.summary/v1\"");
        var lines = Files.readAllLines(out.resolve("timeseries.csv"));
        assertThat(lines.get(0))
                .isEqualTo("time,gpus_online,gpus_allocated,gpus_busy,racks_online,jobs_queued,jobs_running,"
                        + "cpu_hosts_online,cpu_vcpus_online,gpus_down,interruptions,gpus_demanded,"
                        + "inference_replicas,inference_gpus,inference_tokens_per_s,inference_slo_attainment,"
                        + "agent_sessions,agent_vcpus,agent_sessions_waiting,rollout_vcpus,"
                        + "spend_usd,gpu_spend_usd,power_mw,co2_t,contract_spent_usd.aws-gpu-38b,contract_spent_usd.aws-cpu,"
                        + "jobs_queued.serving/chat,jobs_queued.serving/agents,"
                        + "jobs_queued.frontier/pretrain,jobs_queued.posttrain/rl,jobs_queued.research/adhoc");
        assertThat(lines).hasSize(1 + 3 * 24);
        assertThat(lines.get(1)).startsWith("2025-11-03T01:00:00Z,");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("summary.json", "timeseries.csv", "scenario.yaml", "report.html");
        }
    }

    @Test
    void setChangesTheRunAndTheScenarioItKeeps() throws IOException {
        Path out = tmp.resolve("run");
        String[] set = {"--set", "name=renamed", "--set", "scheduler.cycleInterval=5m", "--until", "2025-11-05"};
        Outcome o = run(concat(new String[] {"simulate", "--out", out.toString()}, set));
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("Ultrafleet run: renamed");
        String kept = Files.readString(out.resolve("scenario.yaml"));
        assertThat(kept).contains("name: renamed").contains("cycleInterval: 5m");
        // the scenario kept beside the outputs runs to the same summary as the run with --set
        Outcome withSet = run(concat(new String[] {"simulate", "--json"}, set));
        Outcome fromKept = run("simulate", out.resolve("scenario.yaml").toString(), "--until", "2025-11-05", "--json");
        assertThat(fromKept.out()).isEqualTo(withSet.out()).contains("\"scenario\": \"renamed\"");
        // and differs from the run without it
        assertThat(run("simulate", "--until", "2025-11-05", "--json").out()).isNotEqualTo(withSet.out());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void badFlagsAndMissingScenariosExitWith2() {
        assertThat(run("simulate", "--seed", "abc").code()).isEqualTo(2);
        assertThat(run("simulate", "--until", "2025-13-01").code()).isEqualTo(2);
        assertThat(run("simulate", "--until", "2030-01-01").code()).isEqualTo(2);
        assertThat(run("simulate", "--bogus").code()).isEqualTo(2);
        Outcome missing = run("simulate", tmp.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file, and no built-in scenario of that name");
        assertThat(run("scenario", "export", "nope").code()).isEqualTo(2);
    }

    private static int lineOf(String text, String needle) {
        String before = text.substring(0, text.indexOf(needle));
        return (int) before.chars().filter(c -> c == '\n').count() + 1;
    }

    /** Top-level scalar fields of a JSON object, as text; also proves the text is one valid JSON document. */
    static Map<String, String> topLevelScalars(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                String name = p.currentName();
                t = p.nextToken();
                if (t.isScalarValue()) {
                    out.put(name, p.getText());
                } else {
                    p.skipChildren();
                }
            }
            assertThat(p.nextToken()).isNull();
        } catch (IOException e) {
            throw new AssertionError("not valid JSON: " + e.getMessage(), e);
        }
        return out;
    }
}
