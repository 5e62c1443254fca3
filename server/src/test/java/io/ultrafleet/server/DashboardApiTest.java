package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the dashboard reads besides the jobs and queues routes, without a browser: the fleet map (every rack, its
 * state and holder, another tenant's racks anonymous, an ETag that changes with the picture), one rack with its jobs,
 * the recent history, whose token it is, jobs newest first, and queues' wait reasons. The fleet is four 8-GPU hosts
 * (one a rack) shared by tenants alpha and beta.
 */
@Timeout(120)
class DashboardApiTest {
    static LocalServer server;
    static Http http;
    static String alpha;
    static String beta;
    final List<Long> made = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = LocalServer.start("small.yaml", 1, 50_000);
        http = server.http();
        alpha = server.tokenFor("alpha");
        beta = server.tokenFor("beta");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void cancel() {
        for (long id : made) {
            http.delete("/v1/jobs/" + id).token(LocalServer.ADMIN).send();
        }
    }

    private long submit(String token, String queue, int gpus) {
        Http.Answer a = http.post("/v1/jobs")
                .token(token)
                .body(Http.job(queue, gpus, "2h", null))
                .send();
        assertThat(a.status()).as("%s", a).isEqualTo(201);
        long id = a.json().get("id").asLong();
        made.add(id);
        return id;
    }

    private static JsonNode get(String path, String token) {
        Http.Answer a = http.get(path).token(token).send();
        assertThat(a.status()).as("GET %s: %s", path, a).isEqualTo(200);
        return a.json();
    }

    /** The rack job {@code id} runs on, once it runs. */
    private static int rackOf(long id) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            JsonNode j = get("/v1/jobs/" + id, LocalServer.ADMIN);
            if (j.get("state").asText().equals("running")) {
                return j.get("placement").get("racks").get(0).asInt();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + id + " did not start");
    }

    /** The map's column {@code name} at the position of rack {@code rack}. */
    private static JsonNode column(JsonNode map, String name, int rack) {
        JsonNode ids = map.get("racks").get("id");
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).asInt() == rack) {
                return map.get("racks").get(name).get(i);
            }
        }
        throw new AssertionError("rack " + rack + " is not on the map");
    }

    /** The map once the loop's picture shows {@code rack} in {@code state}. */
    private static JsonNode mapWhen(String token, int rack, String state) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            JsonNode map = get("/v1/fleet/map", token);
            if (map.get("states")
                    .get(column(map, "state", rack).asInt())
                    .asText()
                    .equals(state)) {
                return map;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("rack " + rack + " never showed " + state);
    }

    @Test
    void theMapShowsEveryRackItsHolderAndJobsAndHidesOtherTenants() throws Exception {
        long id = submit(alpha, "alpha/train", 8);
        int rack = rackOf(id);
        JsonNode admin = mapWhen(LocalServer.ADMIN, rack, "used");
        assertThat(admin.get("racks").get("id")).hasSize(4);
        assertThat(admin.get("sites")).extracting(JsonNode::asText).containsExactly("east");
        assertThat(admin.get("models")).extracting(JsonNode::asText).containsExactly("h100-hgx8");
        assertThat(admin.get("tenants")
                        .get(column(admin, "tenant", rack).asInt())
                        .asText())
                .isEqualTo("alpha");
        assertThat(column(admin, "jobs", rack).asInt()).isEqualTo(1);
        assertThat(column(admin, "heldUnits", rack).asInt())
                .isEqualTo(column(admin, "units", rack).asInt());
        JsonNode theirs = get("/v1/fleet/map", beta);
        assertThat(theirs.get("tenants")).extracting(JsonNode::asText).containsExactly("beta", "other tenants");
        assertThat(theirs.get("tenants")
                        .get(column(theirs, "tenant", rack).asInt())
                        .asText())
                .isEqualTo("other tenants");
        assertThat(column(theirs, "jobs", rack).asInt()).isZero();

        JsonNode detail = get("/v1/fleet/racks/" + rack, LocalServer.ADMIN);
        assertThat(detail.get("state").asText()).isEqualTo("used");
        assertThat(detail.get("tenant").asText()).isEqualTo("alpha");
        assertThat(detail.get("model").asText()).isEqualTo("h100-hgx8");
        assertThat(detail.get("jobs")).hasSize(1);
        assertThat(detail.get("jobs").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(detail.get("jobs").get(0).get("state").asText()).isEqualTo("running");
        JsonNode hidden = get("/v1/fleet/racks/" + rack, beta);
        assertThat(hidden.get("jobs")).isEmpty();
        assertThat(hidden.get("otherTenantsJobs").asInt()).isEqualTo(1);
        assertThat(hidden.get("tenant").asText()).isEqualTo("other tenants");
        AuthorizationTest.assertProblem(
                http.get("/v1/fleet/racks/4").token(LocalServer.ADMIN).send(), 404);
    }

    @Test
    void theMapAnswersNotModifiedUntilItsPictureChanges() throws Exception {
        Http.Answer first = http.get("/v1/fleet/map").token(LocalServer.ADMIN).send();
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        Http.Answer same = http.get("/v1/fleet/map")
                .token(LocalServer.ADMIN)
                .header("If-None-Match", etag)
                .send();
        assertThat(same.status()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        try {
            assertThat(http.post("/v1/fleet/racks/3/drain")
                            .token(LocalServer.ADMIN)
                            .send()
                            .status())
                    .isEqualTo(200);
            mapWhen(LocalServer.ADMIN, 3, "draining");
            Http.Answer changed = http.get("/v1/fleet/map")
                    .token(LocalServer.ADMIN)
                    .header("If-None-Match", etag)
                    .send();
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.header("ETag")).isNotEqualTo(etag);
            assertThat(get("/v1/fleet/racks/3", beta).get("state").asText()).isEqualTo("draining");
        } finally {
            http.post("/v1/fleet/racks/3/undrain").token(LocalServer.ADMIN).send();
        }
    }

    @Test
    void theHistoryCountsSubmissionsInTheCallersQueuesOnly() throws Exception {
        long id = submit(alpha, "alpha/train", 8);
        rackOf(id);
        // samples are taken every 2 s of wall time: wait until one after the submission has a rate
        JsonNode mine = null;
        for (int i = 0; i < 100; i++) {
            mine = get("/v1/fleet/history?hours=1", alpha);
            if (total(mine, "submittedPerMinute") > 0 && total(mine, "startedPerMinute") > 0) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(total(mine, "submittedPerMinute")).isPositive();
        assertThat(total(mine, "startedPerMinute")).isPositive();
        assertThat(mine.get("models")).extracting(JsonNode::asText).containsExactly("h100-hgx8");
        JsonNode last = mine.get("items").get(mine.get("items").size() - 1);
        assertThat(last.get("gpusAllocated").get("h100-hgx8").asLong()).isGreaterThanOrEqualTo(8);
        assertThat(last.get("gpusAllocated").get("h100-hgx8").asLong()
                        + last.get("gpusFree").get("h100-hgx8").asLong())
                .isLessThanOrEqualTo(32);
        JsonNode theirs = get("/v1/fleet/history?hours=1", beta);
        assertThat(total(theirs, "submittedPerMinute")).isZero();
        assertThat(total(theirs, "startedPerMinute")).isZero();
    }

    private static double total(JsonNode history, String field) {
        double n = 0;
        for (JsonNode it : history.get("items")) {
            n += it.get(field).isNull() ? 0 : it.get(field).asDouble();
        }
        return n;
    }

    @Test
    void meSaysWhoseTokenItIs() {
        assertThat(get("/v1/me", LocalServer.ADMIN).get("admin").asBoolean()).isTrue();
        JsonNode me = get("/v1/me", alpha);
        assertThat(me.get("admin").asBoolean()).isFalse();
        assertThat(me.get("tenant").asText()).isEqualTo("alpha");
        AuthorizationTest.assertProblem(http.get("/v1/me").send(), 401);
    }

    @Test
    void jobsCanBeListedNewestFirst() {
        long a = submit(beta, "beta/train", 8);
        long b = submit(beta, "beta/train", 8);
        long c = submit(beta, "beta/train", 8);
        JsonNode page = get("/v1/jobs?order=newest&limit=2", beta);
        assertThat(page.get("items")).extracting(j -> j.get("id").asLong()).containsExactly(c, b);
        JsonNode rest =
                get("/v1/jobs?order=newest&limit=2&after=" + page.get("next").asText(), beta);
        assertThat(rest.get("items")).extracting(j -> j.get("id").asLong()).startsWith(a);
        assertThat(rest.get("items"))
                .extracting(j -> j.get("id").asLong())
                .allSatisfy(id -> assertThat(id).isLessThanOrEqualTo(a));
    }

    @Test
    void queuesCountTheirJobsWaitReasons() throws Exception {
        // more than the four hosts online: it waits for June's delivery
        Http.Answer a = http.post("/v1/jobs")
                .token(alpha)
                .body(Http.job("alpha/train", 64, "2h", "\"topology\": {\"required\": \"site\"}"))
                .send();
        assertThat(a.status()).as("%s", a).isEqualTo(201);
        made.add(a.json().get("id").asLong());
        JsonNode reasons = null;
        for (int i = 0; i < 300; i++) {
            reasons = queue(get("/v1/queues", alpha), "alpha/train").get("waitReasons");
            if (reasons != null && reasons.size() > 0 && !reasons.has("not_yet_tried")) {
                break;
            }
            Thread.sleep(10);
        }
        assertThat(reasons).isNotNull();
        assertThat(reasons.fieldNames()).toIterable().isNotEmpty().doesNotContain("none");
        int total = 0;
        for (JsonNode n : reasons) {
            total += n.asInt();
        }
        assertThat(total).isEqualTo(1);
    }

    @Test
    void jobsOfAQueueWhoseQuotaIsUsedUpWaitForQuota() throws Exception {
        // a queue of its own, with room for one 8-GPU job
        Http.Answer q = http.put("/v1/queues/alpha/capped")
                .token(LocalServer.ADMIN)
                .body("{\"priorityClass\":\"research\",\"quotas\":[{\"flavor\":\"h100-hgx8\",\"nominalGpus\":8,"
                        + "\"borrowingLimitGpus\":0}]}")
                .send();
        assertThat(q.status()).as("%s", q).isIn(200, 201);
        long running = submit(alpha, "alpha/capped", 8);
        rackOf(running);
        long first = submit(alpha, "alpha/capped", 8);
        long second = submit(alpha, "alpha/capped", 8);
        long third = submit(alpha, "alpha/capped", 8);
        JsonNode reasons = null;
        for (int i = 0; i < 300; i++) {
            reasons = queue(get("/v1/queues", alpha), "alpha/capped").get("waitReasons");
            if (reasons.path("quota").asInt() == 3) {
                break;
            }
            Thread.sleep(10);
        }
        // the first was examined and refused; the cycle passed over the other two, and they are shown as it is
        assertThat(reasons.path("quota").asInt()).as("%s", reasons).isEqualTo(3);
        assertThat(reasons.has("not_yet_tried")).as("%s", reasons).isFalse();
        for (long id : List.of(first, second, third)) {
            JsonNode j = get("/v1/jobs/" + id, alpha);
            assertThat(j.get("state").asText()).isEqualTo("queued");
            assertThat(j.get("waitReason").asText()).as("job %d", id).isEqualTo("quota");
        }
        assertThat(get("/v1/jobs/" + third, alpha).get("waitDetail").asText())
                .startsWith("queue quota would be exceeded")
                .contains("passes over the rest of its queue");
        // once the running job is gone, the queue's next job starts
        http.delete("/v1/jobs/" + running).token(LocalServer.ADMIN).send();
        rackOf(first);
    }

    private static JsonNode queue(JsonNode queues, String name) {
        for (JsonNode q : queues.get("items")) {
            if (q.get("name").asText().equals(name)) {
                return q;
            }
        }
        throw new AssertionError("no queue " + name + " in " + queues);
    }
}
