package io.ultrafleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The commands that read from and act on a running server: jobs, job, queues, fleet. */
final class ClientCommands {
    private ClientCommands() {}

    private static final List<String> ENDED = List.of("succeeded", "failed", "cancelled");

    static long jobId(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new BadInputException("ID: found '" + text + "', allowed a job id (a positive whole number)");
    }

    @Command(name = "jobs", mixinStandardHelpOptions = true, description = "List jobs on a server.")
    static final class Jobs implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions options;

        @Option(names = "--queue", paramLabel = "TENANT/QUEUE", description = "Only this queue's jobs.")
        String queue;

        @Option(names = "--state", paramLabel = "S", description = "queued, running, succeeded, failed or cancelled.")
        String state;

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "1000",
                description = "At most N jobs, from 1 to 1000000 (default: 1000).")
        int limit;

        @Option(
                names = "--start",
                description = "With each queued job its forecast start (p50, p90, and the chance of starting within"
                        + " 24 h) and with each running job its forecast end, from the server's runs of the twin, as"
                        + " Slurm's squeue --start lists its estimates.")
        boolean start;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 1_000_000) {
                throw new BadFlagException("--limit", String.valueOf(limit), "is not a number from 1 to 1000000");
            }
            ApiClient c = options.client();
            List<JsonNode> items = new ArrayList<>();
            String after = null;
            JsonNode forecast = null;
            // with --start: asked of every page, unless the server cannot make a forecast (the jobs are listed without)
            boolean forecasts = start;
            String noForecast = null;
            do {
                JsonNode page = null;
                while (page == null) {
                    try {
                        page = c.get(pageQuery(Math.min(1000, limit - items.size()), after, forecasts));
                    } catch (ApiClient.Refused e) {
                        throw e.asFlag("queue", "state");
                    } catch (ApiClient.ServerUnreachable e) {
                        if (!forecasts || !items.isEmpty()) {
                            throw e;
                        }
                        // no forecast to be had (a server without forecasts, or one whose heap cannot hold one): the
                        // jobs alone, and why
                        forecasts = false;
                        noForecast = e.getMessage();
                    }
                }
                page.get("items").forEach(items::add);
                after = page.get("next").isNull() ? null : page.get("next").asText();
                if (forecast == null && page.hasNonNull("forecast")) {
                    forecast = page.get("forecast");
                }
            } while (after != null && items.size() < limit);
            PrintWriter out = spec.commandLine().getOut();
            if (options.json && start) {
                // the jobs with what their forecasts were made from, or why there are none
                ObjectNode o = ApiClient.JSON.createObjectNode();
                o.set("items", ApiClient.JSON.valueToTree(items));
                o.set("forecast", forecast);
                if (noForecast != null) {
                    o.put("noForecast", noForecast);
                }
                ClientTables.json(out, o);
                return 0;
            }
            if (options.json) {
                ClientTables.json(out, ApiClient.JSON.valueToTree(items));
                return 0;
            }
            if (start) {
                JobStartsTable.print(out, items, forecast);
                if (noForecast != null) {
                    out.println("forecast: none (" + noForecast + ")");
                    out.flush();
                }
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode j : items) {
                rows.add(ClientTables.jobRow(j, "submittedAt", "startedAt", "waitReason"));
            }
            List<String> header = new ArrayList<>(ClientTables.JOB_HEAD);
            header.addAll(List.of("SUBMITTED", "STARTED", "WAITING"));
            ClientTables.print(out, header, rows);
            return 0;
        }

        /** The list's query for a page of at most {@code n} jobs after the cursor {@code after}, with forecasts or not. */
        private String pageQuery(int n, String after, boolean forecasts) {
            StringBuilder q = new StringBuilder("/v1/jobs?limit=" + n);
            if (queue != null) {
                q.append("&queue=").append(ApiClient.urlPart(queue));
            }
            if (state != null) {
                q.append("&state=").append(ApiClient.urlPart(state));
            }
            if (after != null) {
                q.append("&after=").append(ApiClient.urlPart(after));
            }
            if (forecasts) {
                q.append("&forecast=true");
            }
            return q.toString();
        }
    }

    @Command(name = "job", mixinStandardHelpOptions = true, description = "Show a job on a server and its decisions.")
    static final class Job implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions options;

        @Parameters(index = "0", paramLabel = "ID", description = "The job's id.")
        String id;

        @Override
        public Integer call() {
            long jobId = jobId(id);
            ApiClient c = options.client();
            JsonNode job = c.get("/v1/jobs/" + jobId);
            JsonNode forecast = null;
            String noForecast = null;
            if (!ENDED.contains(job.get("state").asText())) {
                try {
                    forecast = c.get("/v1/jobs/" + jobId + "/forecast");
                } catch (BadInputException | ApiClient.ServerUnreachable e) {
                    noForecast = e.getMessage();
                }
            }
            List<JsonNode> events = new ArrayList<>();
            String after = null;
            do {
                JsonNode page = c.get("/v1/jobs/" + jobId + "/events?limit=1000"
                        + (after == null ? "" : "&after=" + ApiClient.urlPart(after)));
                page.get("items").forEach(events::add);
                after = page.get("next").isNull() ? null : page.get("next").asText();
            } while (after != null);
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                var o = ApiClient.JSON.createObjectNode();
                o.set("job", job);
                o.set("forecast", forecast);
                o.set("events", ApiClient.JSON.valueToTree(events));
                ClientTables.json(out, o);
                return 0;
            }
            out.printf(
                    "job %s (%s) in %s: %s, %s GPUs, run %s%n",
                    job.get("id").asText(),
                    job.get("name").asText(),
                    job.get("queue").asText(),
                    job.get("state").asText(),
                    job.get("gpus").asText(),
                    job.get("runs").asText());
            out.printf(
                    "submitted %s, started %s, ended %s%n",
                    ClientTables.text(job, "submittedAt"),
                    ClientTables.text(job, "startedAt"),
                    ClientTables.text(job, "endedAt"));
            if (!job.get("waitDetail").isNull()) {
                out.println("waiting: " + job.get("waitDetail").asText());
            }
            JsonNode p = job.get("placement");
            if (p != null && !p.isNull()) {
                out.printf(
                        "placement: site %s, blocks %s, racks %s, %d nodes (%s ...)%n",
                        p.get("site").asText(),
                        p.get("blocks"),
                        p.get("racks"),
                        p.get("nodes").size(),
                        p.get("nodes").get(0).asText());
            }
            if (forecast != null) {
                ForecastCommand.printJob(out, forecast);
            } else if (noForecast != null) {
                out.println("forecast: none (" + noForecast + ")");
            }
            out.println("decisions:");
            for (JsonNode e : events) {
                out.println("  " + e.get("at").asText() + "  " + e.get("text").asText());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "queues", mixinStandardHelpOptions = true, description = "Queues on a server: quota and use.")
    static final class Queues implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            JsonNode answer = options.client().get("/v1/queues");
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                ClientTables.json(out, answer);
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode q : answer.get("items")) {
                rows.add(List.of(
                        ClientTables.text(q, "name"),
                        ClientTables.text(q, "priorityClass"),
                        ClientTables.text(q, "nominalGpus"),
                        ClientTables.text(q, "usedGpus"),
                        ClientTables.text(q, "borrowingGpus"),
                        ClientTables.text(q, "pending"),
                        ClientTables.text(q, "running")));
            }
            ClientTables.print(out, List.of("QUEUE", "CLASS", "QUOTA", "USED", "BORROWED", "PENDING", "RUNNING"), rows);
            return 0;
        }
    }

    @Command(name = "fleet", mixinStandardHelpOptions = true, description = "A server's fleet by site and model.")
    static final class Fleet implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            JsonNode answer = options.client().get("/v1/fleet");
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                ClientTables.json(out, answer);
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode f : answer.get("items")) {
                rows.add(List.of(
                        ClientTables.text(f, "site"),
                        ClientTables.text(f, "model"),
                        ClientTables.text(f, "racksOnline"),
                        ClientTables.text(f, "racksDraining"),
                        ClientTables.text(f, "gpusOnline"),
                        ClientTables.text(f, "gpusAllocated"),
                        ClientTables.text(f, "gpusFree"),
                        ClientTables.text(f, "gpusDown")));
            }
            ClientTables.print(
                    out, List.of("SITE", "MODEL", "RACKS", "DRAINING", "GPUS", "ALLOCATED", "FREE", "DOWN"), rows);
            out.printf(
                    "at %s: %s GPUs online, %s allocated, %s free%n",
                    answer.get("at").asText(),
                    answer.get("gpusOnline").asText(),
                    answer.get("gpusAllocated").asText(),
                    answer.get("gpusFree").asText());
            out.flush();
            return 0;
        }
    }
}
