package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Draining a rack: no new job lands on it, a job already there runs on, the fleet shows it draining, and once its
 * drain ends it takes work again. The fleet is four 8-GPU hosts, one a rack (racks 0 to 3).
 */
@ExtendWith(SharedServer.class)
class DrainTest {
    private final LocalServer server;
    private Http http;
    private String alpha;
    private final List<Long> made = new ArrayList<>();

    DrainTest(LocalServer shared) {
        this.server = shared;
    }

    @BeforeEach
    void setUp() {
        http = server.http();
        alpha = server.tokenFor("alpha");
        // the fleet free, so that where jobs land depends on the drains only
        for (JsonNode j : http.allJobs(LocalServer.ADMIN, null)) {
            if (j.get("endedAt").isNull()) {
                http.delete("/v1/jobs/" + j.get("id").asLong())
                        .token(LocalServer.ADMIN)
                        .send();
            }
        }
    }

    @AfterEach
    void undrainAndCancel() {
        for (int rack = 0; rack < 4; rack++) {
            http.post("/v1/fleet/racks/" + rack + "/undrain")
                    .token(LocalServer.ADMIN)
                    .send();
        }
        for (long id : made) {
            http.delete("/v1/jobs/" + id).token(LocalServer.ADMIN).send();
        }
    }

    @Test
    @Timeout(60)
    void aDrainedRackGetsNoNewJobUntilItsDrainEnds() throws Exception {
        Http.Answer drained = drain(0, true);
        assertThat(drained.json().get("rack").asInt()).isZero();
        assertThat(fleet().get("racksDraining").asInt()).isEqualTo(1);
        assertThat(drain(0, true).status()).as("draining again").isEqualTo(200);
        assertThat(fleet().get("racksDraining").asInt()).isEqualTo(1);

        List<Long> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(submit());
        }
        waitForQueue(3, 1);
        List<Long> running = new ArrayList<>();
        long waiting = -1;
        for (long id : jobs) {
            JsonNode j = job(id);
            if (j.get("state").asText().equals("running")) {
                assertThat(racks(j)).as("racks of job %d", id).doesNotContain(0);
                running.add(id);
            } else {
                waiting = id;
            }
        }
        assertThat(running).as("jobs on racks 1 to 3").hasSize(3);
        JsonNode fleet = fleet();
        assertThat(fleet.get("gpusAllocated").asInt()).isEqualTo(24);
        assertThat(fleet.get("gpusFree").asInt()).isZero();
        assertThat(fleet.get("gpusDraining").asInt()).isEqualTo(8);

        assertThat(drain(0, false).status()).isEqualTo(200);
        assertThat(fleet().get("racksDraining").asInt()).isZero();
        JsonNode started = waitFor(waiting, x -> x.get("state").asText().equals("running"));
        assertThat(racks(started)).containsExactly(0);
    }

    @Test
    @Timeout(60)
    void aJobOnADrainedRackRunsOnButNoJobReplacesIt() throws Exception {
        List<Long> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(submit());
        }
        for (long id : jobs) {
            waitFor(id, x -> x.get("state").asText().equals("running"));
        }
        JsonNode first = job(jobs.get(0));
        int rack = racks(first).get(0);
        drain(rack, true);
        assertThat(job(jobs.get(0)).get("placement")).isEqualTo(first.get("placement"));
        assertThat(job(jobs.get(0)).get("state").asText())
                .as("the job on the drained rack")
                .isEqualTo("running");

        http.delete("/v1/jobs/" + jobs.get(0)).token(alpha).send();
        long next = submit();
        waitForQueue(3, 1);
        assertThat(job(next).get("state").asText()).isEqualTo("queued");
        JsonNode fleet = fleet();
        assertThat(fleet.get("racksDraining").asInt()).isEqualTo(1);
        assertThat(fleet.get("gpusDraining").asInt()).isEqualTo(8);

        drain(rack, false);
        assertThat(racks(waitFor(next, x -> x.get("state").asText().equals("running"))))
                .containsExactly(rack);
    }

    @Test
    void aRackThatDoesNotExistIsNotFound() {
        Http.Answer beyond =
                http.post("/v1/fleet/racks/4/drain").token(LocalServer.ADMIN).send();
        AuthorizationTest.assertProblem(beyond, 404);
        // says which racks there are, since a rack's number comes with its delivery
        assertThat(beyond.json().get("detail").asText())
                .isEqualTo("rack 4 not found: the fleet has racks 0 to 3 so far"
                        + " (racks are numbered from 0 in the order they are delivered)");
        AuthorizationTest.assertProblem(
                http.post("/v1/fleet/racks/x/undrain").token(LocalServer.ADMIN).send(), 404);
        assertThat(fleet().get("racksDraining").asInt()).isZero();
    }

    private Http.Answer drain(int rack, boolean on) {
        Http.Answer a = http.post("/v1/fleet/racks/" + rack + (on ? "/drain" : "/undrain"))
                .token(LocalServer.ADMIN)
                .send();
        assertThat(a.status()).as("%s", a).isEqualTo(200);
        return a;
    }

    private JsonNode fleet() {
        return http.get("/v1/fleet").token(alpha).send().json();
    }

    private long submit() {
        Http.Answer a = http.post("/v1/jobs")
                .token(alpha)
                .body(Http.job("alpha/train", 8, "100h", null))
                .send();
        assertThat(a.status()).as("%s", a).isEqualTo(201);
        long id = a.json().get("id").asLong();
        made.add(id);
        return id;
    }

    private JsonNode job(long id) {
        return http.get("/v1/jobs/" + id).token(alpha).send().json();
    }

    /** Waits until the scheduler counts {@code running} running and {@code pending} queued jobs of alpha/train. */
    private void waitForQueue(int running, int pending) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            JsonNode q = http.get("/v1/queues")
                    .token(alpha)
                    .send()
                    .json()
                    .get("items")
                    .get(0);
            if (q.get("running").asInt() == running && q.get("pending").asInt() == pending) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("alpha/train stayed " + q);
            }
            Thread.sleep(20);
        }
    }

    private static List<Integer> racks(JsonNode job) {
        List<Integer> out = new ArrayList<>();
        job.get("placement").get("racks").forEach(r -> out.add(r.asInt()));
        return out;
    }

    private JsonNode waitFor(long id, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            JsonNode j = job(id);
            if (done.test(j)) {
                return j;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " stayed " + j);
            }
            Thread.sleep(20);
        }
    }
}
