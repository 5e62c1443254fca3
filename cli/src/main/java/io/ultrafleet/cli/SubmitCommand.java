package io.ultrafleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.spec.ScenarioText;
import io.ultrafleet.spec.YamlNodes;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ultrafleet submit}: a job to a running server, from a file or from flags. */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = {
            "Submit a job to a server: from FILE.yaml (a job in the scenario's training.jobs[] format, without"
                    + " submit), or from flags with the command after '--'.",
            "Example: ultrafleet submit --queue frontier/pretrain --gpus 72 --duration 6h -- python train.py"
        })
final class SubmitCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Option(names = "--queue", paramLabel = "TENANT/QUEUE", description = "The queue.")
    String queue;

    @Option(names = "--gpus", paramLabel = "N", description = "GPUs.")
    Integer gpus;

    @Option(names = "--duration", paramLabel = "D", description = "How long it runs, such as 6h.")
    String duration;

    @Option(names = "--models", paramLabel = "M", split = ",", description = "Allowed hardware models.")
    List<String> models;

    @Option(names = "--name", paramLabel = "NAME", description = "The job's name.")
    String name;

    @Option(
            names = "--key",
            paramLabel = "KEY",
            description = "Idempotency key: a retry with it returns the first job.")
    String key;

    @Parameters(paramLabel = "FILE.yaml | -- CMD ARGS...", description = "A job file, or the command to run.")
    List<String> rest;

    @Override
    public Integer call() {
        String body;
        boolean fromFlags = queue != null || gpus != null || duration != null;
        boolean dashDash = spec.commandLine().getParseResult().originalArgs().contains("--");
        if (rest != null && !rest.isEmpty() && (fromFlags ? !dashDash : dashDash)) {
            // a file with flags, or a command without flags: one of the two would be dropped
            throw new BadInputException(
                    fromFlags
                            ? "found " + FlagErrorHandler.quoted(rest.get(0))
                                    + " before '--': a job file does not go with"
                                    + " --queue, --gpus and --duration (give one or the other), and the command to run goes"
                                    + " after '--'"
                            : "a command after '--' goes with --queue, --gpus and --duration; a job file gives its own"
                                    + " (command: in the file)");
        }
        if (!fromFlags && (name != null || models != null)) {
            throw new BadInputException((name != null ? "--name" : "--models")
                    + " goes with --queue, --gpus and --duration; a job file gives its own (name: and models: in the"
                    + " file)");
        }
        if (!fromFlags) {
            if (rest == null || rest.size() != 1) {
                throw new BadInputException("give a job file (ultrafleet submit FILE.yaml), or --queue, --gpus and"
                        + " --duration with the command after '--'");
            }
            body = fromFile(Path.of(rest.get(0)));
        } else {
            if (queue == null || gpus == null || duration == null) {
                List<String> missing = new ArrayList<>();
                if (queue == null) {
                    missing.add("--queue");
                }
                if (gpus == null) {
                    missing.add("--gpus");
                }
                if (duration == null) {
                    missing.add("--duration");
                }
                throw new BadInputException(
                        "--queue, --gpus and --duration go together; give " + String.join(" and ", missing) + " too");
            }
            ObjectNode o = ApiClient.JSON.createObjectNode();
            if (name != null) {
                o.put("name", name);
            }
            o.put("queue", queue);
            o.put("gpus", gpus);
            o.put("duration", duration);
            if (models != null) {
                ArrayNode m = o.putArray("models");
                models.forEach(m::add);
            }
            if (rest != null) {
                ArrayNode c = o.putArray("command");
                rest.forEach(c::add);
            }
            body = o.toString();
        }
        JsonNode job;
        try {
            job = options.client().post("/v1/jobs", body, key);
        } catch (ApiClient.Refused e) {
            String keyHeader = "header 'Idempotency-Key': ";
            if (e.status() == 422 && e.getMessage().startsWith(keyHeader)) {
                throw new ApiClient.Refused(422, "--key: " + e.getMessage().substring(keyHeader.length()));
            }
            if (e.status() != 400) {
                throw e;
            }
            if (fromFlags && e.getMessage().startsWith("field 'command")) {
                throw new ApiClient.Refused(400, "the command after '--': " + e.getMessage());
            }
            if (fromFlags) {
                throw e.asBodyFlag("name", "queue", "gpus", "duration", "models"); // the flags' words
            }
            // a job the server refuses for what the file holds: the message names the file, as the file's own checks do
            throw new ApiClient.Refused(400, rest.get(0) + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientTables.json(out, job);
        } else {
            out.printf(
                    "job %s (%s) submitted to %s: %s%n",
                    job.get("id").asText(),
                    job.get("name").asText(),
                    job.get("queue").asText(),
                    job.get("state").asText());
            out.flush();
        }
        return 0;
    }

    private static String fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such file");
        }
        String text = ScenarioText.read(file, file.toString());
        try {
            // the YAML's syntax and tags, with the line and column of a problem, as for scenario files
            YamlNodes.composeAny(file.toString(), new StringReader(text));
        } catch (ScenarioException e) {
            throw new BadInputException(e.getMessage());
        }
        Object doc;
        try {
            LoaderOptions lo = new LoaderOptions();
            lo.setAllowDuplicateKeys(false);
            doc = new Yaml(new SafeConstructor(lo)).load(text);
        } catch (YAMLException e) {
            throw new BadInputException(file + ": invalid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        } catch (IllegalArgumentException e) {
            // a value that its explicit tag cannot read (a number format or Base64 error), which SnakeYAML refuses
            // outside its own errors
            throw new BadInputException(
                    file + ": invalid YAML: a value cannot be read as its tag (such as !!int or !!binary) says");
        }
        if (!(doc instanceof Map)) {
            throw new BadInputException(file + ": found " + (doc == null ? "nothing" : "a " + kind(doc))
                    + ", allowed a job mapping (queue, gpus, duration, ...)");
        }
        try {
            return ApiClient.JSON.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException(file + ": cannot be sent as JSON: " + e.getOriginalMessage());
        }
    }

    private static String kind(Object o) {
        return o instanceof List ? "list" : "single value";
    }
}
