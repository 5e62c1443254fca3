package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ultrafleet.server.executor.slurm.SlurmRest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code ultrafleet serve} on a real Slurm lab (2 clusters x 4 racks x 4 nodes x 4 GPUs, blocks of 2 racks): gangs
 * land where the core put them, a node lost under a job sends it back to the queue, a crash of the server loses and
 * repeats nothing, and a preempted job gets its signal first. Needs root and Debian's Slurm ({@code -Pslurm}).
 */
@Tag("slurm")
class SlurmExecutorTest {
    private static final String ADMIN = LocalServer.ADMIN;
    private static final String TRAP_USR1 =
            "trap \"touch %s/sig-$ULTRAFLEET_JOB_ID-$ULTRAFLEET_RUN; exit 0\" USR1;" + " sleep 600 & wait";
    private static SlurmLab lab;
    private final List<AutoCloseable> servers = new ArrayList<>();
    /** Slurm jobs of earlier tests (whose servers gave the same ids): left out of every look at Slurm. */
    private static final Set<String> EARLIER = new HashSet<>();

    @BeforeAll
    static void up() throws Exception {
        lab = SlurmLab.up(46800, "  gracePeriod: 4s\n  startTimeout: 40s\n  pollInterval: 250ms\n");
    }

    @AfterAll
    static void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void forgetEarlierJobs() throws Exception {
        lab.jobs().forEach(j -> EARLIER.add(j.key()));
    }

    @AfterEach
    void clear() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
        servers.clear();
        lab.clear();
    }

    private Http server() {
        LocalServer s = LocalServer.start(lab.fleetFile.toString(), 1.0, 50_000);
        servers.add(s);
        return s.http();
    }

    @Test
    void gangsLandWhereTheCorePutThemOnTwoClustersAndSmallJobsPack() throws Exception {
        Http http = server();
        List<Long> small = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            small.add(submit(http, "lab/default", 4, "10m", null));
        }
        for (long id : small) {
            awaitRunning(http, id, 1);
        }
        List<Long> gangs = new ArrayList<>();
        gangs.add(submit(http, "lab/default", 16, "10m", null));
        for (int i = 0; i < 3; i++) {
            gangs.add(submit(http, "lab/default", 32, "10m", null));
        }
        Set<String> sites = new HashSet<>();
        Set<String> smallRacks = new HashSet<>();
        List<Long> all = new ArrayList<>(small);
        all.addAll(gangs);
        for (long id : all) {
            JsonNode p = awaitRunning(http, id, 1);
            List<String> nodes = nodes(p);
            awaitSlurmRunning(id);
            assertThat(slurmNodes(id)).as("Slurm's nodes of job %d", id).containsExactlyInAnyOrderElementsOf(nodes);
            sites.add(p.get("site").asText());
            int gpus = job(http, id).get("gpus").asInt();
            assertThat(nodes).hasSize(gpus / 4);
            assertThat(p.get("blocks")).as("blocks of job %d", id).hasSize(1);
            assertThat(p.get("racks")).hasSize(Math.max(1, gpus / 16));
            if (gpus == 4) {
                smallRacks.add(nodes.get(0).substring(0, nodes.get(0).lastIndexOf('-')));
            }
        }
        assertThat(sites).containsExactlyInAnyOrder("site1", "site2");
        assertThat(smallRacks).as("racks of the small jobs").hasSize(1);
        JsonNode fleet = http.get("/v1/fleet").token(ADMIN).send().json();
        assertThat(fleet.get("gpusFree").asInt()).isZero();
    }

    @Test
    void aNodeLostUnderAGangSendsItBackToTheQueueAndItsReturnBringsItBack() throws Exception {
        Http http = server();
        long id = submit(http, "lab/default", 32, "10m", null);
        List<String> before = nodes(awaitRunning(http, id, 1));
        String dead = before.get(before.size() - 1);
        lab.stopNode(dead);
        JsonNode after = awaitRunning(http, id, 2);
        List<String> nodes = nodes(after);
        assertThat(nodes).doesNotContain(dead).hasSize(8);
        awaitSlurmRunning(id);
        assertThat(slurmNodes(id)).containsExactlyInAnyOrderElementsOf(nodes);
        assertThat(events(http, id)).anyMatch(e -> e.contains("interrupted"));
        SlurmLab.await(Duration.ofSeconds(30), "the lost node out of the fleet", () -> gpusDown(http) == 4);
        SlurmLab.await(Duration.ofSeconds(30), "a forecast kept while nothing changes", () -> forecastCached(http, id));
        lab.startNode(dead);
        SlurmLab.await(Duration.ofSeconds(30), "the node back in the fleet", () -> gpusDown(http) == 0);
        // the node's return writes no row, yet the fleet changed: the forecast kept from before is out of date
        assertThat(forecastCached(http, id))
                .as("a forecast made after the node came back")
                .isFalse();
    }

    @Test
    void aCrashOfTheServerLosesNothingAndStartsNothingTwice() throws Exception {
        Path data = Files.createTempDirectory("ufslurm-data");
        Path log = data.resolve("server.log");
        ChildServer first = ChildServer.start(data, lab.fleetFile.toString(), 1.0, null, log);
        servers.add(first);
        Http http = Http.at(first.port());
        long longGang = submit(http, "lab/default", 16, "10m", null);
        long shortOne = submit(http, "lab/default", 4, "10m", "\"command\": [\"sleep\", \"6\"]");
        long longSmall = submit(http, "lab/default", 4, "10m", null);
        for (long id : List.of(longGang, shortOne, longSmall)) {
            awaitRunning(http, id, 1);
            SlurmLab.await(
                    Duration.ofSeconds(30),
                    "job " + id + " running in Slurm",
                    () -> !slurmNodes(id).isEmpty());
        }
        first.kill();
        // a job of ours Slurm runs that the database does not know: cancelled by the next start
        var stray = SlurmRest.object();
        stray.put("name", "uf-987654");
        stray.put("partition", "lab");
        stray.put("nodes", "1");
        stray.put("time_limit", 5);
        stray.put("current_working_directory", "/tmp");
        stray.put("standard_output", "/dev/null");
        stray.putObject("environment").put("PATH", "/bin:/usr/bin");
        long strayId = lab.rest.get("lab1").submit("#!/bin/bash\nsleep 300\n", stray);
        SlurmLab.await(
                Duration.ofSeconds(40),
                "the short job to end in Slurm while the server is down",
                () -> slurmStates(shortOne).equals(List.of("COMPLETED")));
        ChildServer second = ChildServer.start(data, lab.fleetFile.toString(), 1.0, null, log);
        servers.add(second);
        Http again = Http.at(second.port());
        SlurmLab.await(
                Duration.ofSeconds(20),
                "the short job's final state",
                () -> job(again, shortOne).get("state").asText().equals("succeeded"));
        for (long id : List.of(longGang, longSmall)) {
            JsonNode j = job(again, id);
            assertThat(j.get("state").asText()).isEqualTo("running");
            assertThat(j.get("runs").asInt()).isEqualTo(1);
        }
        SlurmLab.await(Duration.ofSeconds(20), "the stray job cancelled", () -> {
            try {
                return lab.jobs().stream()
                        .anyMatch(j -> j.cluster().equals("lab1")
                                && j.id() == strayId
                                && j.state().equals("CANCELLED"));
            } catch (IOException e) {
                return false;
            }
        });
        Thread.sleep(2_000);
        for (long id : List.of(longGang, shortOne, longSmall)) {
            assertThat(slurmStates(id)).as("Slurm jobs of job %d", id).hasSize(1);
        }
        assertThat(slurmStates(longGang)).containsExactly("RUNNING");
        assertThat(slurmStates(longSmall)).containsExactly("RUNNING");
    }

    @Test
    void aFailoverOnPostgresqlLeavesGangsRunningInSlurmAndDispatchesNothingTwice() throws Exception {
        Path data = Files.createTempDirectory("ufslurm-ha");
        try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = Postgres.start(data.resolve("postgres.log"))) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            java.util.Map<String, String> env = java.util.Map.of("ULTRAFLEET_LEASE_MS", "3000");
            ChildServer a = ChildServer.start(
                    data.resolve("a"), lab.fleetFile.toString(), 1.0, url, data.resolve("a.log"), env);
            servers.add(a);
            SlurmLab.await(
                    Duration.ofSeconds(60),
                    "the first server leads",
                    () -> a.role().equals("leader"));
            ChildServer b = ChildServer.start(
                    data.resolve("b"), lab.fleetFile.toString(), 1.0, url, data.resolve("b.log"), env);
            servers.add(b);
            SlurmLab.await(
                    Duration.ofSeconds(60),
                    "the second server stands by",
                    () -> b.role().equals("standby"));
            Http http = Http.at(a.port());
            long block = submit(http, "lab/default", 32, "10m", null);
            long rack = submit(http, "lab/default", 16, "10m", null);
            for (long id : List.of(block, rack)) {
                awaitRunning(http, id, 1);
                awaitSlurmRunning(id);
            }
            List<String> blockNodes = slurmNodes(block);
            a.kill();
            SlurmLab.await(
                    Duration.ofSeconds(30), "the standby leads", () -> b.role().equals("leader"));
            Http next = Http.at(b.port());
            long after = submit(next, "lab/default", 4, "10m", null);
            awaitRunning(next, after, 1);
            awaitSlurmRunning(after);
            Thread.sleep(3_000); // rounds of the new leader's links over the runs it took over
            for (long id : List.of(block, rack)) {
                JsonNode j = job(next, id);
                assertThat(j.get("state").asText())
                        .as("job %d after the failover", id)
                        .isEqualTo("running");
                assertThat(j.get("runs").asInt()).as("runs of job %d", id).isEqualTo(1);
                assertThat(slurmStates(id)).as("Slurm jobs of job %d", id).containsExactly("RUNNING");
            }
            assertThat(slurmNodes(block)).as("the block gang's nodes").isEqualTo(blockNodes);
            assertThat(slurmStates(after)).containsExactly("RUNNING");
        }
    }

    @Test
    void aPreemptedJobGetsItsSignalBeforeItEndsAndWaitsAgain() throws Exception {
        Http http = server();
        assertThat(http.put("/v1/queues/lab/urgent")
                        .token(ADMIN)
                        .body("{\"priorityClass\": \"production\"}")
                        .send()
                        .status())
                .isIn(200, 201);
        String command = "\"command\": [\"bash\", \"-c\", \""
                + String.format(TRAP_USR1, lab.shared).replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        List<Long> low = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            low.add(submit(http, "lab/default", 32, "30m", command));
        }
        for (long id : low) {
            awaitRunning(http, id, 1);
            awaitSlurmRunning(id);
        }
        Thread.sleep(1_000);
        long urgent = submit(http, "lab/urgent", 32, "10m", null);
        JsonNode p = awaitRunning(http, urgent, 1);
        long victim = -1;
        for (long id : low) {
            if (job(http, id).get("state").asText().equals("queued")) {
                victim = id;
            }
        }
        assertThat(victim).as("a preempted job").isPositive();
        long v = victim;
        assertThat(events(http, v)).anyMatch(e -> e.contains("preempted"));
        assertThat(lab.shared.resolve("sig-" + v + "-1"))
                .as("the signal reached the job")
                .exists();
        SlurmLab.await(
                Duration.ofSeconds(30),
                "the urgent job running in Slurm",
                () -> !slurmNodes(urgent).isEmpty());
        assertThat(slurmNodes(urgent)).containsExactlyInAnyOrderElementsOf(nodes(p));
        assertThat(slurmStates(v)).doesNotContain("RUNNING", "PENDING");
    }

    @Test
    void aClusterThatCannotBeReachedKeepsItsJobsGetsNoNewWorkAndComesBackByItself() throws Exception {
        Http http = server();
        long first = submit(http, "lab/default", 16, "10m", null);
        JsonNode p = awaitRunning(http, first, 1);
        awaitSlurmRunning(first);
        String site = p.get("site").asText();
        String cluster = "lab" + site.substring("site".length());
        String other = cluster.equals("lab1") ? "lab2" : "lab1";
        lab.stopRestd(cluster);
        try {
            SlurmLab.await(Duration.ofSeconds(20), cluster + " unreachable in /readyz", () -> {
                JsonNode r = http.get("/readyz").send().json();
                return r.get("status").asText().equals("degraded")
                        && r.get("clusters").get(cluster).asText().equals("unreachable")
                        && r.get("clusters").get(other).asText().equals("reachable");
            });
            assertThat(http.get("/metrics").send().body())
                    .containsPattern("ultrafleet_cluster_reachable\\{cluster=\"" + cluster + "\",?} 0(\\.0)?\n");
            // the other cluster's two free blocks take two block-sized gangs; the third would fit only where Slurm
            // cannot be reached, and waits
            List<Long> gangs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                gangs.add(submit(http, "lab/default", 32, "10m", null));
            }
            Set<Long> started = new HashSet<>();
            SlurmLab.await(Duration.ofSeconds(60), "two gangs running", () -> {
                for (long id : gangs) {
                    if (job(http, id).get("state").asText().equals("running")) {
                        started.add(id);
                    }
                }
                return started.size() == 2;
            });
            for (long id : started) {
                assertThat(job(http, id).get("placement").get("site").asText()).isNotEqualTo(site);
            }
            long waiting = gangs.stream()
                    .filter(id -> !started.contains(id))
                    .findFirst()
                    .orElseThrow();
            Thread.sleep(3_000);
            assertThat(job(http, waiting).get("state").asText()).isEqualTo("queued");
            JsonNode kept = job(http, first);
            assertThat(kept.get("state").asText()).isEqualTo("running");
            assertThat(kept.get("runs").asInt()).isEqualTo(1);
            lab.startRestd(cluster);
            SlurmLab.await(
                    Duration.ofSeconds(20),
                    "every cluster reachable again",
                    () -> http.get("/readyz")
                            .send()
                            .json()
                            .get("status")
                            .asText()
                            .equals("ready"));
            JsonNode late = awaitRunning(http, waiting, 1);
            assertThat(late.get("site").asText()).isEqualTo(site);
            awaitSlurmRunning(waiting);
            assertThat(slurmNodes(waiting)).containsExactlyInAnyOrderElementsOf(nodes(late));
            assertThat(slurmStates(first)).containsExactly("RUNNING");
            assertThat(job(http, first).get("runs").asInt()).isEqualTo(1);
        } finally {
            try {
                lab.startRestd(cluster); // after a failure: the lab whole again for the next test
            } catch (AssertionError alreadyUp) {
                // it runs again
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static long submit(Http http, String queue, int gpus, String duration, String extra) {
        Http.Answer a = http.post("/v1/jobs")
                .token(ADMIN)
                .body(Http.job(queue, gpus, duration, extra))
                .send();
        assertThat(a.status()).as(a.body()).isIn(200, 201, 202);
        return a.json().get("id").asLong();
    }

    private static JsonNode job(Http http, long id) {
        return http.get("/v1/jobs/" + id).token(ADMIN).send().json();
    }

    private static List<String> events(Http http, long id) {
        List<String> out = new ArrayList<>();
        http.get("/v1/jobs/" + id + "/events")
                .token(ADMIN)
                .send()
                .json()
                .get("items")
                .forEach(e -> out.add(e.get("text").asText()));
        return out;
    }

    private static int gpusDown(Http http) {
        return http.get("/v1/fleet").token(ADMIN).send().json().get("gpusDown").asInt();
    }

    /** Waits until job {@code id} runs in its {@code run}-th run, and returns its placement. */
    private static JsonNode awaitRunning(Http http, long id, int run) throws InterruptedException {
        JsonNode[] last = new JsonNode[1];
        SlurmLab.await(Duration.ofSeconds(60), "job " + id + " running (run " + run + ")", () -> {
            last[0] = job(http, id);
            return last[0].get("state").asText().equals("running")
                    && last[0].get("runs").asInt() == run
                    && !last[0].get("placement").isNull();
        });
        return last[0].get("placement");
    }

    /** Whether job {@code id}'s forecast was the one the server kept, not one made for this request. */
    private static boolean forecastCached(Http http, long id) {
        return http.get("/v1/jobs/" + id + "/forecast")
                .token(ADMIN)
                .send()
                .json()
                .get("cached")
                .asBoolean();
    }

    private static void awaitSlurmRunning(long id) throws InterruptedException {
        SlurmLab.await(
                Duration.ofSeconds(30),
                "job " + id + " running in Slurm",
                () -> !slurmNodes(id).isEmpty());
    }

    private static List<String> nodes(JsonNode placement) {
        List<String> out = new ArrayList<>();
        placement.get("nodes").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The nodes Slurm runs job {@code id}'s live Slurm job on (empty while it is not running). */
    private static List<String> slurmNodes(long id) {
        try {
            for (SlurmLab.LabJob j : lab.jobs()) {
                if (!EARLIER.contains(j.key())
                        && j.name().equals("uf-" + id)
                        && j.state().equals("RUNNING")) {
                    return j.nodes();
                }
            }
            return List.of();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The Slurm states of every Slurm job carrying job {@code id}. */
    private static List<String> slurmStates(long id) {
        try {
            List<String> out = new ArrayList<>();
            for (SlurmLab.LabJob j : lab.jobs()) {
                if (!EARLIER.contains(j.key()) && j.name().equals("uf-" + id)) {
                    out.add(j.state());
                }
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
