package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ultrafleet.server.Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ultrafleet set-queue} against a real server: it changes the fields given and keeps the queue's others, adds a
 * queue the server does not have, and a waiting job takes the queue's new class.
 */
class ClientSetQueueTest {
    private static final String SCENARIO = "src/test/resources/live/forecast.yaml";
    private static final String ADMIN = "set-queue-admin-token-0123456789";

    @Test
    void changesTheFieldsGivenAndKeepsTheOthers(@TempDir Path tmp) throws Exception {
        String text = Files.readString(Path.of(SCENARIO), StandardCharsets.UTF_8);
        try (Server server = Server.start(LoopbackServers.options(SCENARIO, text, tmp.resolve("data"), 1, ADMIN))) {
            String url = "http://127.0.0.1:" + server.port();
            ApiClient admin = new ApiClient(url, ADMIN);
            admin.post("/v1/jobs", "{\"queue\": \"alpha/train\", \"gpus\": 32, \"duration\": \"30d\"}", null);
            long waiting = admin.post(
                            "/v1/jobs", "{\"queue\": \"alpha/train\", \"gpus\": 8, \"duration\": \"1h\"}", null)
                    .get("id")
                    .asLong();

            String shown = ClientProcesses.run(
                    url, ADMIN, "set-queue", "alpha/train", "--quota-gpus", "32", "--cohort", "labs", "--weight", "2");
            assertThat(shown)
                    .contains("QUEUE")
                    .contains("alpha/train")
                    .contains("training")
                    .contains("labs");
            JsonNode q = queue(admin, "alpha/train");
            assertThat(q.get("settings").get("quotaGpus").asLong()).isEqualTo(32);
            assertThat(q.get("cohort").asText()).isEqualTo("labs");
            assertThat(q.get("weight").asDouble()).isEqualTo(2.0);

            // one field more: the quota, cohort and weight stay; the waiting job takes the class
            ClientProcesses.run(url, ADMIN, "set-queue", "alpha/train", "--class", "research", "--json");
            q = queue(admin, "alpha/train");
            assertThat(q.get("priorityClass").asText()).isEqualTo("research");
            assertThat(q.get("settings").get("quotaGpus").asLong()).isEqualTo(32);
            assertThat(q.get("cohort").asText()).isEqualTo("labs");
            assertThat(q.get("weight").asDouble()).isEqualTo(2.0);
            assertThat(admin.get("/v1/jobs/" + waiting).get("priority").asInt()).isEqualTo(100);

            // a value the server refuses is named by its flag, and changes nothing
            ClientProcesses.Outcome refused = ClientProcesses.outcome(
                    url, ADMIN, "set-queue", "alpha/train", "--class", "nosuch", "--weight", "3");
            assertThat(refused.status()).isEqualTo(2);
            assertThat(refused.output())
                    .startsWith("error: --class: found \"nosuch\", allowed one of the declared priority classes");
            assertThat(queue(admin, "alpha/train").get("weight").asDouble()).isEqualTo(2.0);
            ClientProcesses.Outcome negative =
                    ClientProcesses.outcome(url, ADMIN, "set-queue", "alpha/train", "--weight", "-1");
            assertThat(negative.status()).isEqualTo(2);
            assertThat(negative.output()).startsWith("error: --weight: found -1, allowed a number > 0");

            // a queue's name the server refuses is named by the argument that gave it, not the request's path
            ClientProcesses.Outcome badName =
                    ClientProcesses.outcome(url, ADMIN, "set-queue", "bad name/train", "--weight", "3");
            assertThat(badName.status()).isEqualTo(2);
            assertThat(badName.output())
                    .startsWith("error: TENANT/QUEUE, its tenant: found 'bad name', allowed a name of letters");

            // '' takes the cohort away; a queue the server does not have is added
            ClientProcesses.run(url, ADMIN, "set-queue", "alpha/train", "--cohort", "");
            assertThat(queue(admin, "alpha/train").get("cohort").isNull()).isTrue();
            ClientProcesses.run(url, ADMIN, "set-queue", "gamma/new", "--class", "research", "--quota-gpus", "8");
            assertThat(queue(admin, "gamma/new")
                            .get("settings")
                            .get("quotaGpus")
                            .asLong())
                    .isEqualTo(8);
        }
    }

    @Test
    void aChangeByAnotherAdminBetweenTheReadAndTheWriteIsKept(@TempDir Path tmp) throws Exception {
        String text = Files.readString(Path.of(SCENARIO), StandardCharsets.UTF_8);
        try (Server server = Server.start(LoopbackServers.options(SCENARIO, text, tmp.resolve("data"), 1, ADMIN))) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), ADMIN);
            // another admin changes the weight after this change read the queue and before it puts it back
            int[] reads = {0};
            JsonNode q = SetQueueCommand.change(
                    admin,
                    "alpha/train",
                    s -> {
                        if (reads[0]++ == 0) {
                            ObjectNode other = s.deepCopy().put("weight", 3);
                            admin.send("PUT", "/v1/queues/alpha/train", other.toString(), Map.of());
                        }
                        return s.put("quotaGpus", 40);
                    },
                    SetQueueCommand.ATTEMPTS);
            assertThat(reads[0]).as("read again after the other change").isEqualTo(2);
            assertThat(q.get("weight").asDouble())
                    .as("the other admin's change")
                    .isEqualTo(3.0);
            assertThat(q.get("nominalGpus").asLong()).as("this change").isEqualTo(40);

            // somebody changing it every time: the change gives up and says so, storing nothing
            int[] round = {0};
            BadInputException refused = Assertions.catchThrowableOfType(
                    () -> SetQueueCommand.change(
                            admin,
                            "alpha/train",
                            s -> {
                                ObjectNode other = s.deepCopy().put("weight", 10 + round[0]++);
                                admin.send("PUT", "/v1/queues/alpha/train", other.toString(), Map.of());
                                return s.put("quotaGpus", 48);
                            },
                            3),
                    BadInputException.class);
            assertThat(refused.getMessage())
                    .isEqualTo("queue alpha/train was changed by someone else each of the 3 times set-queue read it"
                            + " and put it back; nothing of this change was stored: run it again");
            JsonNode last = queue(admin, "alpha/train");
            assertThat(last.get("nominalGpus").asLong()).isEqualTo(40);
            assertThat(last.get("weight").asDouble()).isEqualTo(12.0);
        }
    }

    private static JsonNode queue(ApiClient c, String name) {
        for (JsonNode q : c.get("/v1/queues").get("items")) {
            if (q.get("name").asText().equals(name)) {
                return q;
            }
        }
        throw new AssertionError("no queue " + name);
    }
}
