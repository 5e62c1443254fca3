package io.ultrafleet.server.executor.slurm;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.server.executor.Dispatch;
import io.ultrafleet.server.executor.Executor;
import io.ultrafleet.server.executor.Report;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Runs the server's jobs on Slurm clusters, one per site, through their {@code slurmrestd}: each start becomes one
 * Slurm job on exactly the placement's nodes; Slurm's job states come back as reports, and its node states as units
 * out of service. Each cluster is followed by its own {@link ClusterLink} thread; this class routes and gathers.
 */
public final class SlurmExecutor implements Executor {
    private final Map<String, ClusterLink> bySite = new LinkedHashMap<>();
    private final Map<String, ClusterLink> byName = new LinkedHashMap<>();
    private final Map<Long, ClusterLink> jobs = new ConcurrentHashMap<>();
    private volatile FleetSlots slots = FleetSlots.EMPTY;

    /**
     * Asks every cluster which REST version it serves: a cluster that answers must serve one Ultrafleet knows and
     * take the token, or this fails with an {@link IllegalArgumentException} saying why; one that does not answer is
     * followed until it does. The clusters are read and followed from the first {@link #fleetChanged}.
     *
     * @param instance this server's name, kept in its database: its Slurm jobs say so in their comment, and only
     *     those are taken as runs it dispatched before
     * @param serverNow the server's clock
     * @param timeScale its speed against the wall clock (a declared run lasts runMs / timeScale in Slurm)
     */
    public SlurmExecutor(SlurmSettings settings, String instance, LongSupplier serverNow, double timeScale) {
        for (SlurmSettings.Cluster c : settings.clusters()) {
            ClusterLink link = new ClusterLink(c, settings, instance, serverNow, timeScale);
            bySite.put(c.site(), link);
            byName.put(c.name(), link);
        }
        for (ClusterLink link : byName.values()) {
            link.checkVersion();
        }
    }

    @Override
    public void fleetChanged(FleetView fleet) {
        boolean first = slots == FleetSlots.EMPTY;
        slots = FleetSlots.of(fleet);
        for (ClusterLink link : byName.values()) {
            link.fleet(slots);
            if (first) {
                link.begin();
            }
        }
    }

    @Override
    public void started() {
        for (ClusterLink link : byName.values()) {
            link.arm();
        }
    }

    @Override
    public void release() {
        jobs.clear();
        for (ClusterLink link : byName.values()) {
            link.release();
        }
    }

    @Override
    public void start(Dispatch job) {
        String site = job.racks().length == 0 ? null : slots.siteOfRack().get(job.racks()[0]);
        ClusterLink link = site == null ? null : bySite.get(site);
        if (link == null) {
            throw new IllegalStateException("no Slurm cluster for the site of job " + job.jobId());
        }
        jobs.put(job.jobId(), link);
        link.send(new ClusterLink.Start(job));
    }

    @Override
    public void stop(long jobId) {
        ClusterLink link = jobs.remove(jobId);
        if (link != null) {
            link.send(new ClusterLink.Stop(jobId));
        }
    }

    @Override
    public List<Report> poll(long now) {
        List<Report> out = new ArrayList<>();
        for (ClusterLink link : byName.values()) {
            link.drainReports(out);
        }
        for (Report r : out) {
            if (!(r instanceof Report.Stopped)) {
                jobs.remove(r.jobId());
            }
        }
        return out;
    }

    @Override
    public List<Long> running() {
        return List.copyOf(jobs.keySet());
    }

    @Override
    public Map<Integer, Long> unavailable() {
        Map<Integer, Long> out = new HashMap<>();
        for (Map.Entry<String, List<FleetSlots.Slot>> e : slots.bySite().entrySet()) {
            ClusterLink link = bySite.get(e.getKey());
            if (link == null) {
                // a site without a cluster runs nothing
                for (FleetSlots.Slot s : e.getValue()) {
                    out.put(s.rack(), NodeMap.mask(s.units()));
                }
                continue;
            }
            NodeMap m = link.reachable() ? link.map() : NodeMap.unreachable(e.getValue(), link.map());
            if (link.reachable() && m.places().isEmpty() && m.unavailable().isEmpty()) {
                m = NodeMap.unreachable(e.getValue(), m);
            }
            out.putAll(m.unavailable());
        }
        return out;
    }

    @Override
    public Map<String, Boolean> clusters() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        byName.forEach((name, link) -> out.put(name, link.reachable()));
        return out;
    }

    @Override
    public String nodeName(String site, int block, int rack, int unit) {
        ClusterLink link = bySite.get(site);
        String name = link == null ? null : link.map().names().get(NodeMap.key(rack, unit));
        return name != null ? name : site + "-rack" + rack + "-unit" + unit;
    }

    @Override
    public long nextEventAt() {
        return Long.MAX_VALUE;
    }

    @Override
    public void close() {
        for (ClusterLink link : byName.values()) {
            link.close();
        }
    }
}
