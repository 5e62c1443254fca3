package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server stopped and started again on its data: the jobs that ran keep their placements and end when their
 * duration says, counted from when they started before the restart; the jobs that waited start in the order they had.
 * The jobs are placed with the clock at the wall clock's pace, so that nothing ends while the test looks; the last
 * start runs it at 36,000 times the wall clock (ten virtual hours a second), so that they end within a second.
 */
class RestartTest {
    private static final double FAST = 36_000;

    private LocalServer server;
    private String token;

    @BeforeEach
    void start() {
        server = LocalServer.start("restart.yaml", 1, 50_000);
        token = server.tokenFor("alpha");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(90)
    void runningJobsKeepTheirPlacementsAndEndOnTimeAndQueuedJobsKeepTheirOrder() throws Exception {
        // two jobs take the whole fleet (four 8-GPU hosts); three that each need all of it wait
        long a = submit("alpha/train", 16, "2h", null);
        long b = submit("alpha/train", 16, "3h", null);
        JsonNode runningA = waitFor(a, j -> j.get("state").asText().equals("running"));
        JsonNode runningB = waitFor(b, j -> j.get("state").asText().equals("running"));
        long c = submit("alpha/train", 32, "1h", null);
        long d = submit("alpha/urgent", 32, "1h", null); // a higher priority: first in the queue, though sent later
        long e = submit("alpha/train", 32, "1h", null);
        waitForQueues(2, 3);
        assertThat(runningA.get("placement").get("racks")).hasSize(2);
        assertThat(runningB.get("placement").get("racks")).hasSize(2);

        server.restart();

        for (JsonNode before : new JsonNode[] {runningA, runningB}) {
            JsonNode after = job(before.get("id").asLong());
            assertThat(after.get("state").asText()).isEqualTo("running");
            assertThat(after.get("placement")).as("placement after the restart").isEqualTo(before.get("placement"));
            assertThat(after.get("startedAt")).isEqualTo(before.get("startedAt"));
            assertThat(after.get("runs").asInt()).isEqualTo(1);
        }
        for (long id : new long[] {c, d, e}) {
            assertThat(job(id).get("state").asText()).isEqualTo("queued");
        }
        waitForQueues(2, 3);

        server.restart(FAST);

        JsonNode endedA = waitFor(a, j -> !j.get("endedAt").isNull());
        JsonNode endedB = waitFor(b, j -> !j.get("endedAt").isNull());
        JsonNode endedD = waitFor(d, j -> !j.get("endedAt").isNull());
        JsonNode endedC = waitFor(c, j -> !j.get("endedAt").isNull());
        JsonNode endedE = waitFor(e, j -> !j.get("endedAt").isNull());
        assertRan(endedA, Duration.ofHours(2));
        assertRan(endedB, Duration.ofHours(3));
        assertRan(endedD, Duration.ofHours(1));
        assertRan(endedC, Duration.ofHours(1));
        assertRan(endedE, Duration.ofHours(1));
        assertThat(endedA.get("startedAt")).isEqualTo(runningA.get("startedAt"));
        assertThat(endedB.get("startedAt")).isEqualTo(runningB.get("startedAt"));
        // the queue's order: d (the higher priority), then c, then e, each once the one before has ended
        assertThat(time(endedD, "startedAt")).isAfterOrEqualTo(time(endedB, "endedAt"));
        assertThat(time(endedC, "startedAt")).isAfterOrEqualTo(time(endedD, "endedAt"));
        assertThat(time(endedE, "startedAt")).isAfterOrEqualTo(time(endedC, "endedAt"));

        // a's history across both restarts: its submission first (made from its row), then its run, each line once
        JsonNode history = server.http()
                .get("/v1/jobs/" + a + "/events")
                .token(token)
                .send()
                .json()
                .get("items");
        assertThat(history.get(0).get("seq").asInt()).isZero();
        assertThat(history.get(0).get("at")).isEqualTo(runningA.get("submittedAt"));
        assertThat(history.get(0).get("text").asText())
                .isEqualTo("submitted to alpha/train: 16 GPUs for 2.0 h (scheduler told 2.0 h), priority "
                        + runningA.get("priority").asInt() + ", topology required block, preferred block");
        assertThat(history.get(1).get("seq").asInt()).isEqualTo(1);
        assertThat(history.get(1).get("text").asText()).startsWith("started on 16 GPUs");
        // lines written after a restart (numbered by the database, after the last it held) follow on, for a job that
        // ran across both restarts and for one that waited across them
        for (long id : new long[] {a, c}) {
            JsonNode lines = server.http()
                    .get("/v1/jobs/" + id + "/events")
                    .token(token)
                    .send()
                    .json()
                    .get("items");
            assertThat(lines.size()).as("job %d's history", id).isGreaterThanOrEqualTo(3);
            for (int i = 0; i < lines.size(); i++) {
                assertThat(lines.get(i).get("seq").asInt())
                        .as("line %d of job %d", i, id)
                        .isEqualTo(i);
            }
            assertThat(lines.get(lines.size() - 1).get("text").asText())
                    .as("job %d's last line", id)
                    .isEqualTo("finished");
        }
        JsonNode page = server.http()
                .get("/v1/jobs/" + a + "/events?limit=1")
                .token(token)
                .send()
                .json();
        assertThat(page.get("items")).hasSize(1);
        JsonNode rest = server.http()
                .get("/v1/jobs/" + a + "/events?after=" + page.get("next").asText())
                .token(token)
                .send()
                .json()
                .get("items");
        assertThat(rest.get(0).get("seq").asInt())
                .as("the page after the submission")
                .isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void aJobRunsForItsDurationWhateverTheSchedulerIsToldAlsoAcrossARestart() throws Exception {
        // the estimate factor changes what the scheduler plans with, not how long the job runs
        long longer = submit("alpha/train", 8, "2h", "\"estimateFactor\": 2");
        long shorter = submit("alpha/train", 8, "2h", "\"estimateFactor\": 0.5");
        long plain = submit("alpha/train", 8, "2h", null);
        for (long id : new long[] {longer, shorter, plain}) {
            waitFor(id, j -> j.get("state").asText().equals("running"));
        }
        server.restart(FAST);
        for (long id : new long[] {longer, shorter, plain}) {
            assertRan(waitFor(id, j -> !j.get("endedAt").isNull()), Duration.ofHours(2));
        }
        long after = submit("alpha/train", 8, "3h", "\"estimateFactor\": 3");
        assertRan(waitFor(after, j -> !j.get("endedAt").isNull()), Duration.ofHours(3));
    }

    @Test
    @Timeout(90)
    void theChartsGoBackPastARestartAndTheirCountsGoOn() throws Exception {
        // at two minutes a second every sample the loop takes (every 2 s) is a minute of the server's clock after the
        // last, so each is stored
        server.restart(120);
        long[] jobs = {
            submit("alpha/train", 8, "2h", null),
            submit("alpha/train", 8, "2h", null),
            submit("alpha/train", 8, "2h", null)
        };
        for (long id : jobs) {
            waitFor(id, j -> j.get("state").asText().equals("running"));
        }
        JsonNode before = Poll.value(
                () -> {
                    JsonNode h = history();
                    int n = h.get("items").size();
                    return submitted(h) > 0
                                    && n >= 4
                                    && allocated(h.get("items").get(n - 2)) == 24
                            ? h
                            : null;
                },
                30,
                "samples before the restart");
        // the last point but one: taken a turn or more before the next, so stored by then
        JsonNode lastBefore = before.get("items").get(before.get("items").size() - 2);

        server.restart(120);

        JsonNode after = history();
        JsonNode kept = null;
        for (JsonNode it : after.get("items")) {
            if (!time(it, "at").isAfter(time(lastBefore, "at"))) {
                kept = it;
            }
        }
        assertThat(kept).as("a point from before the restart in %s", after).isNotNull();
        assertThat(allocated(kept)).isEqualTo(24);
        assertThat(submitted(after))
                .as("submissions per minute before the restart")
                .isPositive();
        // one more job shows on the charts after the restart
        submit("alpha/train", 8, "2h", null);
        Instant restarted = time(after.get("items").get(after.get("items").size() - 1), "at");
        Poll.value(
                () -> {
                    double n = 0;
                    for (JsonNode it : history().get("items")) {
                        if (time(it, "at").isAfter(restarted)
                                && !it.get("submittedPerMinute").isNull()) {
                            n += it.get("submittedPerMinute").asDouble();
                        }
                    }
                    return n > 0 ? n : null;
                },
                30,
                "the submission after the restart on the charts");
    }

    private JsonNode history() {
        Http.Answer a =
                server.http().get("/v1/fleet/history?hours=168").token(token).send();
        assertThat(a.status()).as("%s", a).isEqualTo(200);
        return a.json();
    }

    private static long allocated(JsonNode point) {
        return point.get("gpusAllocated").get("h100-hgx8").asLong();
    }

    private static double submitted(JsonNode history) {
        double n = 0;
        for (JsonNode it : history.get("items")) {
            n += it.get("submittedPerMinute").isNull()
                    ? 0
                    : it.get("submittedPerMinute").asDouble();
        }
        return n;
    }

    private static void assertRan(JsonNode job, Duration duration) {
        assertThat(job.get("state").asText()).as("job %s", job).isEqualTo("succeeded");
        assertThat(Duration.between(time(job, "startedAt"), time(job, "endedAt")))
                .as("run time of job %s", job.get("id"))
                .isEqualTo(duration);
        assertThat(job.get("runs").asInt()).isEqualTo(1);
    }

    private static Instant time(JsonNode job, String field) {
        return Instant.parse(job.get(field).asText());
    }

    private long submit(String queue, int gpus, String duration, String extra) {
        Http.Answer a = server.http()
                .post("/v1/jobs")
                .token(token)
                .body(Http.job(queue, gpus, duration, extra))
                .send();
        assertThat(a.status()).as("%s", a).isEqualTo(201);
        return a.json().get("id").asLong();
    }

    private JsonNode job(long id) {
        Http.Answer a = server.http().get("/v1/jobs/" + id).token(token).send();
        assertThat(a.status()).as("%s", a).isEqualTo(200);
        return a.json();
    }

    /** The job once {@code done} holds, looked at every 20 ms for at most 30 s. */
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

    /** Waits until the scheduler counts {@code running} running and {@code pending} queued jobs in all queues. */
    private void waitForQueues(int running, int pending) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            int r = 0;
            int p = 0;
            for (JsonNode q :
                    server.http().get("/v1/queues").token(token).send().json().get("items")) {
                r += q.get("running").asInt();
                p += q.get("pending").asInt();
            }
            if (r == running && p == pending) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(r + " running and " + p + " queued, not " + running + " and " + pending);
            }
            Thread.sleep(20);
        }
    }
}
