package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ultrafleet replay philly} end to end, in process, on a small made-up trace and fleet. */
class ReplayPhillyCommandTest {
    @TempDir
    Path tmp;

    Path jobs;
    Path machines;
    Path vcs;

    @BeforeEach
    void trace() throws IOException {
        StringBuilder j = new StringBuilder("timestamp,duration,num_gpus,gpu_time,cluster\n");
        int[] sizes = {1, 1, 2, 4, 8, 16};
        for (int i = 0; i < 300; i++) {
            int gpus = sizes[i % sizes.length];
            int duration = 600 + (i * 97 % 7_200);
            j.append(String.format(
                    "2017-11-%02d %02d:%02d:00,%d.0,%d,%d.0,%s%n",
                    1 + i / 100,
                    (i / 4) % 24,
                    (i * 7) % 60,
                    duration,
                    gpus,
                    duration * gpus,
                    i % 10 == 9 ? "nosuchvc" : i % 2 == 0 ? "alpha" : "beta"));
        }
        jobs = tmp.resolve("jobs.csv");
        Files.writeString(jobs, j);
        StringBuilder m = new StringBuilder(",machineId,number of GPUs\n");
        for (int i = 0; i < 24; i++) {
            m.append(i)
                    .append(",m")
                    .append(i)
                    .append(',')
                    .append(i % 3 == 0 ? 4 : 8)
                    .append('\n');
        }
        machines = tmp.resolve("machines.csv");
        Files.writeString(machines, m);
        vcs = tmp.resolve("vcs.csv");
        Files.writeString(vcs, "vc,node num\nalpha,10\nbeta,8\n");
    }

    private CliTest.Outcome replay(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "replay",
                "philly",
                "--jobs",
                jobs.toString(),
                "--machines",
                machines.toString(),
                "--vcs",
                vcs.toString()));
        args.addAll(List.of(more));
        return CliTest.run(args.toArray(new String[0]));
    }

    @Test
    void printsARowPerVcAndOneForAllJobs() {
        CliTest.Outcome o = replay();
        // alpha has 10 of the 18 servers the VC list shares out, of 24 servers of 160 GPUs in all: 66 GPUs.
        assertThat(o.code()).isEqualTo(0);
        assertThat(o.out())
                .contains("Philly replay: policy philly")
                .contains("fleet    24 of the 24 servers with GPUs in machines.csv, 160 GPUs")
                .containsPattern("(?m)^alpha +66 +150 +150 ")
                .containsPattern("(?m)^nosuchvc +none +30 +30 ")
                .containsPattern("(?m)^all +160 +300 +300 ");
        assertThat(o.err()).startsWith("replayed ").hasLineCount(1);
    }

    @Test
    void writesTheActiveServersOnceAMinuteAndTheSameJsonEachTime() throws IOException {
        Path out = tmp.resolve("run");
        CliTest.Outcome o = replay("--policy", "backfill", "--json", "--out", out.toString());
        assertThat(o.code()).isEqualTo(0);
        assertThat(o.out()).startsWith("{\n  \"policy\": \"backfill\",");
        List<String> rows = Files.readAllLines(out.resolve("active_nodes.csv"));
        assertThat(rows.get(0)).isEqualTo("time,active");
        assertThat(rows.get(1)).as("the first job starts at midnight").isEqualTo("2017-11-01 00:00:00,1");
        assertThat(rows).hasSize(1 + 3 * 1440);
        assertThat(rows.get(rows.size() - 1)).startsWith("2017-11-03 23:59:00,");
        assertThat(replay("--policy", "backfill", "--json").out()).isEqualTo(o.out());
    }

    @Test
    void printsTheDailyErrorAgainstARealSeries() throws IOException {
        StringBuilder s = new StringBuilder("time,active,total\n");
        for (int m = 0; m < 3 * 1440; m++) {
            s.append(String.format("2017-11-%02d %02d:%02d:00,10,20%n", 1 + m / 1440, (m / 60) % 24, m % 60));
        }
        Path real = tmp.resolve("real.csv");
        Files.writeString(real, s);
        CliTest.Outcome o = replay("--real", real.toString(), "--warmup-days", "1");
        assertThat(o.out()).containsPattern("against the real series: daily-mean error [0-9.]+ % over 2 days");
    }

    @Test
    void badFlagsExitWith2AndTwoLines() {
        CliTest.Outcome policy = replay("--policy", "fifo");
        assertThat(policy.code()).isEqualTo(2);
        assertThat(policy.err())
                .isEqualTo("error: --policy: 'fifo' is no Philly policy; allowed philly, fair, backfill, topology\n"
                        + "see 'ultrafleet replay philly --help'\n");
        CliTest.Outcome servers = replay("--servers", "25");
        assertThat(servers.code()).isEqualTo(2);
        assertThat(servers.err())
                .isEqualTo("error: --servers: '25' is out of range; allowed an integer from 1 to 24 (the servers with"
                        + " GPUs in " + machines + ")\nsee 'ultrafleet replay philly --help'\n");
        assertThat(replay("--unseen-work", "-1").code()).isEqualTo(2);
        assertThat(replay("--unseen-work", "x").code()).isEqualTo(2);
        assertThat(replay("--warmup-days", "-1").code()).isEqualTo(2);
        assertThat(CliTest.run("replay", "philly").code())
                .as("--jobs is required")
                .isEqualTo(2);
    }

    @Test
    void aBadRowIsNamedByFileLineAndColumnAndNothingIsWritten() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(jobs));
        lines.set(5, "2017-11-01 01:12:00,600.0,two,600.0,alpha");
        Files.write(jobs, lines);
        Path out = tmp.resolve("run");
        CliTest.Outcome o = replay("--out", out.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err())
                .isEqualTo("error: " + jobs + ":6: field 'num_gpus': found 'two', allowed an integer 1..4096\n");
        assertThat(o.out()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingFileExitsWith2() {
        Path nope = tmp.resolve("nope.csv");
        CliTest.Outcome o = CliTest.run("replay", "philly", "--jobs", jobs.toString(), "--vcs", nope.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("error: " + nope + ": no such file\n");
    }

    @Test
    void theMachineAndVcListsDefaultToTheRepositorysData() {
        CliTest.Outcome o = CliTest.run("replay", "philly", "--jobs", jobs.toString());
        assertThat(o.code()).isEqualTo(0);
        assertThat(o.out())
                .contains("fleet    420 of the 539 servers with GPUs in revised_machine_list.csv")
                .contains("VCs      philly_vc_nodes.csv");
    }
}
