package io.ultrafleet.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench failover}: three servers on one embedded PostgreSQL under a steady submission load; once a round the
 * leader is killed with SIGKILL, the time until another server's {@code /readyz} says it leads is measured, and the
 * killed server is started again as a standby. After each round the database is checked for units held twice or
 * held by a job that is not running; at the end every acknowledged submission is looked up by its key.
 *
 * <p>With a soak length, the load runs at a fixed rate for that long instead, with a leader kill every five
 * minutes, and the slopes of the leader's heap and of PostgreSQL's open connections over the run are reported.
 */
public final class FailoverBenchmark {
    /** What one run measured; the soak figures are null without a soak. */
    public record Result(
            int rounds,
            int acknowledged,
            int lost,
            int duplicated,
            int doubleAllocatedRacks,
            double takeoverP50S,
            double takeoverP99S,
            double rate,
            Double soakMinutes,
            Double heapSlopeMibPerHour,
            Double connectionsSlopePerHour) {}

    static final int SERVERS = 3;
    static final double LEASE_S = 3;
    private static final int CLIENTS = 4;
    /** Acknowledged submissions each round waits for before its kill: 1,000 over the default 10 rounds. */
    static final int PER_ROUND = 100;

    private static final long SOAK_KILL_EVERY_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)");

    private final int rounds;
    private final double rate;
    private final double soakMinutes;
    private final int racks;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final List<Double> takeovers = new ArrayList<>();
    private int leader = -1;
    private long epoch = -1;
    private int doubleAllocated;

    /**
     * @param rounds leader kills (ignored with a soak, which kills every five minutes)
     * @param rate submissions a second the clients aim at in all
     * @param soakMinutes the soak's length, or 0 for the rounds
     */
    public FailoverBenchmark(int rounds, double rate, double soakMinutes) {
        this(rounds, rate, soakMinutes, 8);
    }

    /** As above, on a fleet of {@code racks} NVL72 racks (8 by default; more for a soak at a high rate). */
    public FailoverBenchmark(int rounds, double rate, double soakMinutes, int racks) {
        this.racks = racks;
        this.rounds = rounds;
        this.rate = rate;
        this.soakMinutes = soakMinutes;
    }

    public Result run() throws Exception {
        try (FailoverCluster cluster = FailoverCluster.start(SERVERS, LEASE_S, racks)) {
            awaitLeader(cluster, -1, System.nanoTime());
            Map<String, Long> acks;
            int conflicting;
            double[] slopes = null;
            try (Connection db = cluster.database()) {
                FailoverLoad load = new FailoverLoad(cluster, CLIENTS, rate);
                try {
                    if (soakMinutes > 0) {
                        slopes = soak(cluster, load, db);
                    } else {
                        for (int round = 1; round <= rounds; round++) {
                            round(cluster, load, db, round);
                        }
                    }
                    load.check();
                } finally {
                    load.close();
                }
                acks = load.acks();
                conflicting = load.conflicting();
                doubleAllocated += wrongHolds(db);
                awaitInboxEmpty(db);
                int[] lostDup = compare(db, acks);
                double[] sorted = takeovers.stream()
                        .mapToDouble(Double::doubleValue)
                        .sorted()
                        .toArray();
                return new Result(
                        takeovers.size(),
                        acks.size(),
                        lostDup[0],
                        lostDup[1] + conflicting,
                        doubleAllocated,
                        percentile(sorted, 0.50),
                        percentile(sorted, 0.99),
                        rate,
                        soakMinutes > 0 ? soakMinutes : null,
                        slopes == null ? null : slopes[0],
                        slopes == null ? null : slopes[1]);
            }
        }
    }

    /** One round: enough acknowledged submissions and every server up, then the leader killed and replaced. */
    private void round(FailoverCluster cluster, FailoverLoad load, Connection db, int round)
            throws IOException, InterruptedException, SQLException {
        int target = load.acknowledged() + PER_ROUND;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (load.acknowledged() < target || !allReady(cluster)) {
            load.check();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("round " + round + ": " + load.acknowledged() + " of " + target
                        + " submissions acknowledged and " + (allReady(cluster) ? "" : "not ")
                        + "every server ready after 120 s");
            }
            Thread.sleep(50);
        }
        killLeader(cluster);
        doubleAllocated += wrongHolds(db);
    }

    /** Kills the leader, measures the time until another leads, and starts the killed one again. */
    private void killLeader(FailoverCluster cluster) throws IOException, InterruptedException {
        int killed = leader;
        long killedAt = System.nanoTime();
        cluster.kill(killed);
        awaitLeader(cluster, killed, killedAt);
        takeovers.add((System.nanoTime() - killedAt) / 1e9);
        cluster.restart(killed);
    }

    private static boolean allReady(FailoverCluster cluster) {
        for (int i = 0; i < cluster.size(); i++) {
            if (cluster.readyz(i) == null) {
                return false;
            }
        }
        return true;
    }

    /** Waits until a server other than {@code not} says it leads in a later epoch than the last leader's. */
    private void awaitLeader(FailoverCluster cluster, int not, long since) throws InterruptedException {
        long deadline = since + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            int found = -1;
            long foundEpoch = -1;
            int leaders = 0;
            for (int i = 0; i < cluster.size(); i++) {
                JsonNode ready = i == not ? null : cluster.readyz(i);
                if (ready != null && "leader".equals(ready.path("role").asText())) {
                    long e = ready.path("epoch").asLong(-1);
                    if (e > epoch) {
                        leaders++;
                        found = i;
                        foundEpoch = e;
                    }
                }
            }
            if (leaders > 1) {
                throw new IllegalStateException("two servers say they lead in a new epoch at once");
            }
            if (found >= 0) {
                leader = found;
                epoch = foundEpoch;
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no server took the lead within 60 s");
    }

    /**
     * Units that are wrong at this moment: held by more than one job, or by a job that is not running (or by no
     * known job). One statement, so one snapshot of the database.
     */
    static int wrongHolds(Connection db) throws SQLException {
        return (int) count(
                db,
                "SELECT COUNT(*) FROM (SELECT h.rack, h.unit FROM held_units h LEFT JOIN jobs j ON j.id = h.job_id"
                        + " WHERE j.id IS NULL OR j.state <> 'running'"
                        + " UNION SELECT rack, unit FROM held_units GROUP BY rack, unit HAVING COUNT(*) > 1) w");
    }

    /** The leader takes what standbys were given: wait until the inbox is empty before counting. */
    private static void awaitInboxEmpty(Connection db) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(db, "SELECT COUNT(*) FROM job_inbox") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the leader did not empty the job inbox within 60 s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * {lost, duplicated}: acknowledged keys whose acknowledged id is not in the jobs table under that key, and keys
     * with more than one job.
     */
    static int[] compare(Connection db, Map<String, Long> acks) throws SQLException {
        Map<String, List<Long>> byKey = new HashMap<>();
        try (Statement s = db.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT idempotency_key, id FROM jobs WHERE idempotency_key LIKE 'fb-%'")) {
            while (rs.next()) {
                byKey.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        int lost = 0;
        int duplicated = 0;
        for (Map.Entry<String, Long> e : acks.entrySet()) {
            List<Long> ids = byKey.getOrDefault(e.getKey(), List.of());
            if (!ids.contains(e.getValue())) {
                lost++;
            }
            if (ids.size() > 1) {
                duplicated++;
            }
        }
        return new int[] {lost, duplicated};
    }

    /**
     * The soak: the load at its rate for the soak's length, the leader killed every five minutes, the leader's heap
     * and PostgreSQL's connections sampled every 10 s. Returns their slopes, MiB and connections an hour.
     */
    private double[] soak(FailoverCluster cluster, FailoverLoad load, Connection db)
            throws IOException, InterruptedException, SQLException {
        long start = System.nanoTime();
        long end = start + (long) (soakMinutes * 60e9);
        long nextKill = start + SOAK_KILL_EVERY_NANOS;
        List<double[]> heap = new ArrayList<>();
        List<double[]> connections = new ArrayList<>();
        while (System.nanoTime() < end) {
            load.check();
            double hours = (System.nanoTime() - start) / 3.6e12;
            Double used = leaderHeapBytes(cluster);
            if (used != null) {
                heap.add(new double[] {hours, used / (1 << 20)});
            }
            connections.add(new double[] {hours, count(db, "SELECT COUNT(*) FROM pg_stat_activity")});
            if (System.nanoTime() >= nextKill && allReady(cluster)) {
                killLeader(cluster);
                doubleAllocated += wrongHolds(db);
                nextKill += SOAK_KILL_EVERY_NANOS;
            }
            Thread.sleep(Math.max(0, Math.min(10_000, (end - System.nanoTime()) / 1_000_000)));
        }
        return new double[] {slope(heap), slope(connections)};
    }

    /** The leader's heap in use from its {@code /metrics}, or null when it does not answer. */
    private Double leaderHeapBytes(FailoverCluster cluster) throws InterruptedException {
        int port = cluster.port(leader);
        if (port == 0) {
            return null;
        }
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            double used = 0;
            boolean any = false;
            Matcher m = HEAP.matcher(r.body());
            while (m.find()) {
                used += Double.parseDouble(m.group(1));
                any = true;
            }
            return any ? used : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The least-squares slope of y over x of the points, or 0 with fewer than two. */
    static double slope(List<double[]> points) {
        int n = points.size();
        if (n < 2) {
            return 0;
        }
        double mx = 0;
        double my = 0;
        for (double[] p : points) {
            mx += p[0] / n;
            my += p[1] / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Nearest-rank percentile of sorted values; NaN when there are none. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
