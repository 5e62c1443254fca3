package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash in the middle of a burst of submissions: a server in a child JVM takes jobs from 16 concurrent submitters,
 * each with an idempotency key per job and retrying when the connection fails; the server is killed ({@code kill -9})
 * while they submit and started again on the same data. Every acknowledged job is then there exactly once, in a
 * state it can be in, the jobs that ran keep their units, no unit is held by two jobs, and a submitter that sends a
 * key again gets the job first made with it. On the embedded database and on PostgreSQL.
 */
class DurabilityTest {
    private static final int SUBMITTERS = 16;
    private static final int JOBS_EACH = 30;
    private static final int TOTAL = SUBMITTERS * JOBS_EACH;

    /** Acknowledged submissions before the kill: well inside the burst. */
    private static final int KILL_AFTER = 150;

    /** The fleet of {@code durability.yaml}: two racks of 72 GPUs. */
    private static final int FLEET_GPUS = 144;

    private static final String[] TENANTS = {"alpha", "beta"};

    @TempDir
    Path tmp;

    private final List<ChildServer> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(ChildServer::close);
    }

    @Test
    @Timeout(240)
    void everyAcknowledgedJobSurvivesAKillOnTheEmbeddedDatabase() throws Exception {
        crashAndCheck(null);
    }

    @Test
    @Timeout(240)
    void everyAcknowledgedJobSurvivesAKillOnPostgresql() throws Exception {
        try (EmbeddedPostgres pg = Postgres.start(tmp.resolve("postgres.log"))) {
            try {
                crashAndCheck(pg.getJdbcUrl("postgres", "postgres"));
            } finally {
                killChildren();
            }
        }
    }

    /** One acknowledged submission. */
    private record Ack(long id, int status, boolean retried) {}

    private void crashAndCheck(String dbUrl) throws Exception {
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("server.log");
        ChildServer first = child(data, dbUrl, log);
        AtomicReference<URI> base = new AtomicReference<>(URI.create("http://127.0.0.1:" + first.port()));
        Http http = new Http(base::get);
        Map<String, String> tokens = new HashMap<>();
        for (String t : TENANTS) {
            tokens.put(t, LocalServer.issueToken(http, t).get("token").asText());
        }

        Map<String, Ack> acks = new ConcurrentHashMap<>();
        AtomicInteger acked = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS);
        try {
            List<Future<?>> submitters = new ArrayList<>();
            for (int i = 0; i < SUBMITTERS; i++) {
                String tenant = TENANTS[i % TENANTS.length];
                int submitter = i;
                submitters.add(pool.submit(() -> {
                    submit(http, submitter, tenant, tokens.get(tenant), acks, acked, log);
                    return null;
                }));
            }

            waitFor(() -> acked.get() >= KILL_AFTER / 2, "acknowledged submissions before the kill");
            Map<Long, JsonNode> runningBefore = placements(http, LocalServer.ADMIN);
            assertThat(runningBefore).as("jobs running before the kill").isNotEmpty();
            waitFor(() -> acked.get() >= KILL_AFTER, "acknowledged submissions before the kill");
            first.kill();
            int ackedAtKill = acked.get();
            ChildServer second = child(data, dbUrl, log);
            base.set(URI.create("http://127.0.0.1:" + second.port()));
            for (Future<?> f : submitters) {
                f.get(150, TimeUnit.SECONDS);
            }
            assertThat(ackedAtKill)
                    .as("acknowledged when the server was killed")
                    .isLessThan(TOTAL);
            assertThat(acks).hasSize(TOTAL);
            assertThat(acks.values().stream().filter(Ack::retried))
                    .as("submissions retried across the kill")
                    .isNotEmpty();
            assertThat(acks.values().stream().filter(a -> !a.retried() && a.status() != 201))
                    .as("first attempts not answered 201 Created")
                    .isEmpty();

            // every acknowledged job is there exactly once, with the id it was acknowledged with
            List<JsonNode> jobs = http.allJobs(LocalServer.ADMIN, null);
            Map<String, List<Long>> idsByName = new HashMap<>();
            for (JsonNode j : jobs) {
                idsByName
                        .computeIfAbsent(j.get("name").asText(), k -> new ArrayList<>())
                        .add(j.get("id").asLong());
                assertThat(j.get("state").asText())
                        .as("state of job %s", j.get("name").asText())
                        .isIn("queued", "running");
            }
            assertThat(jobs).hasSize(TOTAL);
            for (Map.Entry<String, Ack> e : acks.entrySet()) {
                assertThat(idsByName.get(e.getKey()))
                        .as("jobs submitted with key %s", e.getKey())
                        .containsExactly(e.getValue().id());
            }

            // the jobs that ran before the kill run on the same units after it, and no unit is held twice
            Map<Long, JsonNode> runningAfter = placements(http, LocalServer.ADMIN);
            for (Map.Entry<Long, JsonNode> e : runningBefore.entrySet()) {
                assertThat(runningAfter.get(e.getKey()))
                        .as("placement of job %d after the restart", e.getKey())
                        .isEqualTo(e.getValue());
            }
            Set<String> nodes = new HashSet<>();
            for (Map.Entry<Long, JsonNode> e : runningAfter.entrySet()) {
                for (JsonNode n : e.getValue().get("nodes")) {
                    assertThat(nodes.add(n.asText()))
                            .as("node %s of job %d is held by one job only", n.asText(), e.getKey())
                            .isTrue();
                }
            }
            JsonNode fleet =
                    http.get("/v1/fleet").token(LocalServer.ADMIN).send().json();
            assertThat(fleet.get("gpusAllocated").asInt()).isBetween(1, FLEET_GPUS);
            assertThat(nodes).hasSize(fleet.get("gpusAllocated").asInt() / 4);

            // a key sent again gets the job first made with it
            for (Map.Entry<String, Ack> e : acks.entrySet()) {
                String key = e.getKey();
                String tenant = TENANTS[Integer.parseInt(key.substring(1, key.indexOf('-'))) % TENANTS.length];
                Http.Answer again = http.post("/v1/jobs")
                        .token(tokens.get(tenant))
                        .header("Idempotency-Key", key)
                        .body(body(tenant, key))
                        .send();
                assertThat(again.status()).as("sending %s again", key).isEqualTo(200);
                assertThat(again.json().get("id").asLong())
                        .as("the job of %s", key)
                        .isEqualTo(e.getValue().id());
                assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            }
            assertThat(http.allJobs(LocalServer.ADMIN, null)).hasSize(TOTAL);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private ChildServer child(Path data, String dbUrl, Path log) throws IOException, InterruptedException {
        ChildServer c = ChildServer.start(data, "durability.yaml", 1, dbUrl, log);
        children.add(c);
        return c;
    }

    private static String body(String tenant, String key) {
        int gpus = key.hashCode() % 2 == 0 ? 4 : 8;
        return Http.job(tenant + "/train", gpus, "1000h", "\"name\": \"" + key + "\"");
    }

    /**
     * One submitter: its jobs one after another, each with its own key, sent again with the same key while the
     * connection fails or the server asks to retry.
     */
    private static void submit(
            Http http, int submitter, String tenant, String token, Map<String, Ack> acks, AtomicInteger acked, Path log)
            throws InterruptedException {
        for (int j = 0; j < JOBS_EACH; j++) {
            String key = "s" + submitter + "-" + j;
            String body = body(tenant, key);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            boolean retried = false;
            while (true) {
                try {
                    Http.Answer a = http.post("/v1/jobs")
                            .token(token)
                            .header("Idempotency-Key", key)
                            .body(body)
                            .trySend();
                    if (a.status() == 201 || a.status() == 200) {
                        acks.put(key, new Ack(a.json().get("id").asLong(), a.status(), retried));
                        acked.incrementAndGet();
                        break;
                    }
                    if (a.status() != 503) {
                        throw new AssertionError("submitting " + key + ": " + a + " " + a.headers()
                                + "\nthe servers' log:\n" + ChildServer.tail(log));
                    }
                } catch (IOException e) {
                    // the server is down: send the same key again
                }
                retried = true;
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("submitting " + key + ": no answer for 120 s");
                }
                Thread.sleep(25);
            }
            Thread.sleep(10);
        }
    }

    /** The placement of every running job, by id. */
    private static Map<Long, JsonNode> placements(Http http, String token) {
        Map<Long, JsonNode> out = new HashMap<>();
        for (JsonNode j : http.allJobs(token, "state=running")) {
            long id = j.get("id").asLong();
            JsonNode job = http.get("/v1/jobs/" + id).token(token).send().json();
            if (job.get("state").asText().equals("running")) {
                assertThat(job.get("placement").isObject())
                        .as("job %d runs somewhere", id)
                        .isTrue();
                out.put(id, job.get("placement"));
            }
        }
        return out;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + what);
            }
            Thread.sleep(5);
        }
    }
}
