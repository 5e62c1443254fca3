package io.ultrafleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ultrafleet cancel}: jobs by id, every one checked before any is cancelled, or every live job of one queue
 * (queued, running, or both), as {@code scancel} takes ids or a partition and a state.
 */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description = "Cancel jobs on a server: by id (every id is checked before any job is cancelled), or every"
                + " queued and running job of one queue (--queue, with --state to take only the queued or only the"
                + " running ones). A job that has ended is shown as it ended.",
        footer = {"Examples: ultrafleet cancel 42 43", "          ultrafleet cancel --queue vision/train --state queued"
        })
final class CancelCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(arity = "0..*", paramLabel = "ID", description = "The jobs' ids.")
    List<String> ids;

    @Option(names = "--queue", paramLabel = "TENANT/QUEUE", description = "Every live job of this queue.")
    String queue;

    @Option(
            names = "--state",
            paramLabel = "S",
            description = "With --queue: only its queued or only its running jobs.")
    String state;

    @Override
    public Integer call() {
        boolean byId = ids != null && !ids.isEmpty();
        if (byId == (queue != null)) {
            throw new BadInputException(
                    byId
                            ? "give the jobs' ids or --queue, not both"
                            : "give the ids of the jobs to cancel, or --queue TENANT/QUEUE for every live job of a queue");
        }
        if (state != null && queue == null) {
            throw new BadInputException("--state goes with --queue");
        }
        if (state != null && !state.equals("queued") && !state.equals("running")) {
            throw new BadFlagException("--state", state, "is not queued or running (ended jobs cannot be cancelled)");
        }
        ApiClient c = options.client();
        Set<Long> targets = new LinkedHashSet<>();
        if (byId) {
            for (String id : ids) {
                targets.add(ClientCommands.jobId(id));
            }
            for (long id : targets) {
                c.get("/v1/jobs/" + id); // refused (not found) before any job is cancelled
            }
        } else {
            for (String s : state == null ? List.of("queued", "running") : List.of(state)) {
                targets.addAll(liveJobs(c, s));
            }
        }
        ArrayNode answers = JsonNodeFactory.instance.arrayNode();
        List<String> lines = new ArrayList<>();
        for (long id : targets) {
            JsonNode job = c.delete("/v1/jobs/" + id);
            answers.add(job);
            lines.add("job " + job.get("id").asText() + ": " + job.get("state").asText());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientTables.json(out, answers);
            return 0;
        }
        lines.forEach(out::println);
        if (!byId) {
            out.printf("%d job(s) of %s cancelled%n", targets.size(), queue);
        }
        out.flush();
        return 0;
    }

    /** The ids of {@code queue}'s jobs in {@code state}. */
    private List<Long> liveJobs(ApiClient c, String state) {
        List<JsonNode> jobs;
        try {
            jobs = c.items("/v1/jobs?queue=" + ApiClient.urlPart(queue) + "&state=" + state, Integer.MAX_VALUE);
        } catch (ApiClient.Refused e) {
            throw e.asFlag("queue");
        }
        List<Long> out = new ArrayList<>();
        jobs.forEach(j -> out.add(j.get("id").asLong()));
        return out;
    }
}
