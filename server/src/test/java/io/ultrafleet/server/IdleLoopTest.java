package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler loop waits when it has nothing to do, and a standby reads the whole state only when it changed. The
 * loop once went round without pause while a job waited: on a standby between its reads of the state (it waited for the leader's timers, which a standby never moves on), and on a
 * leader once the hourly backfill pass came due with no cycle wanted (the pass runs with a cycle, and nothing asked for
 * one): a core busy for as long as that lasted. A loop that never waits uses a whole core (1.0 here); an idle server
 * uses a few per cent, and the JVM's own threads little more.
 */
class IdleLoopTest {
    private static final Pattern READS = Pattern.compile("ultrafleet_state_read_seconds_count ([0-9.E+]+)");

    @TempDir
    Path tmp;

    private final List<ChildServer> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(ChildServer::close);
    }

    @Test
    @Timeout(120)
    void aLeaderWithAWaitingJobIdlesPastTheBackfillPass() throws Exception {
        // ten minutes of the server's clock a second: the hourly backfill pass comes due every 6 s
        ChildServer leader =
                ChildServer.start(tmp.resolve("data"), "durability.yaml", 600, null, tmp.resolve("server.log"));
        started.add(leader);
        submitRackJobs(leader, 3, "30d");
        TimeUnit.SECONDS.sleep(8); // past the first backfill pass after the jobs' cycle
        double cores = coresOver(leader, 8);
        assertThat(cores)
                .as("cores the leader used with a job waiting and nothing happening")
                .isLessThan(0.5);
        String metrics = Http.at(leader.port()).get("/metrics").send().body();
        assertThat(jobs(metrics, "running")).isEqualTo(2.0);
        assertThat(jobs(metrics, "queued")).isEqualTo(1.0);
    }

    @Test
    @Timeout(300)
    void aStandbyReadsTheStateWhenItChangedAndIdlesBetween() throws Exception {
        try (EmbeddedPostgres pg = Postgres.start(tmp.resolve("postgres.log"))) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            ChildServer leader = start(0, url);
            ChildServer standby = start(1, url);
            assertThat(leader.role()).isEqualTo("leader");
            assertThat(standby.role()).isEqualTo("standby");
            submitRackJobs(leader, 3, "10m");

            // let the standby's JVM settle after its start and read the jobs, then watch it for a while
            waitForQueued(standby, 1.0);
            double reads0 = reads(standby);
            double cores = coresOver(standby, 8);
            double reads = reads(standby) - reads0;

            // nothing changed: it asks where the stored state stands every 2 s, and reads it again at most once (a
            // minute after its last read, whatever the revision says)
            assertThat(reads)
                    .as("reads of the whole state in 8 s with nothing changed")
                    .isLessThanOrEqualTo(1.0);
            assertThat(cores).as("cores the standby used while it stood by").isLessThan(0.5);
            // and what it shows is the leader's state
            String metrics = Http.at(standby.port()).get("/metrics").send().body();
            assertThat(jobs(metrics, "running")).isEqualTo(2.0);
            assertThat(jobs(metrics, "queued")).isEqualTo(1.0);

            // a change on the leader reaches it at its next question, a couple of seconds later
            submitRackJobs(leader, 1, "10m");
            long t0 = System.nanoTime();
            waitForQueued(standby, 2.0);
            assertThat((System.nanoTime() - t0) / 1e9)
                    .as("seconds until the standby showed a new job")
                    .isLessThan(30.0);
            assertThat(reads(standby)).isGreaterThan(reads0 + reads);
        }
    }

    /** {@code n} jobs of a whole rack each: on the test fleet's two racks, all but two wait. */
    private static void submitRackJobs(ChildServer s, int n, String duration) {
        for (int i = 0; i < n; i++) {
            Http.Answer a = Http.at(s.port())
                    .post("/v1/jobs")
                    .token(LocalServer.ADMIN)
                    .body(Http.job("alpha/train", 72, duration, "\"name\": \"rack-" + i + "\""))
                    .send();
            assertThat(a.status()).as("%s", a).isEqualTo(201);
        }
    }

    /** The CPU {@code s} uses over the next {@code seconds}, in cores. */
    private static double coresOver(ChildServer s, int seconds) throws InterruptedException {
        double cpu0 = s.cpuSeconds();
        long t0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        return (s.cpuSeconds() - cpu0) / ((System.nanoTime() - t0) / 1e9);
    }

    private ChildServer start(int slot, String url) throws Exception {
        ChildServer c = ChildServer.withLease(tmp, Integer.toString(slot), url, 3_000);
        started.add(c);
        return c;
    }

    private static double reads(ChildServer s) {
        Matcher m = READS.matcher(Http.at(s.port()).get("/metrics").send().body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static double jobs(String metrics, String state) {
        Matcher m = Pattern.compile("ultrafleet_jobs\\{queue=\"alpha/train\",state=\"" + state + "\",?} ([0-9.E+]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void waitForQueued(ChildServer s, double queued) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (jobs(Http.at(s.port()).get("/metrics").send().body(), "queued") != queued) {
            assertThat(System.nanoTime())
                    .as("the standby shows %s queued jobs within 60 s", queued)
                    .isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
