package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep --slurm} on a real Slurm lab of two nodes (scripts/slurm-lab.sh, as root): the array job's runs give
 * the same figures as the local sweep for the same values and seed. Needs root and Debian's Slurm ({@code -Pslurm}).
 */
@Tag("slurm")
class SlurmSweepTest {
    /** The sweep run locally once, for the tests to compare with, and the first line it printed. */
    @TempDir
    static Path local;

    private static String localFirstLine;

    private static final String[] SWEEP = {
        "sweep",
        "aws-openai-2025",
        "--set",
        "scheduler.backfill.maxGangs=2,16",
        "--seed",
        "7",
        "--until",
        "2025-11-04",
        "--out"
    };

    @BeforeAll
    static void localSweep() throws Exception {
        CliTest.Outcome l = CliTest.run(concat(SWEEP, local.resolve("sweep").toString()));
        assertThat(l.code()).as(l.err()).isZero();
        assertThat(l.out()).contains("GPU allocation");
        localFirstLine = l.out().lines().findFirst().orElseThrow();
    }

    @Test
    void aSweepOnSlurmGivesTheFiguresOfTheLocalSweep() throws Exception {
        onLab(45800, (conf, remote) -> {
            // one task at a time: the throttle is sbatch's (Slurm shows it on the array job), the figures the same
            StringBuilder shown = new StringBuilder();
            OnSubmitted show = (line, id) -> shown.append(slurm(conf, "scontrol", "show", "job", id));
            String output = sweepOnSlurm(conf, remote, show, false, true, "--slurm-max-running", "1");
            assertThat(shown.toString()).contains("ArrayTaskThrottle=1");
            assertThat(output)
                    .contains("submitted Slurm array job")
                    .contains("2 tasks, at most 1 at once")
                    .contains("maxGangs=2 done")
                    .contains("maxGangs=16 done")
                    .doesNotContain("submitted again");
            assertSameFigures(remote);
            assertThat(output).contains(localFirstLine);
        });
    }

    @Test
    void aTaskCancelledOnSlurmIsSubmittedAgainAndGivesTheSameFigures() throws Exception {
        onLab(45900, (conf, remote) -> {
            // the second task is cancelled while held: it ends without finishing its run
            String output = sweepOnSlurm(conf, remote, cancelSecondTask(conf, false), true, true);
            assertThat(output)
                    .contains("maxGangs=16 ended without finishing its run")
                    .contains("submitted again as job")
                    .contains("(attempt 2 of 3)")
                    .contains("maxGangs=2 done")
                    .contains("maxGangs=16 done");
            assertSameFigures(remote);
        });
    }

    @Test
    void aTaskLostThreeTimesEndsTheSweepAndWritesNothing() throws Exception {
        onLab(46000, (conf, remote) -> {
            // the second task is cancelled at its first submission and at every one after it
            String output = sweepOnSlurm(conf, remote, cancelSecondTask(conf, true), true, false);
            assertThat(output)
                    .contains("(attempt 3 of 3)")
                    .contains("error: Slurm task 1 (scheduler.backfill.maxGangs=16) ended without finishing its run 3"
                            + " times")
                    .doesNotContain("maxGangs=16 done")
                    .doesNotContain("internal error");
            assertThat(remote.resolve("sweep.json")).doesNotExist();
        });
    }

    private static void assertSameFigures(Path remote) throws IOException {
        Path sweep = local.resolve("sweep");
        assertThat(Files.readString(remote.resolve("sweep.json")))
                .isEqualTo(Files.readString(sweep.resolve("sweep.json")));
        for (String run : List.of("01-2", "02-16")) {
            for (String f : List.of("summary.json", "timeseries.csv", "scenario.yaml")) {
                assertThat(Files.readString(remote.resolve(run).resolve(f)))
                        .as("%s/%s", run, f)
                        .isEqualTo(Files.readString(sweep.resolve(run).resolve(f)));
            }
        }
        assertThat(remote.resolve(SlurmArray.WORK)).doesNotExist();
    }

    interface OnLab {
        void run(Path slurmConf, Path remote) throws Exception;
    }

    /** Runs {@code body} against a lab of one cluster of two nodes, brought up and down around it. */
    private static void onLab(int portBase, OnLab body) throws Exception {
        Path labDir = Files.createTempDirectory("ufslurm-sweep");
        // the runs are written by the array's tasks: the output folder must be one they can write in
        Path remote = labDir.resolve("runs").resolve("slurm");
        try {
            lab(
                    "up",
                    "--dir",
                    labDir.toString(),
                    "--clusters",
                    "1",
                    "--racks",
                    "1",
                    "--nodes-per-rack",
                    "2",
                    "--port-base",
                    Integer.toString(portBase));
            Files.createDirectories(remote.getParent());
            body.run(labDir.resolve("lab1/etc/slurm.conf"), remote);
        } finally {
            lab("down", "--dir", labDir.toString());
            Process left = new ProcessBuilder("pgrep", "-f", labDir.toString()).start();
            String pids = new String(left.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            left.waitFor();
            deleteTree(labDir);
            assertThat(pids).as("processes of the lab left after down").isEmpty();
        }
    }

    interface OnSubmitted {
        void run(String line, String jobId) throws Exception;
    }

    /**
     * Runs the sweep with {@code --slurm} into {@code remote}, calling {@code onSubmitted} (when not null) with each
     * line that says a job was submitted, and the job's id, as soon as the command prints it; returns what the command
     * printed, once it has ended well ({@code succeeds}) or with the exit status of a failed run (1). When {@code held},
     * every job the sweep submits waits in a partition that is down until {@code onSubmitted} moves it to the lab's
     * partition ({@link #release}) or cancels it, so that a cancel lands before the task can start. (sbatch has no
     * hold by environment: {@code SBATCH_HOLD} is not one of its variables, and a job submitted with it runs at once.)
     * {@code extra} flags follow {@code --slurm}.
     */
    private static String sweepOnSlurm(
            Path conf, Path remote, OnSubmitted onSubmitted, boolean held, boolean succeeds, String... extra)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(concat(SWEEP, remote.toString())));
        cmd.add("--slurm");
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SLURM_CONF", conf.toString());
        if (held) {
            slurm(conf, "scontrol", "create", "PartitionName=" + HELD, "Nodes=ALL", "State=DOWN");
            pb.environment().put("SBATCH_PARTITION", HELD);
        }
        Process p = pb.start();
        StringBuilder output = new StringBuilder();
        try (var lines =
                new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            java.util.regex.Pattern submitted =
                    java.util.regex.Pattern.compile("submitted (?:Slurm array job|again as job) (\\d+)");
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                java.util.regex.Matcher m = submitted.matcher(line);
                if (onSubmitted != null && m.find()) {
                    onSubmitted.run(line.strip(), m.group(1));
                }
            }
        } catch (Exception | AssertionError e) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw e;
        }
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (succeeds) {
            assertThat(p.exitValue()).as(output.toString()).isZero();
        } else {
            assertThat(p.exitValue()).as(output.toString()).isNotZero();
        }
        return output.toString();
    }

    /** The partition, down, that a held sweep's jobs are submitted to. */
    private static final String HELD = "held";

    /** The lab's own partition (scripts/slurm-lab.sh), where a held job runs once moved there. */
    private static final String LAB_PARTITION = "lab";

    /** Lets job or task {@code id} of a held sweep run: moves it from the down partition to the lab's. */
    private static void release(Path conf, String id) throws IOException, InterruptedException {
        slurm(conf, "scontrol", "update", "JobId=" + id, "Partition=" + LAB_PARTITION);
    }

    /**
     * For a sweep whose submissions are held: cancels the second task of the array job and releases the first, then
     * cancels every submission of the second task again when {@code always}, else releases it. A held task cannot
     * start, so it is certainly lost, however fast the run would have been.
     */
    private static OnSubmitted cancelSecondTask(Path conf, boolean always) {
        return (line, id) -> {
            if (line.startsWith("submitted Slurm array job")) {
                slurm(conf, "scancel", id + "_1");
                release(conf, id + "_0");
            } else if (always) {
                slurm(conf, "scancel", id);
            } else {
                release(conf, id);
            }
        };
    }

    /** Runs a Slurm command on the lab's cluster; returns what it printed. */
    private static String slurm(Path conf, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
        pb.environment().put("SLURM_CONF", conf.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", args), out).isZero();
        return out;
    }

    private static String[] concat(String[] a, String last) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }

    private static void lab(String... args) throws IOException, InterruptedException {
        Path script = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && script == null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/slurm-lab.sh"))) {
                script = p.resolve("scripts/slurm-lab.sh");
            }
        }
        assertThat(script).as("scripts/slurm-lab.sh above the working folder").isNotNull();
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        // into a file, not a pipe: the daemons it starts outlive it
        Path log = Files.createTempFile("slurm-lab", ".out");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean ended = p.waitFor(180, TimeUnit.SECONDS);
            String out = Files.readString(log);
            assertThat(ended).as(out).isTrue();
            assertThat(p.exitValue()).as("slurm-lab.sh %s: %s", args[0], out).isZero();
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
