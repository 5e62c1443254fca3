package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code ultrafleet} client run in a JVM of its own, as a user runs it, against a test's server. */
final class ClientProcesses {
    private ClientProcesses() {}

    /** What a client run printed (stdout and stderr together) and its exit status. */
    record Outcome(int status, String output) {}

    /** Runs {@code args} with {@code --server url} and the token in ULTRAFLEET_TOKEN; asserts exit 0; its output. */
    static String run(String url, String token, String... args) throws IOException, InterruptedException {
        Outcome o = outcome(url, token, args);
        assertThat(o.status()).as(o.output()).isZero();
        return o.output();
    }

    /** Runs {@code args} as {@link #run} does, whatever its exit status. */
    static Outcome outcome(String url, String token, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.ultrafleet.cli.Main"));
        command.addAll(List.of(args));
        // before the arguments after '--', which are the job's command
        int end = command.indexOf("--");
        command.addAll(end < 0 ? command.size() : end, List.of("--server", url));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("ULTRAFLEET_TOKEN", token);
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Outcome(p.exitValue(), out);
        } finally {
            p.destroyForcibly();
        }
    }
}
