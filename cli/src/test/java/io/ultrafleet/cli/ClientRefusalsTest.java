package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.server.Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a server refuses, told by the client in the words of what the user gave: the flag that carried a refused
 * filter, the job file whose content the server refused. Nothing is stored.
 */
class ClientRefusalsTest {
    private static final String SCENARIO = "src/test/resources/live/forecast.yaml";
    private static final String ADMIN = "refusals-admin-token-0123456789";

    @Test
    void refusalsNameTheFlagOrFileThatCarriedThem(@TempDir Path tmp) throws Exception {
        String text = Files.readString(Path.of(SCENARIO), StandardCharsets.UTF_8);
        try (Server server = Server.start(LoopbackServers.options(SCENARIO, text, tmp.resolve("data"), 1, ADMIN))) {
            String url = "http://127.0.0.1:" + server.port();

            ClientProcesses.Outcome state = ClientProcesses.outcome(url, ADMIN, "jobs", "--state", "weird");
            assertThat(state.status()).as(state.output()).isEqualTo(2);
            assertThat(state.output().strip())
                    .isEqualTo("error: --state: found 'weird', allowed one of queued, running, succeeded, failed,"
                            + " cancelled");
            ClientProcesses.Outcome queue = ClientProcesses.outcome(url, ADMIN, "jobs", "--queue", "nope/x");
            assertThat(queue.status()).as(queue.output()).isEqualTo(2);
            assertThat(queue.output()).startsWith("error: --queue: found 'nope/x', allowed one of your queues");

            Path job = tmp.resolve("job.yaml");
            Files.writeString(job, "queue: alpha/train\ngpus: 1\nduration: 1h\nsubmit: 2026-01-01\n");
            ClientProcesses.Outcome file = ClientProcesses.outcome(url, ADMIN, "submit", job.toString());
            assertThat(file.status()).as(file.output()).isEqualTo(2);
            assertThat(file.output().strip())
                    .startsWith("error: " + job + ": unknown field 'submit'; allowed: name, queue, gpus");
            Files.writeString(job, "queue: alpha/nope\ngpus: 1\nduration: 1h\n");
            ClientProcesses.Outcome unknownQueue = ClientProcesses.outcome(url, ADMIN, "submit", job.toString());
            assertThat(unknownQueue.status()).as(unknownQueue.output()).isEqualTo(2);
            assertThat(unknownQueue.output()).startsWith("error: " + job + ": field 'queue': found \"alpha/nope\"");

            ClientProcesses.Outcome gpus = submit(url, "--gpus", "0");
            assertThat(gpus.status()).as(gpus.output()).isEqualTo(2);
            assertThat(gpus.output().strip())
                    .isEqualTo("error: --gpus: found 0, allowed an integer from 1 to 10000000");
            ClientProcesses.Outcome duration = submit(url, "--duration", "2x");
            assertThat(duration.output()).startsWith("error: --duration: found \"2x\", allowed a duration like");
            ClientProcesses.Outcome models = submit(url, "--models", "gb200-nvl72,h100-sxm");
            assertThat(models.output())
                    .as("the second model named")
                    .startsWith("error: --models: found \"h100-sxm\", allowed one of the catalogue's models");
            ClientProcesses.Outcome name = submit(url, "--name", "");
            assertThat(name.output()).startsWith("error: --name: found an empty string");
            ClientProcesses.Outcome program = submit(url, "--", "", "train.py");
            assertThat(program.status()).as(program.output()).isEqualTo(2);
            assertThat(program.output().strip())
                    .isEqualTo("error: the command after '--': field 'command[0]': found an empty string, allowed the"
                            + " program to run first (a word that is not blank)");

            // a file with flags, or flags the file would drop, are one or the other: none is dropped without a word
            Files.writeString(job, "queue: alpha/train\ngpus: 1\nduration: 1h\n");
            ClientProcesses.Outcome fileAndFlags =
                    ClientProcesses.outcome(url, ADMIN, "submit", job.toString(), "--gpus", "16");
            assertThat(fileAndFlags.status()).as(fileAndFlags.output()).isEqualTo(2);
            assertThat(fileAndFlags.output())
                    .startsWith("error: found '" + job + "' before '--': a job file does not go with --queue");
            ClientProcesses.Outcome fileAndName =
                    ClientProcesses.outcome(url, ADMIN, "submit", job.toString(), "--name", "mine");
            assertThat(fileAndName.status()).as(fileAndName.output()).isEqualTo(2);
            assertThat(fileAndName.output())
                    .startsWith("error: --name goes with --queue, --gpus and --duration; a job file gives its own");
            ClientProcesses.Outcome commandWithoutFlags =
                    ClientProcesses.outcome(url, ADMIN, "submit", "--", "python", "train.py");
            assertThat(commandWithoutFlags.status()).isEqualTo(2);
            assertThat(commandWithoutFlags.output())
                    .startsWith("error: a command after '--' goes with --queue, --gpus and --duration");

            assertThat(ClientProcesses.run(url, ADMIN, "jobs", "--json").strip())
                    .as("nothing stored")
                    .isEqualTo("[ ]");
        }
    }

    /** {@code ultrafleet submit} of a job of alpha/train from flags, with {@code more} flags (later ones win). */
    private static ClientProcesses.Outcome submit(String url, String... more) throws Exception {
        List<String> args =
                new ArrayList<>(List.of("submit", "--queue", "alpha/train", "--gpus", "1", "--duration", "1h"));
        int cut = Arrays.asList(more).indexOf("--");
        for (int i = 0; i < (cut < 0 ? more.length : cut); i += 2) {
            int at = args.indexOf(more[i]);
            if (at >= 0) {
                args.set(at + 1, more[i + 1]);
            } else {
                args.add(more[i]);
                args.add(more[i + 1]);
            }
        }
        if (cut >= 0) {
            args.addAll(Arrays.asList(more).subList(cut, more.length));
        }
        return ClientProcesses.outcome(url, ADMIN, args.toArray(new String[0]));
    }
}
