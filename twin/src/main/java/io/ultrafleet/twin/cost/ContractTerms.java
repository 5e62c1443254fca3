package io.ultrafleet.twin.cost;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.DailyBatches;
import io.ultrafleet.spec.FleetSpec;
import io.ultrafleet.twin.scenario.CostSpec;
import io.ultrafleet.twin.scenario.CostSpec.ContractSpec;
import java.util.List;

/**
 * What a contract implies over its whole term, from the scenario alone (no run): the all-in rate per GPU-hour its
 * commitment works out to, on its committed capacity and on the capacity the fleet's deliveries actually bring under
 * it by the end of the term, and what its reserved rates bill over the term. Racks and hosts delivered stay until the
 * end of the term unless decommissioned.
 */
public final class ContractTerms {
    private static final double MS_PER_HOUR = 3_600_000.0;

    /**
     * @param committedUsd spend committed, or -1
     * @param committedGpuHours committed GPUs x term hours, or -1 when no capacity is committed
     * @param deliveredGpuHours GPU-hours of the covered deliveries within the term
     * @param deliveredVcpuHours vCPU-hours of the covered CPU pools within the term
     * @param projectedUsd what its rates bill over the term: every covered GPU and vCPU for a reserved contract, none
     *     for an on-use one (use is not known before the run)
     */
    public record Terms(
            double committedUsd,
            double committedGpuHours,
            double deliveredGpuHours,
            double deliveredVcpuHours,
            double projectedUsd) {
        /** Commitment per committed GPU-hour, or NaN. */
        public double impliedUsdPerGpuHour() {
            return committedUsd >= 0 && committedGpuHours > 0 ? committedUsd / committedGpuHours : Double.NaN;
        }

        /** Commitment per GPU-hour delivered under the contract within its term, or NaN. */
        public double impliedDeliveredUsdPerGpuHour() {
            return committedUsd >= 0 && deliveredGpuHours > 0 ? committedUsd / deliveredGpuHours : Double.NaN;
        }

        /** The GPU-hours the commitment is spread over: committed capacity when given, else what is delivered. */
        double basisGpuHours() {
            return committedGpuHours > 0 ? committedGpuHours : deliveredGpuHours;
        }
    }

    private ContractTerms() {}

    /** The terms of {@code c} in a fleet built from {@code fleet}. */
    public static Terms of(ContractSpec c, FleetSpec fleet, HardwareCatalogue catalogue) {
        double gpuHours = 0;
        double usd = 0;
        boolean reserved = c.billing() == CostSpec.Billing.RESERVED;
        for (FleetSpec.DeliverySpec d : fleet.deliveries()) {
            Double rate = c.gpuHourUsd().get(d.model());
            if (rate == null || !c.sites().contains(d.site())) {
                continue;
            }
            int perRack = catalogue.model(d.model()).orElseThrow().gpusPerDomain();
            DailyBatches plan = new DailyBatches(d.racks(), d.startMs(), d.endMs());
            double h = 0;
            for (long i = 0; i < plan.batches(); i++) {
                h += plan.size(i) * perRack * hoursInTerm(c, plan.at(i));
            }
            gpuHours += h;
            usd += reserved ? h * rate : 0;
        }
        for (FleetSpec.DecommissionSpec x : fleet.decommissions()) {
            Double rate = c.gpuHourUsd().get(x.model());
            if (rate != null && c.sites().contains(x.site())) {
                int perRack = catalogue.model(x.model()).orElseThrow().gpusPerDomain();
                double h = x.racks() * (double) perRack * hoursInTerm(c, x.atMs());
                gpuHours -= h;
                usd -= reserved ? h * rate : 0;
            }
        }
        double vcpuHours = 0;
        if (c.vcpuHourUsd() >= 0) {
            for (FleetSpec.CpuPoolSpec p : fleet.cpuPools()) {
                if (!c.sites().contains(p.site())) {
                    continue;
                }
                int perHost = catalogue.hostShape(p.hostShape()).orElseThrow().vcpus();
                for (FleetSpec.CpuRampStep step : p.ramp()) {
                    DailyBatches plan = new DailyBatches(step.hosts(), step.startMs(), step.endMs());
                    for (long i = 0; i < plan.batches(); i++) {
                        vcpuHours += plan.size(i) * perHost * hoursInTerm(c, plan.at(i));
                    }
                }
            }
            usd += reserved ? vcpuHours * c.vcpuHourUsd() : 0;
        }
        double committedGpuHours = c.committedGpus() > 0 ? c.committedGpus() * c.termHours() : -1;
        return new Terms(c.committedUsd(), committedGpuHours, gpuHours, vcpuHours, usd);
    }

    /**
     * Commitment per GPU-hour over all contracts that commit spend: their commitments over their GPU-hours (committed
     * capacity x term, or delivered GPU-hours when no capacity is stated); NaN when none commits spend.
     */
    public static double impliedUsdPerGpuHour(List<ContractSpec> contracts, FleetSpec fleet, HardwareCatalogue cat) {
        double usd = 0;
        double hours = 0;
        for (ContractSpec c : contracts) {
            Terms t = of(c, fleet, cat);
            if (t.committedUsd() >= 0 && t.basisGpuHours() > 0) {
                usd += t.committedUsd();
                hours += t.basisGpuHours();
            }
        }
        return hours > 0 ? usd / hours : Double.NaN;
    }

    /** Hours from {@code atMs} (or the term's start, if later) to the end of the term; 0 when outside it. */
    private static double hoursInTerm(ContractSpec c, long atMs) {
        long from = Math.max(atMs, c.startMs());
        return from >= c.endMs() ? 0 : (c.endMs() - from) / MS_PER_HOUR;
    }
}
