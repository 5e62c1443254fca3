package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An idempotency key names the first request made with it: the same request again (however its JSON is spaced or
 * ordered) answers the first job; a different request under the same key is refused (422), since it would otherwise
 * be dropped without a word, and nothing is stored.
 */
@ExtendWith(SharedServer.class)
class IdempotencyKeyTest {
    private final LocalServer server;

    IdempotencyKeyTest(LocalServer shared) {
        this.server = shared;
    }

    @Test
    void aKeyUsedAgainWithAnotherRequestIsRefused() {
        Http http = server.http();
        String alpha = server.tokenFor("alpha");
        String key = "idempotency-" + System.nanoTime();
        Http.Answer first = http.post("/v1/jobs")
                .token(alpha)
                .header("Idempotency-Key", key)
                .body("{\"queue\": \"alpha/train\", \"gpus\": 8, \"duration\": \"1h\"}")
                .send();
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        long id = first.json().get("id").asLong();
        int jobs = http.allJobs(LocalServer.ADMIN, null).size();

        // the same request, its fields in another order and spaced otherwise: the first job
        Http.Answer again = http.post("/v1/jobs")
                .token(alpha)
                .header("Idempotency-Key", key)
                .body("{\"duration\":\"1h\",\"gpus\":8,\"queue\":\"alpha/train\"}")
                .send();
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(id);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");

        // another request under the same key
        Http.Answer other = http.post("/v1/jobs")
                .token(alpha)
                .header("Idempotency-Key", key)
                .body("{\"queue\": \"alpha/train\", \"gpus\": 16, \"duration\": \"5h\"}")
                .send();
        AuthorizationTest.assertProblem(other, 422);
        assertThat(other.json().get("detail").asText())
                .startsWith("header 'Idempotency-Key': found '" + key + "', the key of job " + id
                        + " whose request was different");
        assertThat(http.allJobs(LocalServer.ADMIN, null)).as("nothing stored").hasSize(jobs);
        assertThat(http.get("/v1/jobs/" + id)
                        .token(alpha)
                        .send()
                        .json()
                        .get("gpus")
                        .asInt())
                .as("the first job as it was")
                .isEqualTo(8);
    }
}
