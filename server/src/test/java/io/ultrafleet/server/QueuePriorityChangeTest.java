package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A queue whose priority class an admin changes: its waiting jobs take the new priority at once (re-ranked, with an
 * event each, kept across a restart); its running jobs keep theirs until they wait again, stopped or lost.
 */
class QueuePriorityChangeTest {
    private static final String SCENARIO = """
            apiVersion: ultrafleet/v1
            name: priority-change
            start: 2026-01-01
            horizon: 2026-12-31
            fleet:
              providers:
                - name: lab
                  regions:
                    - name: home
                      sites:
                        - {name: east, racksPerBlock: 4}
              deliveries:
                - {site: east, model: h100-hgx8, racks: 4, start: 2026-01-01}
            scheduler:
              preemption: {enabled: %s, policy: unweighed}
            tenants:
              - name: alpha
                queues:
                  - {name: train, priorityClass: research}
              - name: beta
                queues:
                  - {name: batch, priorityClass: research}
            """;

    private static final String TO_TRAINING = "{\"priorityClass\": \"training\"}";

    @Test
    @Timeout(90)
    void waitingJobsTakeTheNewPriorityAtOnceAndKeepItAcrossARestart() throws Exception {
        try (LocalServer server =
                LocalServer.startText("test:priority-change", SCENARIO.formatted("false"), "2026-02-01", 1)) {
            Http before = server.http();
            long filler = submit(before, "alpha/train", 32);
            Poll.until(() -> state(before, filler).equals("running"), 10, "the job that fills the fleet running");
            long b = submit(before, "beta/batch", 32);
            long a = submit(before, "alpha/train", 32);
            assertThat(state(before, a)).isEqualTo("queued");
            assertThat(priority(before, a)).isEqualTo(100);

            toTraining(before, "/v1/queues/alpha/train");
            // the waiting job's row and story say so at once; the running one and the other queue's are unchanged
            assertThat(priority(before, a)).isEqualTo(500);
            assertThat(events(before, a)).contains("priority now 500: its queue's priority class is now training");
            assertThat(priority(before, filler)).isEqualTo(100);
            assertThat(state(before, filler)).isEqualTo("running");
            assertThat(priority(before, b)).isEqualTo(100);

            server.restart();
            Http h = server.http();
            assertThat(priority(h, a)).isEqualTo(500);
            // the fleet comes free: the alpha job, younger but now of a higher class, goes first
            assertThat(h.delete("/v1/jobs/" + filler)
                            .token(LocalServer.ADMIN)
                            .send()
                            .status())
                    .isEqualTo(200);
            Poll.until(() -> state(h, a).equals("running"), 10, "the re-ranked alpha job running");
            assertThat(state(h, b)).isEqualTo("queued");
            // jobs submitted from now on take the new class too
            assertThat(priority(h, submit(h, "alpha/train", 8))).isEqualTo(500);
        }
    }

    @Test
    @Timeout(90)
    void aJobRunningAtTheChangeTakesTheNewPriorityWhenItIsStopped() throws Exception {
        try (LocalServer server =
                LocalServer.startText("test:priority-change", SCENARIO.formatted("true"), "2026-02-01", 1)) {
            Http http = server.http();
            long running = submit(http, "alpha/train", 32);
            Poll.until(() -> state(http, running).equals("running"), 10, "the alpha job running");
            // a training job of another queue stops it
            toTraining(http, "/v1/queues/beta/batch");
            toTraining(http, "/v1/queues/alpha/train");
            assertThat(priority(http, running)).as("running at the change").isEqualTo(100);
            long urgent = submit(http, "beta/batch", 32);
            Poll.until(() -> state(http, urgent).equals("running"), 10, "the training job running");

            assertThat(state(http, running)).isEqualTo("queued");
            assertThat(priority(http, running)).isEqualTo(500);
            List<String> story = events(http, running);
            int stopped = indexStarting(story, "preempted for ");
            int raised = story.indexOf("priority now 500: its queue's priority class is now training");
            assertThat(stopped).as("%s", story).isNotNegative();
            assertThat(raised).as("%s", story).isGreaterThan(stopped);
        }
    }

    /** Moves the queue at {@code path} to the training class, as an admin. */
    private static void toTraining(Http http, String path) {
        assertThat(http.put(path)
                        .token(LocalServer.ADMIN)
                        .body(TO_TRAINING)
                        .send()
                        .status())
                .isEqualTo(200);
    }

    private static long submit(Http http, String queue, int gpus) {
        return http.post("/v1/jobs")
                .token(LocalServer.ADMIN)
                .body(Http.job(queue, gpus, "100h", null))
                .send()
                .json()
                .get("id")
                .asLong();
    }

    private static JsonNode job(Http http, long id) {
        return http.get("/v1/jobs/" + id).token(LocalServer.ADMIN).send().json();
    }

    private static String state(Http http, long id) {
        return job(http, id).get("state").asText();
    }

    private static int priority(Http http, long id) {
        return job(http, id).get("priority").asInt();
    }

    private static List<String> events(Http http, long id) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : http.get("/v1/jobs/" + id + "/events")
                .token(LocalServer.ADMIN)
                .send()
                .json()
                .get("items")) {
            out.add(e.get("text").asText());
        }
        return out;
    }

    private static int indexStarting(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
