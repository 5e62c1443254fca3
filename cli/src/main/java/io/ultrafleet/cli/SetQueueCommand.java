package io.ultrafleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ultrafleet set-queue}: changes some of a queue's settings on a running server (or adds the queue), keeping the
 * others: it reads the queue's settings, changes the fields given, and puts them back ({@code PUT /v1/queues/...}).
 */
@Command(
        name = "set-queue",
        mixinStandardHelpOptions = true,
        description = {
            "Change a queue's priority class, GPU quota, cohort or fair-share weight on a server (admin token), keeping"
                    + " its other settings; a queue the server does not have is added.",
            "Example: ultrafleet set-queue vision/train --class training --quota-gpus 2304"
        })
final class SetQueueCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(index = "0", paramLabel = "TENANT/QUEUE", description = "The queue.")
    String queue;

    @Option(
            names = "--class",
            paramLabel = "NAME",
            description = "Its priority class; its waiting jobs take it at once.")
    String priorityClass;

    @Option(
            names = "--quota-gpus",
            paramLabel = "N",
            description = "Its quota: N GPUs of any model (replaces per-model quotas).")
    Long quotaGpus;

    @Option(names = "--cohort", paramLabel = "NAME", description = "The cohort it borrows in ('' for none).")
    String cohort;

    @Option(names = "--weight", paramLabel = "W", description = "Its fair-share weight.")
    Double weight;

    @Override
    public Integer call() {
        int slash = queue.indexOf('/');
        if (slash <= 0 || slash == queue.length() - 1 || queue.indexOf('/', slash + 1) >= 0) {
            throw new BadInputException("TENANT/QUEUE: found " + FlagErrorHandler.quoted(queue)
                    + ", allowed a tenant and a queue such as" + " vision/train");
        }
        if (priorityClass == null && quotaGpus == null && cohort == null && weight == null) {
            throw new BadInputException("give at least one of --class, --quota-gpus, --cohort and --weight");
        }
        ApiClient c = options.client();
        ObjectNode settings = current(c);
        if (priorityClass != null) {
            settings.put("priorityClass", priorityClass);
        }
        if (quotaGpus != null) {
            settings.remove("quotas");
            settings.put("quotaGpus", quotaGpus);
        }
        if (cohort != null) {
            if (cohort.isEmpty()) {
                settings.remove("cohort");
            } else {
                settings.put("cohort", cohort);
            }
        }
        if (weight != null) {
            settings.put("weight", weight);
        }
        String path = "/v1/queues/" + ApiClient.urlPart(queue.substring(0, slash)) + "/"
                + ApiClient.urlPart(queue.substring(slash + 1));
        JsonNode q;
        try {
            q = c.send("PUT", path, settings.toString(), null);
        } catch (BadInputException e) {
            throw new BadInputException(inFlagWords(e.getMessage()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientTables.json(out, q);
            return 0;
        }
        ClientTables.print(
                out,
                List.of("QUEUE", "CLASS", "PRIORITY", "QUOTA", "COHORT", "WEIGHT", "PENDING", "RUNNING"),
                List.of(List.of(
                        ClientTables.text(q, "name"),
                        ClientTables.text(q, "priorityClass"),
                        ClientTables.text(q, "priority"),
                        ClientTables.text(q, "nominalGpus"),
                        ClientTables.text(q, "cohort"),
                        ClientTables.text(q, "weight"),
                        ClientTables.text(q, "pending"),
                        ClientTables.text(q, "running"))));
        return 0;
    }

    /** The server's refusal of a settings field, naming the flag that gave it ({@code --class} for priorityClass). */
    static String inFlagWords(String detail) {
        for (String[] f : FLAGS) {
            String field = "field '" + f[0] + "': ";
            if (detail.startsWith(field)) {
                return f[1] + ": " + detail.substring(field.length());
            }
        }
        return detail;
    }

    private static final String[][] FLAGS = {
        {"priorityClass", "--class"}, {"quotaGpus", "--quota-gpus"}, {"cohort", "--cohort"}, {"weight", "--weight"}
    };

    /** The queue's settings as the server keeps them, or an empty object for a queue it does not have. */
    private ObjectNode current(ApiClient c) {
        for (JsonNode q : c.get("/v1/queues").get("items")) {
            if (q.get("name").asText().equals(queue) && q.get("settings") instanceof ObjectNode s) {
                return s.deepCopy();
            }
        }
        return ApiClient.JSON.createObjectNode();
    }
}
