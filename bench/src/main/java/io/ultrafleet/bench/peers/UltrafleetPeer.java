package io.ultrafleet.bench.peers;

import io.ultrafleet.bench.run.ResultLine;
import io.ultrafleet.bench.run.RunMeter;
import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.Decision;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.SchedulingCycle;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.spec.SchedulerSpec;
import io.ultrafleet.twin.engine.Simulation;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import io.ultrafleet.workload.TopologyLevel;
import java.util.List;

/**
 * Ultrafleet's side of {@code ultrafleet bench peers}, run in its own JVM: the {@link PeerWorkload} through the
 * production scheduler core ({@link SchedulingCycle}, the placer, {@link ClusterState}) on the twin's discrete-event
 * engine ({@link Simulation}), as the twin drives them: a job is submitted at its arrival, a scheduling cycle runs
 * at that instant and starts it, and its end releases its GPUs and asks for another cycle. A cycle examines at most
 * the default queue depth (200 jobs); when one started jobs and stopped at that depth, another runs at the same
 * instant, as a scheduler loops while it still finds work to start.
 *
 * <p>Each host is one NVLink domain of 8 units of 1 GPU (the {@link #HOST} model below), so a job of 1-4 GPUs takes
 * GPUs inside one host (best fit over the hosts' free-GPU buckets) and an 8-GPU job a whole host. Hosts sit in
 * blocks of 32, like the scalable units of an 8-GPU cluster, at one site. Jobs ask for any host of the site.
 *
 * <p>Usage: {@code UltrafleetPeer HOSTS SEED}. Prints one {@link ResultLine}.
 */
public final class UltrafleetPeer {
    /** An 8-GPU host whose GPUs are allocated one by one; figures other than the shape do not matter here. */
    static final HardwareModel HOST = new HardwareModel("host-8gpu", "GPU", 1, 8, 80 * 1024, 24, 1_000, 10_000);

    private static final long MINUTE_MS = 60_000L;

    private final Simulation sim = new Simulation();
    private final ClusterState cluster;
    private final PendingQueue pending = new PendingQueue();
    private final int queueDepth = SchedulerSpec.DEFAULT.queueDepth();
    private final SchedulingCycle cycle = new SchedulingCycle(queueDepth);
    private final Reservations reservations = Reservations.none();
    private boolean cycleRequested;
    private long completed;
    private long workGpuMs;
    private long lastEndMs;
    private long waitMs;

    UltrafleetPeer(int hosts) {
        Topology.Builder tb = Topology.builder();
        int region = tb.region(tb.provider("bench"), "region");
        int site = tb.site(region, "site", 32);
        QueueBook queues = new QueueBook();
        queues.add("jobs", -1);
        cluster = new ClusterState(new FleetState(tb.build(1), List.of(HOST)), queues);
        for (int i = 0; i < hosts; i++) {
            cluster.addRack(site, 0);
        }
    }

    public static void main(String[] args) {
        int hosts = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        PeerWorkload w = PeerWorkload.generate(hosts, seed);
        try (RunMeter meter = RunMeter.start()) {
            UltrafleetPeer peer = new UltrafleetPeer(hosts);
            peer.run(w);
            meter.stop();
            System.out.println(new ResultLine()
                    .put("engine", "ultrafleet")
                    .put("hosts", hosts)
                    .put("jobs", w.jobs())
                    .put("work_expected_gpu_min", w.workPeMinutes())
                    .put("jobs_completed", peer.completed)
                    .put("work_gpu_min", peer.workGpuMs / MINUTE_MS)
                    .put("makespan_min", peer.lastEndMs / (double) MINUTE_MS)
                    .put("wait_min", peer.waitMs / (double) MINUTE_MS)
                    .put("events", peer.sim.eventsFired())
                    .measured(meter));
        }
    }

    void run(PeerWorkload w) {
        for (int i = 0; i < w.jobs(); i++) {
            long at = w.submitMin()[i] * MINUTE_MS;
            Job job = Job.of(JobRequest.of(i, "job-" + i, 0, 0, at, w.pes()[i], w.lengthMin()[i] * MINUTE_MS)
                    .topology(TopologyLevel.SITE, TopologyLevel.BLOCK)
                    .build());
            sim.at(at, now -> {
                pending.add(job);
                requestCycle();
            });
        }
        sim.runUntil(Long.MAX_VALUE);
    }

    private void requestCycle() {
        if (!cycleRequested) {
            cycleRequested = true;
            sim.after(0, now -> {
                cycleRequested = false;
                CycleResult stats = cycle.run(now, cluster, pending, reservations);
                for (Decision d : stats.decisions()) {
                    if (d instanceof Decision.Start st) {
                        started(st.job());
                    } else if (!(d instanceof Decision.Wait)) {
                        throw new IllegalStateException("no preemption or elastic jobs in this benchmark: " + d);
                    }
                }
                // A cycle looks at most queueDepth jobs; when it started some and stopped there, more may start now.
                if (stats.started() > 0 && stats.examined() == queueDepth && !pending.isEmpty()) {
                    requestCycle();
                }
            });
        }
    }

    /** A job the cycle started now: it ends after its length, and its end asks for another cycle. */
    private void started(Job job) {
        long now = sim.now();
        waitMs += now - job.submitMs();
        sim.after(
                job.request().estimateMs(),
                t -> { // it runs its whole length, never resized
                    cluster.finish(job);
                    completed++;
                    workGpuMs += (long) job.gpus() * (t - job.startMs());
                    lastEndMs = Math.max(lastEndMs, t);
                    requestCycle();
                });
    }
}
