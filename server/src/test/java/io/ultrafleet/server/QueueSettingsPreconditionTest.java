package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two admins who read a queue and change it at once do not undo each other's change: a queue's settings carry an
 * entity tag, and a change sent with {@code If-Match} is made only while the settings are still the ones read. A
 * refused change stores nothing. {@code If-None-Match: *} adds a queue only if there is none of that name.
 */
@ExtendWith(SharedServer.class)
class QueueSettingsPreconditionTest {
    private static final String TRAINING = "{\"priorityClass\": \"research\", \"quotaGpus\": 16}";

    private final LocalServer server;
    private final Http http;

    QueueSettingsPreconditionTest(LocalServer shared) {
        this.server = shared;
        this.http = shared.http();
    }

    @Test
    void aChangeMadeOnSettingsThatChangedSinceTheyWereReadIsRefused() {
        assertThat(put("/v1/queues/alpha/etag-race", TRAINING, null, null).status())
                .isEqualTo(201);
        // both admins read the queue
        Http.Answer read = get("/v1/queues/alpha/etag-race", LocalServer.ADMIN);
        assertThat(read.status()).isEqualTo(200);
        String tag = read.header("ETag");
        assertThat(tag).matches("\"q-[0-9a-f]{20}\"");
        assertThat(read.json().get("etag").asText()).isEqualTo(tag);

        // the first changes the weight, on the settings it read
        Http.Answer first = put(
                "/v1/queues/alpha/etag-race",
                "{\"priorityClass\": \"research\", \"quotaGpus\": 16, \"weight\": 2}",
                tag,
                null);
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        String afterFirst = first.header("ETag");
        assertThat(afterFirst).isNotEqualTo(tag);
        assertThat(first.json().get("etag").asText()).isEqualTo(afterFirst);

        // the second changes the quota on the settings it read: refused, and nothing of it stored
        Http.Answer second =
                put("/v1/queues/alpha/etag-race", "{\"priorityClass\": \"research\", \"quotaGpus\": 32}", tag, null);
        AuthorizationTest.assertProblem(second, 412);
        assertThat(second.json().get("detail").asText())
                .contains("alpha/etag-race has changed since it was read")
                .contains(afterFirst)
                .doesNotContain("Exception");
        JsonNode now = get("/v1/queues/alpha/etag-race", LocalServer.ADMIN).json();
        assertThat(now.get("weight").asDouble()).isEqualTo(2.0);
        assertThat(now.get("nominalGpus").asLong()).isEqualTo(16);
        assertThat(now.get("etag").asText()).isEqualTo(afterFirst);

        // it reads again and makes its change on what the queue holds now: both changes stay
        Http.Answer again = put(
                "/v1/queues/alpha/etag-race",
                "{\"priorityClass\": \"research\", \"quotaGpus\": 32, \"weight\": 2}",
                afterFirst + ", \"q-00000000000000000000\"",
                null);
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        JsonNode both = get("/v1/queues/alpha/etag-race", LocalServer.ADMIN).json();
        assertThat(both.get("weight").asDouble()).isEqualTo(2.0);
        assertThat(both.get("nominalGpus").asLong()).isEqualTo(32);

        // the same settings put again keep their tag: it names the settings, not the time they were put
        Http.Answer same = put(
                "/v1/queues/alpha/etag-race",
                "{\"weight\": 2, \"quotaGpus\": 32, \"priorityClass\": \"research\"}",
                "*",
                null);
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.header("ETag")).isEqualTo(again.header("ETag"));
        // a weak tag never matches a change
        AuthorizationTest.assertProblem(
                put("/v1/queues/alpha/etag-race", TRAINING, "W/" + again.header("ETag"), null), 412);
    }

    @Test
    @Timeout(60)
    void ofChangesSentAtOnceOnOneTagOnlyOneIsMade() throws Exception {
        assertThat(put("/v1/queues/alpha/etag-burst", TRAINING, null, null).status())
                .isEqualTo(201);
        String tag = get("/v1/queues/alpha/etag-burst", LocalServer.ADMIN).header("ETag");
        int senders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                String body = "{\"priorityClass\": \"research\", \"quotaGpus\": 16, \"weight\": " + (i + 2) + "}";
                answers.add(pool.submit(() -> {
                    go.await();
                    return put("/v1/queues/alpha/etag-burst", body, tag, null).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> a : answers) {
                statuses.add(a.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(200, 412);
            assertThat(statuses.stream().filter(st -> st == 200)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ifMatchAsksForAQueueThatExistsAndIfNoneMatchForOneThatDoesNot() {
        // If-Match on a queue there is none of: refused, and no queue made
        Http.Answer missing = put("/v1/queues/alpha/etag-missing", TRAINING, "*", null);
        AuthorizationTest.assertProblem(missing, 412);
        assertThat(missing.json().get("detail").asText()).contains("alpha/etag-missing does not exist");
        assertThat(get("/v1/queues/alpha/etag-missing", LocalServer.ADMIN).status())
                .isEqualTo(404);

        // If-None-Match: * makes it once, then refuses
        assertThat(put("/v1/queues/alpha/etag-new", TRAINING, null, "*").status())
                .isEqualTo(201);
        Http.Answer twice = put("/v1/queues/alpha/etag-new", "{\"priorityClass\": \"research\"}", null, "*");
        AuthorizationTest.assertProblem(twice, 412);
        assertThat(twice.json().get("detail").asText()).contains("alpha/etag-new exists already");
        assertThat(get("/v1/queues/alpha/etag-new", LocalServer.ADMIN)
                        .json()
                        .get("nominalGpus")
                        .asLong())
                .isEqualTo(16);
    }

    @Test
    void aTenantReadsItsOwnQueuesTagAndNoOtherTenants() {
        String alpha = server.tokenFor("alpha");
        Http.Answer own = get("/v1/queues/alpha/train", alpha);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.header("ETag")).isEqualTo(own.json().get("etag").asText());
        assertThat(own.json().get("name").asText()).isEqualTo("alpha/train");
        AuthorizationTest.assertProblem(get("/v1/queues/beta/train", alpha), 404);
        AuthorizationTest.assertProblem(get("/v1/queues/alpha/no-such-queue", alpha), 404);
        // the list gives every queue's tag too
        for (JsonNode q : http.get("/v1/queues").token(alpha).send().json().get("items")) {
            assertThat(q.get("etag").asText()).startsWith("\"q-");
        }
    }

    private Http.Answer get(String path, String token) {
        return http.get(path).token(token).send();
    }

    private Http.Answer put(String path, String body, String ifMatch, String ifNoneMatch) {
        Http.Request r = http.put(path).token(LocalServer.ADMIN).body(body);
        if (ifMatch != null) {
            r.header("If-Match", ifMatch);
        }
        if (ifNoneMatch != null) {
            r.header("If-None-Match", ifNoneMatch);
        }
        return r.send();
    }
}
