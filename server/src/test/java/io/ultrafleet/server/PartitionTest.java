package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader cut off from PostgreSQL (its connections go through a proxy the test cuts): it stops leading, a standby
 * leads and schedules, and when the leader's connections come back it rejoins as a standby. Then PostgreSQL itself
 * stops: submissions are refused with 503 and Retry-After while it is down, none is acknowledged that was not
 * committed, and the service comes back by itself when the database does.
 */
class PartitionTest {
    @TempDir
    Path tmp;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    @Timeout(300)
    void aLeaderCutOffFromTheDatabaseStopsAndAStandbyLeads() throws Exception {
        EmbeddedPostgres pg = Postgres.start(tmp.resolve("postgres.log"));
        toClose.add(pg);
        TcpProxy proxy = new TcpProxy(pg.getPort());
        toClose.add(proxy);
        ChildServer a = child("a", url(proxy.port()));
        Poll.until(() -> "leader".equals(a.role()), 60, "the first server leads");
        ChildServer b = child("b", url(pg.getPort()));
        Poll.until(() -> "standby".equals(b.role()), 60, "the second server stands by");
        String alpha =
                LocalServer.issueToken(Http.at(a.port()), "alpha").get("token").asText();
        long first = submit(a, alpha, "before-cut");
        Poll.until(() -> !"queued".equals(state(a, alpha, first)), 30, "a job starts before the cut");
        // the standby forecasts from the state it read last, and keeps that forecast while its reads of the state,
        // every 2 s, find nothing new: asked twice, more than two reads apart, the second answer is the kept one
        boolean kept = false;
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); !kept && System.nanoTime() < end; ) {
            forecastCached(b, alpha, first);
            Thread.sleep(4_500);
            kept = forecastCached(b, alpha, first);
        }
        assertThat(kept)
                .as("the standby's forecast kept across reads that found nothing new")
                .isTrue();

        proxy.cut();
        long cutAt = System.nanoTime();
        double aStopped = -1;
        double bLeads = -1;
        while ((aStopped < 0 || bLeads < 0) && System.nanoTime() - cutAt < TimeUnit.SECONDS.toNanos(60)) {
            double t = (System.nanoTime() - cutAt) / 1e9;
            if (aStopped < 0 && leaderGauge(a) == 0) {
                aStopped = t;
            }
            if (bLeads < 0 && "leader".equals(b.role())) {
                bLeads = t;
            }
            Thread.sleep(25);
        }
        System.out.printf(
                "partition: the cut-off leader stopped after %.2f s, the standby led after %.2f s%n", aStopped, bLeads);
        assertThat(aStopped)
                .as("seconds until the cut-off leader stops leading")
                .isBetween(0.0, 60.0);
        assertThat(bLeads).as("seconds until the standby leads").isBetween(0.0, 60.0);
        long second = submit(b, alpha, "after-cut");
        Poll.until(() -> !"queued".equals(state(b, alpha, second)), 30, "the new leader starts a job");
        assertThat(state(b, alpha, first)).as("the job started before the cut").isEqualTo("running");

        proxy.restore();
        Poll.until(() -> "standby".equals(a.role()), 60, "the former leader rejoins as a standby");
        assertThat(b.role()).isEqualTo("leader");
        Poll.until(
                () -> Http.at(a.port())
                        .get("/readyz")
                        .send()
                        .json()
                        .path("leader")
                        .asText()
                        .endsWith(":" + b.port()),
                30,
                "the former leader names the new leader");
    }

    @Test
    @Timeout(300)
    void submissionsWhileTheDatabaseIsDownAreRefusedWith503AndTheServiceRecovers() throws Exception {
        Path pgData = tmp.resolve("pgdata");
        EmbeddedPostgres pg = Postgres.start(tmp.resolve("postgres.log"), pgData, 0);
        int pgPort = pg.getPort();
        ChildServer s = child("s", url(pgPort));
        Poll.until(() -> "leader".equals(s.role()), 60, "the server leads");
        String alpha =
                LocalServer.issueToken(Http.at(s.port()), "alpha").get("token").asText();
        List<Long> acknowledged = new ArrayList<>();
        acknowledged.add(submit(s, alpha, "up-1"));

        pg.close();
        int refused = 0;
        for (int i = 0; i < 10; i++) {
            long t0 = System.nanoTime();
            Http.Answer a = Http.at(s.port())
                    .post("/v1/jobs")
                    .token(alpha)
                    .header("Idempotency-Key", "down-" + i)
                    .body(Http.job("alpha/train", 4, "1h", "\"name\": \"down-" + i + "\""))
                    .send();
            assertThat(a.status())
                    .as("a submission while the database is down: %s", a)
                    .isIn(401, 503);
            if (a.status() == 503) {
                refused++;
                assertThat(a.header("Retry-After")).as("Retry-After of %s", a).isNotNull();
                assertThat(a.json().get("detail").asText()).doesNotContain("Exception");
            }
            assertThat((System.nanoTime() - t0) / 1e9).as("seconds to refuse").isLessThan(40);
        }
        assertThat(refused).as("submissions refused with 503").isPositive();

        EmbeddedPostgres again = Postgres.start(tmp.resolve("postgres2.log"), pgData, pgPort);
        toClose.add(again);
        Poll.until(() -> "leader".equals(s.role()), 60, "the server leads again once the database is back");
        for (int i = 0; i < 3; i++) {
            acknowledged.add(submit(s, alpha, "back-" + i));
        }
        Http http = Http.at(s.port());
        List<JsonNode> jobs = http.allJobs(LocalServer.ADMIN, null);
        List<Long> ids = jobs.stream().map(j -> j.get("id").asLong()).toList();
        assertThat(ids).as("jobs after the restart").containsAll(acknowledged);
        for (JsonNode j : jobs) {
            assertThat(j.get("name").asText())
                    .as("a job stored while the database was down")
                    .doesNotStartWith("down-");
        }
    }

    private ChildServer child(String name, String url) throws IOException, InterruptedException {
        ChildServer c = ChildServer.withLease(tmp, name, url, 3_000);
        toClose.add(c);
        return c;
    }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    private static long submit(ChildServer s, String token, String name) {
        Http.Answer a = Http.at(s.port())
                .post("/v1/jobs")
                .token(token)
                .header("Idempotency-Key", name)
                .body(Http.job("alpha/train", 4, "1h", "\"name\": \"" + name + "\""))
                .send();
        assertThat(a.status()).as("submitting %s: %s", name, a).isIn(200, 201);
        return a.json().get("id").asLong();
    }

    /** Whether job {@code id}'s forecast from {@code s} was one it kept, not one made for this request. */
    private static boolean forecastCached(ChildServer s, String token, long id) {
        Http.Answer a = Http.at(s.port())
                .get("/v1/jobs/" + id + "/forecast")
                .token(token)
                .send();
        assertThat(a.status()).as("the forecast: %s", a).isEqualTo(200);
        return a.json().get("cached").asBoolean();
    }

    private static String state(ChildServer s, String token, long id) {
        return Http.at(s.port())
                .get("/v1/jobs/" + id)
                .token(token)
                .send()
                .json()
                .path("state")
                .asText();
    }

    /** The value of {@code ultrafleet_leader} in the server's metrics, or -1 when it does not answer. */
    private static int leaderGauge(ChildServer s) {
        try {
            String text = Http.at(s.port()).get("/metrics").trySend().body();
            for (String line : text.split("\n")) {
                if (line.startsWith("ultrafleet_leader ")) {
                    return (int) Double.parseDouble(
                            line.substring("ultrafleet_leader ".length()).strip());
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
