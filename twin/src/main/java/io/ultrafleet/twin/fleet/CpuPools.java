package io.ultrafleet.twin.fleet;

import io.ultrafleet.fleet.CpuHostShape;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.spec.DailyBatches;
import io.ultrafleet.spec.FleetSpec.CpuPoolSpec;
import io.ultrafleet.spec.FleetSpec.CpuRampStep;
import io.ultrafleet.time.Epoch;
import io.ultrafleet.twin.engine.Simulation;
import java.util.List;

/** General-purpose CPU pools: hosts of one shape per pool, joining along the pool's ramp in daily batches. */
public final class CpuPools {
    private final List<CpuPoolSpec> specs;
    private final CpuHostShape[] shapes;
    private final int[] site;
    private final long[] hosts;
    private final Epoch epoch;
    private long version;

    CpuPools(List<CpuPoolSpec> specs, HardwareCatalogue catalogue, Topology topology, Epoch epoch) {
        this.specs = specs;
        this.epoch = epoch;
        int n = specs.size();
        shapes = new CpuHostShape[n];
        site = new int[n];
        hosts = new long[n];
        for (int i = 0; i < n; i++) {
            shapes[i] = catalogue.hostShape(specs.get(i).hostShape()).orElseThrow();
            site[i] = topology.siteIndex(specs.get(i).site());
        }
    }

    void schedule(Simulation sim, long endMs) {
        for (int p = 0; p < specs.size(); p++) {
            int pool = p;
            for (CpuRampStep step : specs.get(p).ramp()) {
                DailyBatches plan = new DailyBatches(step.hosts(), step.startMs(), step.endMs());
                for (long i = 0; i < plan.batches(); i++) {
                    long add = plan.size(i);
                    long at = plan.at(i);
                    if (at < endMs) {
                        sim.at(Math.max(0, epoch.toTime(at)), now -> {
                            hosts[pool] += add;
                            version++;
                        });
                    }
                }
            }
        }
    }

    /** A number that changes whenever hosts join a pool. */
    public long version() {
        return version;
    }

    /** The pool's site, as a topology index. */
    public int site(int pool) {
        return site[pool];
    }

    public CpuHostShape shape(int pool) {
        return shapes[pool];
    }

    public int count() {
        return specs.size();
    }

    public String name(int pool) {
        return specs.get(pool).name();
    }

    public long hosts(int pool) {
        return hosts[pool];
    }

    public long vcpus(int pool) {
        return hosts[pool] * shapes[pool].vcpus();
    }

    public long memoryMib(int pool) {
        return hosts[pool] * shapes[pool].memoryMib();
    }

    /** vCPUs online across all pools. */
    public long totalVcpus() {
        long n = 0;
        for (int p = 0; p < hosts.length; p++) {
            n += vcpus(p);
        }
        return n;
    }

    public long totalHosts() {
        long n = 0;
        for (long h : hosts) {
            n += h;
        }
        return n;
    }
}
