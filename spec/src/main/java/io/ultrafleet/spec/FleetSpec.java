package io.ultrafleet.spec;

import java.util.List;

/** The fleet: where capacity lives, when racks arrive and leave, and the CPU pools. */
public record FleetSpec(
        List<ProviderSpec> providers,
        List<DeliverySpec> deliveries,
        List<DecommissionSpec> decommissions,
        List<CpuPoolSpec> cpuPools) {

    public FleetSpec {
        providers = List.copyOf(providers);
        deliveries = List.copyOf(deliveries);
        decommissions = List.copyOf(decommissions);
        cpuPools = List.copyOf(cpuPools);
    }

    /** A cloud provider and its regions. */
    public record ProviderSpec(String name, List<RegionSpec> regions) {
        public ProviderSpec {
            regions = List.copyOf(regions);
        }
    }

    /** A provider's region and its sites. */
    public record RegionSpec(String name, List<SiteSpec> sites) {
        public RegionSpec {
            sites = List.copyOf(sites);
        }
    }

    /**
     * A site (data-centre campus, one non-blocking spine). Racks delivered to it fill network blocks of {@code
     * racksPerBlock} NVLink domains, one hardware model per block.
     */
    public record SiteSpec(String name, int racksPerBlock) {}

    /**
     * {@code racks} NVLink domains of hardware {@code model} come online at {@code site}, spread evenly in daily
     * batches from {@code startMs} to {@code endMs} (both inclusive; equal times mean one batch).
     */
    public record DeliverySpec(String site, String model, int racks, long startMs, long endMs) {}

    /** {@code racks} domains of {@code model} at {@code site} leave the fleet at {@code atMs}; busy ones drain first. */
    public record DecommissionSpec(String site, String model, int racks, long atMs) {}

    /** A general-purpose CPU pool of one host shape at one site, with its host ramp. */
    public record CpuPoolSpec(String name, String site, String hostShape, List<CpuRampStep> ramp) {
        public CpuPoolSpec {
            ramp = List.copyOf(ramp);
        }
    }

    /** {@code hosts} hosts join the pool evenly, in daily batches, from {@code startMs} to {@code endMs}. */
    public record CpuRampStep(int hosts, long startMs, long endMs) {}
}
