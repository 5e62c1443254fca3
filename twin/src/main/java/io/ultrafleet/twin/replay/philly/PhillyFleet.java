package io.ultrafleet.twin.replay.philly;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.QueueBook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Philly's fleet in the scheduler core. Each server is one domain of {@code N} GPUs allocated one by one (a hardware
 * model per server size, smallest first), so a job of fewer than {@code N} GPUs takes GPUs of one server and a larger
 * one takes whole servers. Servers sit in racks of {@link #SERVERS_PER_RACK} (the core's blocks), all at one site.
 * Each virtual cluster is a queue whose share is its servers in the VC list times the pool's mean GPUs per server.
 * Jobs of VCs the list does not name share one queue, {@link #NO_SHARE}, whose share is the capacity no VC holds. A
 * share is the queue's weight in the core's fair-share order (GPUs in use over share, lowest first), not a cap: a VC
 * may use GPUs other VCs leave idle, as Philly's did (docs/replay.md says why the replay sets no quota).
 */
public final class PhillyFleet {
    /** Servers per rack (network block): an assumption, as the trace has no racks (docs/model.md). */
    public static final int SERVERS_PER_RACK = 16;

    /** The queue of jobs whose VC has no share in the VC list. */
    public static final String NO_SHARE = "(no share)";

    private final ClusterState cluster;
    private final Map<String, Integer> queueOfVc = new LinkedHashMap<>();
    private final long[] shareGpus;
    private final int servers;
    private final long gpus;
    private final int[] gpusOfModel;
    private final int[] serversOfModel;

    private PhillyFleet(
            ClusterState cluster, long[] shareGpus, int servers, long gpus, int[] gpusOfModel, int[] serversOfModel) {
        this.cluster = cluster;
        this.serversOfModel = serversOfModel;
        this.shareGpus = shareGpus;
        this.servers = servers;
        this.gpus = gpus;
        this.gpusOfModel = gpusOfModel;
    }

    /** The fleet of {@code pool} with a queue per VC of {@code vcs} and one for VCs without a share. */
    public static PhillyFleet build(List<PhillyMachine> pool, List<PhillyVc> vcs) {
        TreeSet<Integer> sizes = new TreeSet<>();
        long gpus = 0;
        for (PhillyMachine m : pool) {
            sizes.add(m.gpus());
            gpus += m.gpus();
        }
        List<HardwareModel> models = new ArrayList<>();
        int[] gpusOfModel = new int[sizes.size()];
        for (int size : sizes) {
            gpusOfModel[models.size()] = size;
            // GPUs allocated one by one; memory, CPUs, speed and power play no part in a replay
            models.add(new HardwareModel("philly-" + size + "gpu", "GPU", 1, size, 0, 0, 0, 0));
        }
        Topology.Builder tb = Topology.builder();
        int site = tb.site(tb.region(tb.provider("microsoft"), "philly"), "philly", SERVERS_PER_RACK);
        QueueBook queues = new QueueBook();
        long shared = 0;
        long[] share = new long[vcs.size() + 1];
        Map<String, Integer> queueOfVc = new LinkedHashMap<>();
        for (int i = 0; i < vcs.size(); i++) {
            PhillyVc vc = vcs.get(i);
            share[i] = vc.nodes() * gpus / pool.size();
            shared += share[i];
            queueOfVc.put(vc.name(), queues.add(vc.name(), null, weight(share[i]), List.of()));
        }
        share[vcs.size()] = Math.max(0, gpus - shared);
        queues.add(NO_SHARE, null, weight(share[vcs.size()]), List.of());
        ClusterState cluster = new ClusterState(new FleetState(tb.build(models.size()), models), queues);
        int[] serversOfModel = new int[gpusOfModel.length];
        for (int model = 0; model < gpusOfModel.length; model++) {
            for (PhillyMachine m : pool) {
                if (m.gpus() == gpusOfModel[model]) {
                    cluster.addRack(site, model);
                    serversOfModel[model]++;
                }
            }
        }
        PhillyFleet fleet = new PhillyFleet(cluster, share, pool.size(), gpus, gpusOfModel, serversOfModel);
        fleet.queueOfVc.putAll(queueOfVc);
        return fleet;
    }

    /** A share as a fair-share weight: its GPUs, and at least one. */
    private static double weight(long shareGpus) {
        return Math.max(1, shareGpus);
    }

    public ClusterState cluster() {
        return cluster;
    }

    /** The queue of a VC's jobs: its own, or {@link #NO_SHARE} for a VC the list does not name. */
    public int queueOf(String vc) {
        Integer q = queueOfVc.get(vc);
        return q != null ? q : queueOfVc.size();
    }

    /** Whether the VC list gives {@code vc} a share. */
    public boolean hasShare(String vc) {
        return queueOfVc.containsKey(vc);
    }

    /** GPUs of the queue's share. */
    public long shareGpus(int queue) {
        return shareGpus[queue];
    }

    public int servers() {
        return servers;
    }

    public long gpus() {
        return gpus;
    }

    /**
     * Whether a job of {@code jobGpus} could start on an empty fleet: inside one server larger than it, or on whole
     * servers of one size. One that could not is reported, never queued, so it holds nothing back.
     */
    public boolean couldEverStart(int jobGpus) {
        for (int m = 0; m < gpusOfModel.length; m++) {
            if (jobGpus < gpusOfModel[m] || (long) serversOfModel[m] * gpusOfModel[m] >= jobGpus) {
                return true;
            }
        }
        return false;
    }

    /** GPUs per server of each hardware model, smallest first. */
    public int[] serverSizes() {
        return gpusOfModel.clone();
    }
}
