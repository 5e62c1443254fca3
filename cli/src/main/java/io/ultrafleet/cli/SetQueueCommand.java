package io.ultrafleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ultrafleet set-queue}: changes some of a queue's settings on a running server (or adds the queue), keeping the
 * others: it reads the queue's settings, changes the fields given, and puts them back ({@code PUT /v1/queues/...}) on
 * the condition that nobody changed them in between.
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
        JsonNode q = change(c, queue, this::edit, ATTEMPTS);
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

    /** How many times a change is tried while other admins keep changing the queue between its read and its write. */
    static final int ATTEMPTS = 5;

    /** The settings read, with the fields given changed. */
    private ObjectNode edit(ObjectNode settings) {
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
            // a whole weight as the user wrote it (2, not 2.0), so that the server's words about it match theirs
            if (weight == Math.rint(weight) && Math.abs(weight) < 1e15) {
                settings.put("weight", weight.longValue());
            } else {
                settings.put("weight", weight);
            }
        }
        return settings;
    }

    /**
     * Reads queue {@code name}'s settings, changes them with {@code edit} and puts them back on the condition that
     * nobody changed them in between (its ETag in {@code If-Match}; for a queue the server does not have, {@code
     * If-None-Match: *}). When somebody did, it reads them again and makes the change on what they hold now, up to
     * {@code attempts} times: two admins changing different fields of one queue at once both keep their change.
     * Returns the queue as the server answered.
     */
    static JsonNode change(ApiClient c, String name, UnaryOperator<ObjectNode> edit, int attempts) {
        int slash = name.indexOf('/');
        String path = "/v1/queues/" + ApiClient.urlPart(name.substring(0, slash)) + "/"
                + ApiClient.urlPart(name.substring(slash + 1));
        for (int attempt = 1; ; attempt++) {
            JsonNode now = read(c, path);
            ObjectNode settings = now != null && now.get("settings") instanceof ObjectNode s
                    ? s.deepCopy()
                    : ApiClient.JSON.createObjectNode();
            Map<String, String> condition = now == null
                    ? Map.of("If-None-Match", "*")
                    : now.hasNonNull("etag")
                            ? Map.of("If-Match", now.get("etag").asText())
                            : Map.of();
            try {
                return c.send("PUT", path, edit.apply(settings).toString(), condition);
            } catch (ApiClient.Refused e) {
                if (e.status() != 412) {
                    throw new BadInputException(inFlagWords(e.getMessage()));
                }
                if (attempt == attempts) {
                    throw new BadInputException("queue " + name + " was changed by someone else each of the "
                            + attempts + " times set-queue read it and put it back; nothing of this change was"
                            + " stored: run it again");
                }
            }
        }
    }

    /** The queue at {@code path} as the server keeps it, or null when it does not have it. */
    private static JsonNode read(ApiClient c, String path) {
        try {
            return c.get(path);
        } catch (ApiClient.Refused e) {
            if (e.status() == 404) {
                return null;
            }
            throw new ApiClient.Refused(e.status(), inFlagWords(e.getMessage()));
        }
    }

    /**
     * The server's refusal of a settings field, naming the flag that gave it ({@code --class} for priorityClass), or of
     * the queue's name in the request's path, naming the argument ({@code TENANT/QUEUE, its tenant: found...}).
     */
    static String inFlagWords(String detail) {
        for (String[] f : FLAGS) {
            String field = "field '" + f[0] + "': ";
            if (detail.startsWith(field)) {
                return f[1] + ": " + detail.substring(field.length());
            }
        }
        for (String part : new String[] {"tenant", "queue"}) {
            String prefix = "path '" + part + "': ";
            if (detail.startsWith(prefix)) {
                return "TENANT/QUEUE, its " + part + ": " + detail.substring(prefix.length());
            }
        }
        return detail;
    }

    private static final String[][] FLAGS = {
        {"priorityClass", "--class"}, {"quotaGpus", "--quota-gpus"}, {"cohort", "--cohort"}, {"weight", "--weight"}
    };
}
