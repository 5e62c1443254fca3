package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM in the middle of replications, in a JVM of its own: the command ends within seconds with status 143, and
 * neither the output folder nor its temporary twin is left. (Ctrl-C, SIGINT, takes the same path and ends with 130.)
 */
class StopSignalTest {
    @TempDir
    Path tmp;

    @Test
    void sigtermStopsReplicationsAndRemovesWhatTheyBeganToWrite() throws Exception {
        Path out = tmp.resolve("runs/reps");
        Path err = tmp.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "simulate",
                        "--until",
                        "2026-06-30",
                        "--replications",
                        "2",
                        "--out",
                        out.toString())
                .redirectOutput(tmp.resolve("stdout.txt").toFile())
                .redirectError(err.toFile())
                .start();
        try {
            assertThat(waitForStaging(tmp.resolve("runs"), p))
                    .as("the replications began writing; stderr: %s", read(err))
                    .isTrue();
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS))
                    .as("ended after SIGTERM")
                    .isTrue();
            assertThat(p.exitValue()).isEqualTo(143);
            assertThat(out).doesNotExist();
            assertThat(leftovers(tmp)).isEmpty();
        } finally {
            p.destroyForcibly();
        }
    }

    /** Waits until a temporary output folder appears under {@code dir}, for at most a minute. */
    private static boolean waitForStaging(Path dir, Process p) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until && p.isAlive()) {
            if (!leftovers(dir).isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static List<Path> leftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(x -> x.getFileName().toString().startsWith(".ultrafleet-"))
                    .toList();
        }
    }

    private static String read(Path f) throws IOException {
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }
}
