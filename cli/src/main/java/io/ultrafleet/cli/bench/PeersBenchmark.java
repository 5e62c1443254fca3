package io.ultrafleet.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ultrafleet bench peers}: the same workload in CloudSim Plus and in Ultrafleet, each in a JVM of its own, one
 * after the other (Ultrafleet first), and whether both did the same work. The workload and both sides are described
 * in the benchmark classes ({@code io.ultrafleet.bench.peers}) and in {@code docs/benchmarks/placement-and-scale.md}.
 */
public final class PeersBenchmark {
    /** The CloudSim Plus version the bench module is built against (root pom, {@code cloudsimplus.version}). */
    public static final String CLOUDSIM_PLUS_VERSION = "8.5.7";

    static final String ULTRAFLEET_MAIN = "io.ultrafleet.bench.peers.UltrafleetPeer";
    static final String CLOUDSIM_PLUS_MAIN = "io.ultrafleet.bench.peers.CloudSimPlusPeer";

    /** Makespans may differ by this much: CloudSim Plus starts a cloudlet a fraction of a second after its VM. */
    static final double MAKESPAN_TOLERANCE_MIN = 1.0;

    /**
     * Both sides' figures, and every way in which their work differed (empty when it was the same).
     *
     * @param expectedWorkGpuMin GPU-minutes of the whole workload
     */
    public record Result(
            int hosts,
            long jobs,
            long expectedWorkGpuMin,
            PeerSide cloudSimPlus,
            PeerSide ultrafleet,
            List<String> differences) {
        public Result {
            differences = List.copyOf(differences);
        }

        public boolean sameWork() {
            return differences.isEmpty();
        }

        /** CloudSim Plus's wall time over Ultrafleet's. */
        public double speedup() {
            return cloudSimPlus.wallS() / ultrafleet.wallS();
        }

        /** Ultrafleet's peak heap as a share of CloudSim Plus's. */
        public double heapRatio() {
            return ultrafleet.peakHeapMib() / cloudSimPlus.peakHeapMib();
        }

        /** Ultrafleet's peak resident set as a share of CloudSim Plus's. */
        public double rssRatio() {
            return ultrafleet.peakRssMib() / cloudSimPlus.peakRssMib();
        }
    }

    private final ChildJvm jvm;

    public PeersBenchmark(ChildJvm jvm) {
        this.jvm = jvm;
    }

    /**
     * Runs both sides on {@code hosts} hosts and as many jobs drawn from {@code seed}; {@code progress} hears which
     * side starts.
     */
    public Result run(int hosts, long seed, java.util.function.Consumer<String> progress) {
        String[] args = {Integer.toString(hosts), Long.toString(seed)};
        progress.accept("Ultrafleet");
        var uf = jvm.run(ULTRAFLEET_MAIN, args);
        progress.accept("CloudSim Plus " + CLOUDSIM_PLUS_VERSION);
        var cs = jvm.run(CLOUDSIM_PLUS_MAIN, args);
        long jobs = Long.parseLong(uf.get("jobs"));
        long expected = Long.parseLong(uf.get("work_expected_gpu_min"));
        PeerSide u = PeerSide.of(uf);
        PeerSide c = PeerSide.of(cs);
        return new Result(hosts, jobs, expected, c, u, differences(jobs, expected, c, u));
    }

    static List<String> differences(long jobs, long expectedWork, PeerSide c, PeerSide u) {
        List<String> d = new ArrayList<>();
        for (PeerSide s : List.of(c, u)) {
            if (s.jobsCompleted() != jobs) {
                d.add(s.engine() + " completed " + s.jobsCompleted() + " of " + jobs + " jobs");
            }
            if (s.workGpuMin() != expectedWork) {
                d.add(s.engine() + " did " + s.workGpuMin() + " of " + expectedWork + " GPU-minutes");
            }
        }
        if (Math.abs(c.makespanMin() - u.makespanMin()) > MAKESPAN_TOLERANCE_MIN) {
            d.add(String.format(
                    Locale.ROOT,
                    "the last job ended at minute %.2f in CloudSim Plus and %.2f in Ultrafleet",
                    c.makespanMin(),
                    u.makespanMin()));
        }
        return d;
    }
}
