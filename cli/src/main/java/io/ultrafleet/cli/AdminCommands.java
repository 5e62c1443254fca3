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

/** The commands of a server's admin: drain and undrain racks, tenants' tokens, the audit log. */
final class AdminCommands {
    private AdminCommands() {}

    /** The most audit entries one command prints. */
    static final int MAX_AUDIT = 100_000;

    @Command(
            name = "drain",
            mixinStandardHelpOptions = true,
            description = "Stop new work landing on racks of a server (admin token): jobs already there run on, and"
                    + " their units leave service as they end. Every rack is checked before any is drained.",
            footer = "Example: ultrafleet drain 12 13")
    static final class Drain implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions options;

        @Parameters(
                arity = "1..*",
                paramLabel = "RACK",
                description = "The racks, by number (as the dashboard's map numbers them).")
        List<String> racks;

        @Override
        public Integer call() {
            return drainAll(spec, options, racks, true);
        }
    }

    @Command(
            name = "undrain",
            mixinStandardHelpOptions = true,
            description = "End the drain of racks of a server (admin token): new work lands there again.",
            footer = "Example: ultrafleet undrain 12 13")
    static final class Undrain implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions options;

        @Parameters(arity = "1..*", paramLabel = "RACK", description = "The racks, by number.")
        List<String> racks;

        @Override
        public Integer call() {
            return drainAll(spec, options, racks, false);
        }
    }

    /**
     * Drains ({@code on}) or undrains every rack of {@code texts}: all are read first, so that a rack the server does not
     * have changes none of them; then each is changed and shown.
     */
    private static int drainAll(
            picocli.CommandLine.Model.CommandSpec spec, ClientOptions options, List<String> texts, boolean on) {
        Set<Integer> racks = new LinkedHashSet<>();
        for (String t : texts) {
            racks.add(rackNumber(t));
        }
        ApiClient c = options.client();
        for (int rack : racks) {
            c.get("/v1/fleet/racks/" + rack); // refused (404, naming the racks there are) before anything changes
        }
        ArrayNode answers = JsonNodeFactory.instance.arrayNode();
        List<List<String>> rows = new ArrayList<>();
        for (int rack : racks) {
            JsonNode r = c.post("/v1/fleet/racks/" + rack + (on ? "/drain" : "/undrain"), "", null);
            answers.add(r);
            rows.add(List.of(
                    ClientTables.text(r, "rack"),
                    ClientTables.text(r, "site"),
                    ClientTables.text(r, "block"),
                    ClientTables.text(r, "model"),
                    ClientTables.text(r, "status")));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientTables.json(out, answers);
        } else {
            ClientTables.print(out, List.of("RACK", "SITE", "BLOCK", "MODEL", "STATUS"), rows);
        }
        return 0;
    }

    private static int rackNumber(String text) {
        try {
            int rack = Integer.parseInt(text);
            if (rack >= 0) {
                return rack;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new BadInputException("RACK: found '" + text + "', allowed a rack's number (a whole number from 0)");
    }

    @Command(
            name = "token",
            mixinStandardHelpOptions = true,
            description = "A tenant's tokens on a server (admin token): list, issue, revoke.",
            subcommands = {Token.ListTokens.class, Token.Issue.class, Token.Revoke.class})
    static final class Token implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        private static String path(String tenant) {
            return "/v1/tenants/" + ApiClient.urlPart(tenant) + "/tokens";
        }

        @Command(
                name = "list",
                mixinStandardHelpOptions = true,
                description = "A tenant's tokens, revoked ones too, oldest first: ids and dates, never the tokens.")
        static final class ListTokens implements Callable<Integer> {
            @Spec
            picocli.CommandLine.Model.CommandSpec spec;

            @Mixin
            ClientOptions options;

            @Parameters(index = "0", paramLabel = "TENANT", description = "The tenant.")
            String tenant;

            @Override
            public Integer call() {
                JsonNode answer = options.client().get(path(tenant));
                PrintWriter out = spec.commandLine().getOut();
                if (options.json) {
                    ClientTables.json(out, answer);
                    return 0;
                }
                List<List<String>> rows = new ArrayList<>();
                for (JsonNode t : answer.get("items")) {
                    rows.add(List.of(
                            ClientTables.text(t, "id"),
                            ClientTables.text(t, "createdAt"),
                            ClientTables.text(t, "revokedAt")));
                }
                ClientTables.print(out, List.of("ID", "ISSUED", "REVOKED"), rows);
                return 0;
            }
        }

        @Command(
                name = "issue",
                mixinStandardHelpOptions = true,
                description = "Issue a token for a tenant. It is printed this once, alone on the last line of the"
                        + " output (the server keeps only its hash).")
        static final class Issue implements Callable<Integer> {
            @Spec
            picocli.CommandLine.Model.CommandSpec spec;

            @Mixin
            ClientOptions options;

            @Parameters(index = "0", paramLabel = "TENANT", description = "The tenant.")
            String tenant;

            @Override
            public Integer call() {
                JsonNode t = options.client().post(path(tenant), "", null);
                PrintWriter out = spec.commandLine().getOut();
                if (options.json) {
                    ClientTables.json(out, t);
                    return 0;
                }
                out.printf(
                        "token %s issued to tenant %s; it is shown only now:%n%s%n",
                        t.get("id").asText(),
                        t.get("tenant").asText(),
                        t.get("token").asText());
                out.flush();
                return 0;
            }
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a tenant's token at once.")
        static final class Revoke implements Callable<Integer> {
            @Spec
            picocli.CommandLine.Model.CommandSpec spec;

            @Mixin
            ClientOptions options;

            @Parameters(index = "0", paramLabel = "TENANT", description = "The tenant.")
            String tenant;

            @Parameters(index = "1", paramLabel = "ID", description = "The token's id (`token list`).")
            String id;

            @Override
            public Integer call() {
                JsonNode t = options.client().delete(path(tenant) + "/" + ApiClient.urlPart(id));
                PrintWriter out = spec.commandLine().getOut();
                if (options.json) {
                    ClientTables.json(out, t);
                    return 0;
                }
                out.printf(
                        "token %s of tenant %s: revoked%n",
                        t.get("id").asText(), t.get("tenant").asText());
                out.flush();
                return 0;
            }
        }
    }

    @Command(
            name = "audit",
            mixinStandardHelpOptions = true,
            description = "Who did what on a server and when (admin token): admin actions, token changes,"
                    + " cancellations, drains, changes of leader; newest first.")
    static final class Audit implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ClientOptions options;

        @Option(
                names = "--action",
                paramLabel = "A",
                description = "Only this action: cancel, drain, undrain, leader, queue-add, queue-change, token-issue"
                        + " or token-revoke.")
        String action;

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "50",
                description = "At most the N latest entries, from 1 to " + MAX_AUDIT + " (default: 50).")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1 || limit > MAX_AUDIT) {
                throw new BadFlagException("--limit", String.valueOf(limit), "is not a number from 1 to " + MAX_AUDIT);
            }
            String path = "/v1/audit?order=newest" + (action == null ? "" : "&action=" + ApiClient.urlPart(action));
            List<JsonNode> items;
            try {
                items = options.client().items(path, limit);
            } catch (ApiClient.Refused e) {
                throw e.asFlag("action");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                ArrayNode list = JsonNodeFactory.instance.arrayNode();
                items.forEach(list::add);
                ClientTables.json(out, list);
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode e : items) {
                rows.add(List.of(
                        ClientTables.text(e, "at"),
                        ClientTables.text(e, "actor"),
                        ClientTables.text(e, "action"),
                        ClientTables.text(e, "target"),
                        ClientTables.text(e, "detail")));
            }
            ClientTables.print(out, List.of("AT", "WHO", "ACTION", "TARGET", "DETAIL"), rows);
            return 0;
        }
    }
}
