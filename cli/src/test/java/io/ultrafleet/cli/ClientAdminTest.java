package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultrafleet.server.Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands against a real server: {@code racks}, {@code drain} and {@code undrain} (every rack checked
 * before any changes), {@code cancel} by id (every id checked first) and by queue, {@code token list|issue|revoke},
 * and {@code audit}, newest first. The fleet is four eight-GPU hosts, one a rack (racks 0 to 3).
 */
class ClientAdminTest {
    private static final String SCENARIO = "src/test/resources/live/forecast.yaml";
    private static final String ADMIN = "admin-commands-token-0123456789";

    @Test
    void drainsRacksCancelsJobsIssuesTokensAndReadsTheAuditLog(@TempDir Path tmp) throws Exception {
        String text = Files.readString(Path.of(SCENARIO), StandardCharsets.UTF_8);
        try (Server server = Server.start(LoopbackServers.options(SCENARIO, text, tmp.resolve("data"), 1, ADMIN))) {
            String url = "http://127.0.0.1:" + server.port();
            ApiClient admin = new ApiClient(url, ADMIN);

            String drained = ClientProcesses.run(url, ADMIN, "drain", "1", "2");
            assertThat(lines(drained)).hasSize(3);
            assertThat(lines(drained).get(1)).startsWith("1 ").endsWith("draining");
            assertThat(lines(drained).get(2)).startsWith("2 ").endsWith("draining");
            assertThat(admin.get("/v1/fleet").get("racksDraining").asInt()).isEqualTo(2);
            List<String> draining = lines(ClientProcesses.run(url, ADMIN, "racks", "--state", "draining"));
            assertThat(draining).hasSize(4);
            assertThat(draining.get(0)).startsWith("RACK").contains("STATE", "HOLDER");
            assertThat(draining.get(1)).startsWith("1 ").contains("lab1", "h100-hgx8", "draining");
            assertThat(draining.get(2)).startsWith("2 ");
            assertThat(draining.get(3)).endsWith(": 2 of 4 racks");
            ClientProcesses.Outcome badState = ClientProcesses.outcome(url, ADMIN, "racks", "--state", "drained");
            assertThat(badState.status()).isEqualTo(2);
            assertThat(badState.output())
                    .startsWith("error: --state: 'drained' is not one of free, used, draining, down");

            // a rack the server does not have: refused before any rack is drained
            ClientProcesses.Outcome beyond = ClientProcesses.outcome(url, ADMIN, "drain", "3", "9");
            assertThat(beyond.status()).isEqualTo(2);
            assertThat(beyond.output())
                    .startsWith("error: rack 9 not found: the fleet has racks 0 to 3 so far")
                    .doesNotContain("Exception");
            assertThat(admin.get("/v1/fleet").get("racksDraining").asInt())
                    .as("rack 3 not drained")
                    .isEqualTo(2);
            ClientProcesses.Outcome word = ClientProcesses.outcome(url, ADMIN, "drain", "x");
            assertThat(word.status()).isEqualTo(2);
            assertThat(word.output()).startsWith("error: RACK: found 'x', allowed a rack's number");

            String undrained = ClientProcesses.run(url, ADMIN, "undrain", "1", "2");
            assertThat(undrained).contains("online").doesNotContain("draining");
            assertThat(admin.get("/v1/fleet").get("racksDraining").asInt()).isZero();

            // a token issued is printed alone on the last line, and works for its tenant
            List<String> issued = lines(ClientProcesses.run(url, ADMIN, "token", "issue", "alpha"));
            String token = issued.get(issued.size() - 1);
            String id = issued.get(0).split(" ")[1];
            assertThat(issued.get(0)).startsWith("token " + id + " issued to tenant alpha");
            ApiClient tenant = new ApiClient(url, token);
            assertThat(tenant.get("/v1/me").get("tenant").asText()).isEqualTo("alpha");
            ClientProcesses.Outcome notAdmin = ClientProcesses.outcome(url, token, "token", "list", "alpha");
            assertThat(notAdmin.status()).as(notAdmin.output()).isEqualTo(2);

            List<String> listed = lines(ClientProcesses.run(url, ADMIN, "token", "list", "alpha"));
            assertThat(listed).hasSize(2);
            assertThat(listed.get(1)).startsWith(id).endsWith("-").doesNotContain(token);
            assertThat(ClientProcesses.run(url, ADMIN, "token", "revoke", "alpha", id))
                    .isEqualTo("token " + id + " of tenant alpha: revoked\n");
            ClientProcesses.Outcome revoked = ClientProcesses.outcome(url, token, "queues");
            assertThat(revoked.status()).as(revoked.output()).isNotZero();
            assertThat(lines(ClientProcesses.run(url, ADMIN, "token", "list", "alpha"))
                            .get(1))
                    .as("revoked, with its date")
                    .doesNotEndWith("-");
            ClientProcesses.Outcome noTenant = ClientProcesses.outcome(url, ADMIN, "token", "issue", "nosuch");
            assertThat(noTenant.status()).isEqualTo(2);
            assertThat(noTenant.output()).startsWith("error: tenant nosuch not found");

            // cancel by id (every one checked first) and by queue
            long[] jobs = new long[4];
            for (int i = 0; i < jobs.length; i++) {
                jobs[i] = admin.post(
                                "/v1/jobs", "{\"queue\": \"alpha/train\", \"gpus\": 32, \"duration\": \"2h\"}", null)
                        .get("id")
                        .asLong();
            }
            ClientProcesses.Outcome unknownJob =
                    ClientProcesses.outcome(url, ADMIN, "cancel", Long.toString(jobs[0]), "999");
            assertThat(unknownJob.status()).isEqualTo(2);
            assertThat(unknownJob.output()).startsWith("error: job 999 not found");
            assertThat(admin.get("/v1/jobs/" + jobs[0]).get("state").asText())
                    .as("not cancelled: another id was refused")
                    .isIn("queued", "running");
            assertThat(ClientProcesses.run(url, ADMIN, "cancel", Long.toString(jobs[0]), Long.toString(jobs[1])))
                    .isEqualTo("job " + jobs[0] + ": cancelled\njob " + jobs[1] + ": cancelled\n");
            List<String> byQueue = lines(ClientProcesses.run(url, ADMIN, "cancel", "--queue", "alpha/train"));
            assertThat(byQueue)
                    .containsExactlyInAnyOrder(
                            "job " + jobs[2] + ": cancelled",
                            "job " + jobs[3] + ": cancelled",
                            "2 job(s) of alpha/train cancelled");
            ClientProcesses.Outcome both = ClientProcesses.outcome(url, ADMIN, "cancel", "5", "--queue", "alpha/train");
            assertThat(both.status()).isEqualTo(2);
            assertThat(both.output()).startsWith("error: give the jobs' ids or --queue, not both");
            ClientProcesses.Outcome endedState =
                    ClientProcesses.outcome(url, ADMIN, "cancel", "--queue", "alpha/train", "--state", "failed");
            assertThat(endedState.output()).startsWith("error: --state: 'failed' is not queued or running");

            // the audit log, newest first
            List<String> audit = lines(ClientProcesses.run(url, ADMIN, "audit", "--limit", "6"));
            assertThat(audit).hasSize(7);
            assertThat(audit.subList(1, 5)).allSatisfy(l -> assertThat(l).contains("cancel"));
            assertThat(audit.get(5)).contains("token-revoke");
            assertThat(audit.get(6)).contains("token-issue");
            JsonNode drains = new ObjectMapper()
                    .readTree(ClientProcesses.run(url, ADMIN, "audit", "--action", "drain", "--json"));
            List<String> targets = new ArrayList<>();
            drains.forEach(e -> targets.add(e.get("target").asText()));
            assertThat(targets).containsExactly("rack 2", "rack 1");
            ClientProcesses.Outcome badAction = ClientProcesses.outcome(url, ADMIN, "audit", "--action", "x");
            assertThat(badAction.status()).isEqualTo(2);
            assertThat(badAction.output()).startsWith("error: --action: found 'x', allowed one of cancel, drain");

            // an idempotency key names its first request: another request under it is refused by the flag that gave it
            ClientProcesses.run(
                    url, ADMIN, "submit", "--queue", "beta/batch", "--gpus", "8", "--duration", "1h", "--key", "run-7");
            ClientProcesses.Outcome reused = ClientProcesses.outcome(
                    url,
                    ADMIN,
                    "submit",
                    "--queue",
                    "beta/batch",
                    "--gpus",
                    "16",
                    "--duration",
                    "1h",
                    "--key",
                    "run-7");
            assertThat(reused.status()).as(reused.output()).isEqualTo(2);
            assertThat(reused.output()).startsWith("error: --key: found 'run-7', the key of job ");
        }
    }

    private static List<String> lines(String output) {
        return List.of(output.split("\n"));
    }
}
