package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ultrafleet.server.Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ultrafleet jobs} over more jobs than one page of the API holds (1,000): {@code --limit} reaches past the
 * first page, stops where it says, and each job comes once, in JSON and in the table.
 */
class ClientJobsPagingTest {
    private static final String SCENARIO = "src/test/resources/live/forecast.yaml";
    private static final String ADMIN = "paging-admin-token-0123456789";
    private static final int JOBS = 1_003;

    @Test
    void theLimitReachesPastTheFirstPageAndStopsWhereItSays(@TempDir Path tmp) throws Exception {
        String text = Files.readString(Path.of(SCENARIO), StandardCharsets.UTF_8);
        try (Server server = Server.start(LoopbackServers.options(SCENARIO, text, tmp.resolve("data"), 1, ADMIN))) {
            String url = "http://127.0.0.1:" + server.port();
            ApiClient admin = new ApiClient(url, ADMIN);
            for (int i = 0; i < JOBS; i++) {
                admin.post("/v1/jobs", "{\"queue\": \"alpha/train\", \"gpus\": 1, \"duration\": \"30d\"}", null);
            }

            assertThat(ids(ClientProcesses.run(url, ADMIN, "jobs", "--json", "--limit", "1002")))
                    .hasSize(1_002);
            assertThat(ids(ClientProcesses.run(url, ADMIN, "jobs", "--json", "--limit", "5000")))
                    .hasSize(JOBS);

            String table = ClientProcesses.run(url, ADMIN, "jobs", "--limit", "1001");
            assertThat(table.lines().filter(l -> l.contains("alpha/train"))).hasSize(1_001);
            assertThat(table.lines().findFirst().orElse("")).startsWith("ID");
        }
    }

    /** The distinct ids of a {@code jobs --json} answer; fails if one comes twice. */
    private static Set<Long> ids(String json) throws Exception {
        JsonNode items = ApiClient.JSON.readTree(json);
        assertThat(items.isArray())
                .as(json.length() > 300 ? json.substring(0, 300) : json)
                .isTrue();
        Set<Long> ids = new HashSet<>();
        for (JsonNode j : items) {
            assertThat(ids.add(j.get("id").asLong()))
                    .as("job %s listed once", j.get("id"))
                    .isTrue();
        }
        return ids;
    }
}
