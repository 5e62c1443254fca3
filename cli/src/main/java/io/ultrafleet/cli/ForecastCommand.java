package io.ultrafleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ultrafleet forecast [--hours H]}: the fleet's GPUs allocated and each queue's length over the next hours, as
 * a server's twin forecasts them (p10, p50 and p90 of its replications); and the lines {@code ultrafleet job} prints
 * about one job's forecast.
 */
@Command(
        name = "forecast",
        mixinStandardHelpOptions = true,
        description = "GPUs allocated and each queue's length over the next hours, as a server forecasts them"
                + " (p10/p50/p90 of its twin runs); a tenant's token sees its own queues.")
final class ForecastCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Option(
            names = "--hours",
            paramLabel = "H",
            defaultValue = "24",
            description = "Hours ahead, from 1 to 168 (default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(
            names = "--every",
            paramLabel = "H",
            defaultValue = "1",
            description = "Print a row every H hours (default: ${DEFAULT-VALUE}).")
    int every;

    @Override
    public Integer call() {
        if (hours < 1 || hours > 168) {
            throw new BadFlagException("--hours", String.valueOf(hours), "is not a number from 1 to 168");
        }
        if (every < 1 || every > hours) {
            throw new BadFlagException("--every", String.valueOf(every), "is not a number from 1 to --hours");
        }
        JsonNode answer = options.client().get("/v1/forecast?hours=" + hours);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientTables.json(out, answer);
            return 0;
        }
        out.println(about(answer));
        List<String> header = new ArrayList<>(List.of("AT", "GPUS ALLOCATED"));
        List<String> queues = new ArrayList<>();
        for (Iterator<String> it = answer.get("queueLength").fieldNames(); it.hasNext(); ) {
            queues.add(it.next());
        }
        for (String q : queues) {
            header.add(q + " QUEUED");
        }
        List<List<String>> rows = new ArrayList<>();
        JsonNode at = answer.get("at");
        for (int i = 0; i < at.size(); i += every) {
            List<String> row = new ArrayList<>();
            row.add(at.get(i).asText());
            row.add(band(answer.get("allocatedGpus"), i));
            for (String q : queues) {
                row.add(band(answer.get("queueLength").get(q), i));
            }
            rows.add(row);
        }
        ClientTables.print(out, header, rows);
        out.println("each cell: p50 (p10-p90)");
        out.flush();
        return 0;
    }

    /** A band's point {@code i} as "p50 (p10-p90)", or just the value when the three agree. */
    static String band(JsonNode band, int i) {
        long p10 = band.get("p10").get(i).asLong();
        long p50 = band.get("p50").get(i).asLong();
        long p90 = band.get("p90").get(i).asLong();
        return p10 == p90 ? Long.toString(p50) : p50 + " (" + p10 + "-" + p90 + ")";
    }

    /** When the forecast's snapshot was taken, how long it took, over how many runs. */
    static String about(JsonNode f) {
        return String.format(
                "forecast from the state at %s, %s runs of the twin, computed in %.1f s%s",
                f.get("snapshotAt").asText(),
                f.get("replications").asText(),
                f.get("tookMs").asLong() / 1000.0,
                f.get("cached").asBoolean() ? " (kept: the state has not changed since)" : "");
    }

    /** The lines {@code ultrafleet job} prints about a job's forecast. */
    static void printJob(PrintWriter out, JsonNode f) {
        JsonNode start = f.get("start");
        JsonNode end = f.get("end");
        if (start != null && !start.isNull()) {
            out.printf(
                    "forecast start: p50 %s (p10 %s, p90 %s); within 1 h %s, 24 h %s, 7 d %s%n",
                    instant(start, "p50"),
                    instant(start, "p10"),
                    instant(start, "p90"),
                    percent(start, "withinHour"),
                    percent(start, "withinDay"),
                    percent(start, "withinWeek"));
            out.println("  " + about(f));
        } else if (end != null && !end.isNull()) {
            out.printf(
                    "forecast end: p50 %s (p10 %s, p90 %s)%n",
                    instant(end, "p50"), instant(end, "p10"), instant(end, "p90"));
            out.println("  " + about(f));
        }
    }

    private static String instant(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? "after the horizon" : v.asText();
    }

    private static String percent(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? "past the horizon" : Math.round(v.asDouble() * 100) + " %";
    }
}
