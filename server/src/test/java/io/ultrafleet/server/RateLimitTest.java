package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A tenant over its request rate gets 429 with Retry-After, as problem details; other tenants are not slowed by it,
 * and after the time it was told the tenant is served again.
 */
class RateLimitTest {
    @Test
    @Timeout(60)
    void aTenantOverItsRateIsToldWhenToComeBack() throws Exception {
        try (LocalServer server = LocalServer.start("small.yaml", 1, 2)) {
            Http http = server.http();
            String alpha = server.tokenFor("alpha");
            String beta = server.tokenFor("beta");

            List<Http.Answer> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(http.get("/v1/queues").token(alpha).send());
            }
            assertThat(answers.get(0).status()).isEqualTo(200);
            Http.Answer limited = answers.stream()
                    .filter(a -> a.status() == 429)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("10 requests at once, none refused: " + answers));
            AuthorizationTest.assertProblem(limited, 429);
            long retryAfter = Long.parseLong(limited.header("Retry-After"));
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(answers.stream().filter(a -> a.status() != 200 && a.status() != 429))
                    .isEmpty();

            assertThat(http.get("/v1/queues").token(beta).send().status())
                    .as("another tenant is not slowed down")
                    .isEqualTo(200);
            assertThat(http.get("/healthz").send().status()).isEqualTo(200);

            Thread.sleep(retryAfter * 1000);
            assertThat(http.get("/v1/queues").token(alpha).send().status())
                    .as("after Retry-After")
                    .isEqualTo(200);
            assertThat(http.get("/metrics").send().body()).contains("rate_limited");
        }
    }
}
