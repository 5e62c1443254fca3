package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit log: each admin action, token change, cancellation and drain adds one entry naming who did it, and the
 * server's start as the leader is there too; the log reads a page at a time, filtered by action.
 */
@ExtendWith(SharedServer.class)
class AuditTest {
    private final LocalServer server;

    AuditTest(LocalServer shared) {
        this.server = shared;
    }

    @Test
    void everyChangeIsRecordedWithWhoDidIt() {
        Http http = server.http();
        long after = last(http);
        String alpha = server.tokenFor("alpha"); // issues a token: one entry
        Http.Answer job = http.post("/v1/jobs")
                .token(alpha)
                .body(Http.job("alpha/train", 8, "100h", null))
                .send();
        long id = job.json().get("id").asLong();
        http.delete("/v1/jobs/" + id).token(alpha).send();
        http.post("/v1/fleet/racks/2/drain").token(LocalServer.ADMIN).send();
        http.post("/v1/fleet/racks/2/undrain").token(LocalServer.ADMIN).send();
        http.put("/v1/queues/alpha/audited")
                .token(LocalServer.ADMIN)
                .body("{\"priorityClass\": \"research\"}")
                .send();

        List<JsonNode> entries = since(http, after, null);
        List<String> lines = new ArrayList<>();
        for (JsonNode e : entries) {
            lines.add(e.get("action").asText() + " | " + e.get("actor").asText() + " | "
                    + e.get("target").asText());
            assertThat(e.get("at").asText()).as("time of %s", e).isNotEmpty();
            assertThat(e.get("wallTime").asText()).as("wall time of %s", e).isNotEmpty();
        }
        assertThat(lines)
                .containsSubsequence(
                        "token-issue | the admin | tenant alpha",
                        "cancel | tenant alpha | job " + id,
                        "drain | the admin | rack 2",
                        "undrain | the admin | rack 2",
                        "queue-add | the admin | alpha/audited");

        assertThat(since(http, 0, "leader"))
                .as("the server's start as the leader")
                .isNotEmpty();
        assertThat(since(http, 0, "drain"))
                .allSatisfy(e -> assertThat(e.get("action").asText()).isEqualTo("drain"));
        assertThat(http.get("/v1/audit").token(alpha).send().status())
                .as("a tenant reading the audit log")
                .isEqualTo(403);
    }

    private static long last(Http http) {
        List<JsonNode> all = since(http, 0, null);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).get("id").asLong();
    }

    /** Every entry after {@code afterId}, a page of two at a time (to walk the cursor), of {@code action} if given. */
    private static List<JsonNode> since(Http http, long afterId, String action) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            String q = "/v1/audit?limit=2" + (action == null ? "" : "&action=" + action)
                    + (cursor == null ? "" : "&after=" + cursor);
            JsonNode page = http.get(q).token(LocalServer.ADMIN).send().json();
            for (JsonNode e : page.get("items")) {
                if (e.get("id").asLong() > afterId) {
                    out.add(e);
                }
            }
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
        } while (cursor != null);
        return out;
    }
}
