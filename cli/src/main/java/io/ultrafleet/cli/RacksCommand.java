package io.ultrafleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ultrafleet racks}: a server's racks one a line, as its fleet map holds them (GET /v1/fleet/map): where each
 * is, its model, its state, who holds it and how many of its units are held and down. The numbers are those that
 * {@code drain} and {@code undrain} take.
 */
@Command(
        name = "racks",
        mixinStandardHelpOptions = true,
        description = "A server's racks, one a line: number (as drain takes it), site, block, model, state (free, used,"
                + " draining, down), holder, jobs, and units held and down; filtered by state, site or holder.",
        footer = "Example: ultrafleet racks --state draining")
final class RacksCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Option(names = "--state", paramLabel = "S", description = "Only racks in this state: free, used, draining, down.")
    String state;

    @Option(names = "--site", paramLabel = "SITE", description = "Only this site's racks.")
    String site;

    @Option(
            names = "--tenant",
            paramLabel = "T",
            description = "Only racks this tenant holds (a tenant's token sees others' as 'other tenants').")
    String tenant;

    @Override
    public Integer call() {
        JsonNode map = options.client().get("/v1/fleet/map");
        List<String> states = texts(map.get("states"));
        List<String> sites = texts(map.get("sites"));
        List<String> models = texts(map.get("models"));
        List<String> tenants = texts(map.get("tenants"));
        check("--state", state, states);
        check("--site", site, sites);
        JsonNode r = map.get("racks");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < r.get("id").size(); i++) {
            String st = states.get(r.get("state").get(i).asInt());
            String si = sites.get(r.get("site").get(i).asInt());
            int t = r.get("tenant").get(i).asInt();
            String holder = t < 0 ? "-" : tenants.get(t);
            if ((state != null && !state.equals(st))
                    || (site != null && !site.equals(si))
                    || (tenant != null && !tenant.equals(holder))) {
                continue;
            }
            rows.add(List.of(
                    r.get("id").get(i).asText(),
                    si,
                    r.get("block").get(i).asText(),
                    models.get(r.get("model").get(i).asInt()),
                    st,
                    holder,
                    r.get("jobs").get(i).asText(),
                    r.get("heldUnits").get(i).asText() + "/"
                            + r.get("units").get(i).asText(),
                    r.get("downUnits").get(i).asText()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientTables.json(out, map);
            return 0;
        }
        ClientTables.print(
                out, List.of("RACK", "SITE", "BLOCK", "MODEL", "STATE", "HOLDER", "JOBS", "HELD", "DOWN"), rows);
        out.printf(
                "at %s: %d of %d racks%n",
                map.get("at").asText(), rows.size(), r.get("id").size());
        out.flush();
        return 0;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A filter's value must be one the map has: a misspelt site would otherwise list nothing, as if none matched. */
    private static void check(String flag, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new BadFlagException(flag, value, "is not one of " + String.join(", ", allowed));
        }
    }
}
