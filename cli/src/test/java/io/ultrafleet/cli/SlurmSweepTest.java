package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep --slurm} on a real Slurm lab of two nodes (scripts/slurm-lab.sh, as root): the array job's runs give
 * the same figures as the local sweep for the same values and seed. Needs root and Debian's Slurm ({@code -Pslurm}).
 */
@Tag("slurm")
class SlurmSweepTest {
    @TempDir
    Path tmp;

    @Test
    void aSweepOnSlurmGivesTheFiguresOfTheLocalSweep() throws Exception {
        String[] sweep = {
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
        Path local = tmp.resolve("local");
        CliTest.Outcome l = CliTest.run(concat(sweep, local.toString()));
        assertThat(l.code()).as(l.err()).isZero();

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
                    "45800");
            Files.createDirectories(remote.getParent());
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName()));
            cmd.addAll(List.of(concat(sweep, remote.toString())));
            cmd.add("--slurm");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment()
                    .put("SLURM_CONF", labDir.resolve("lab1/etc/slurm.conf").toString());
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(240, TimeUnit.SECONDS)).as(output).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output)
                    .contains("submitted Slurm array job")
                    .contains("maxGangs=2 done")
                    .contains("maxGangs=16 done");

            assertThat(Files.readString(remote.resolve("sweep.json")))
                    .isEqualTo(Files.readString(local.resolve("sweep.json")));
            for (String run : List.of("01-2", "02-16")) {
                for (String f : List.of("summary.json", "timeseries.csv", "scenario.yaml")) {
                    assertThat(Files.readString(remote.resolve(run).resolve(f)))
                            .as("%s/%s", run, f)
                            .isEqualTo(Files.readString(local.resolve(run).resolve(f)));
                }
            }
            assertThat(remote.resolve(SlurmArray.WORK)).doesNotExist();
            assertThat(l.out()).contains("GPU allocation");
            assertThat(output).contains(l.out().lines().findFirst().orElseThrow());
        } finally {
            lab("down", "--dir", labDir.toString());
            Process left = new ProcessBuilder("pgrep", "-f", labDir.toString()).start();
            String pids = new String(left.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            left.waitFor();
            deleteTree(labDir);
            assertThat(pids).as("processes of the lab left after down").isEmpty();
        }
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
