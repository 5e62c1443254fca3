package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A scheduling cycle examines at most {@code queueDepth} jobs. When more become startable at once than one cycle looks
 * at, the server runs cycles until it has looked at them all: nothing else may come to wake it, and a job that fits
 * free capacity must not wait for an unrelated event.
 */
class QueueDepthTest {
    private static final String SCENARIO = """
            apiVersion: ultrafleet/v1
            name: queue-depth
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
              queueDepth: 2
            tenants:
              - name: alpha
                queues:
                  - name: train
                    priorityClass: research
                    quotas:
                      - {flavor: "*", nominalGpus: 8}
                  - name: shared
                    priorityClass: research
                    cohort: labs
                    quotas:
                      - {flavor: "*", nominalGpus: 8}
            """;

    @Test
    @Timeout(60)
    void jobsBeyondOneCyclesDepthStartWithoutAnotherEvent() throws Exception {
        try (LocalServer server = LocalServer.startText("test:queue-depth", SCENARIO, "2026-02-01", 1)) {
            Http http = server.http();
            String alpha = server.tokenFor("alpha");
            // four jobs of a host each: one runs, three wait for the queue's quota
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(http.post("/v1/jobs")
                        .token(alpha)
                        .body(Http.job("alpha/train", 8, "100h", null))
                        .send()
                        .json()
                        .get("id")
                        .asLong());
            }
            Poll.until(() -> running(http) == 1, 10, "the one job the quota allows to run");
            // one change of the quota makes the three startable at once: two cycles' worth
            assertThat(http.put("/v1/queues/alpha/train")
                            .token(LocalServer.ADMIN)
                            .body("{\"priorityClass\": \"research\", \"quotas\": [{\"flavor\": \"*\","
                                    + " \"nominalGpus\": 32}]}")
                            .send()
                            .status())
                    .isEqualTo(200);
            Poll.until(() -> running(http) == ids.size(), 10, "every job running after the quota grew");

            // the queues' ceilings as shown: the quota's, and none for a queue that may borrow without limit
            var queues = http.get("/v1/queues")
                    .token(LocalServer.ADMIN)
                    .send()
                    .json()
                    .get("items");
            assertThat(queues.get(0).get("name").asText()).isEqualTo("alpha/train");
            assertThat(queues.get(0).get("ceilingGpus").asLong()).isEqualTo(32);
            assertThat(queues.get(1).get("name").asText()).isEqualTo("alpha/shared");
            assertThat(queues.get(1).get("ceilingGpus").isNull())
                    .as("%s", queues.get(1))
                    .isTrue();
        }
    }

    private static int running(Http http) {
        int n = 0;
        for (var j : http.allJobs(LocalServer.ADMIN, null)) {
            if (j.get("state").asText().equals("running")) {
                n++;
            }
        }
        return n;
    }
}
