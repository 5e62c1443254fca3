package io.ultrafleet.twin.scenario;

import java.util.List;
import java.util.Map;

/**
 * Who is paid for the fleet's GPUs and CPUs, and how: the {@code contracts:} and {@code overflow:} sections. A
 * contract prices the GPUs of some hardware models at some sites of one provider during its term; overflow capacity
 * (on-demand, spot or capacity blocks) prices what no contract covers, by use. Described in
 * {@code docs/scenario-twin.md}; sources of the built-in figures in {@code docs/model.md}.
 */
public record CostSpec(List<ContractSpec> contracts, List<OverflowSpec> overflow) {
    /** No contracts and no overflow: runs report no cost. */
    public static final CostSpec NONE = new CostSpec(List.of(), List.of());

    public CostSpec {
        contracts = List.copyOf(contracts);
        overflow = List.copyOf(overflow);
    }

    /** Whether anything is priced. */
    public boolean priced() {
        return !contracts.isEmpty() || !overflow.isEmpty();
    }

    /** How a contract bills GPUs. */
    public enum Billing {
        /** Every GPU online at a covered site is paid for, used or not (reserved capacity, take-or-pay). */
        RESERVED("reserved"),
        /** Only GPUs held by jobs are paid for (usage drawn against a spend commitment). */
        ON_USE("on-use");

        private final String key;

        Billing(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** What kind of capacity an overflow entry buys; all of it is paid by use. */
    public enum OverflowKind {
        ON_DEMAND("on-demand"),
        SPOT("spot"),
        CAPACITY_BLOCK("capacity-block");

        private final String key;

        OverflowKind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * A compute contract with one provider.
     *
     * @param startMs first instant of the term
     * @param endMs end of the term, exclusive
     * @param committedUsd spend committed over the term, or -1 for none
     * @param committedGpus GPUs of capacity committed, or -1 when not stated
     * @param takeOrPay whether spend below {@code committedUsd} at the end of the term is paid anyway
     * @param gpuHourUsd price per GPU-hour by hardware model; the contract covers these models
     * @param vcpuHourUsd price per vCPU-hour of the CPU pools at its sites, or -1 when it does not cover CPUs
     * @param sites the sites it covers, all of them the provider's
     */
    public record ContractSpec(
            String name,
            String provider,
            long startMs,
            long endMs,
            Billing billing,
            double committedUsd,
            long committedGpus,
            boolean takeOrPay,
            Map<String, Double> gpuHourUsd,
            double vcpuHourUsd,
            List<String> sites) {
        public ContractSpec {
            gpuHourUsd = Map.copyOf(gpuHourUsd);
            sites = List.copyOf(sites);
        }

        /** Hours in the term. */
        public double termHours() {
            return (endMs - startMs) / 3_600_000.0;
        }
    }

    /**
     * Capacity bought by use when no contract covers it: the racks delivered to its sites are what the provider makes
     * available.
     *
     * @param gpuHourUsd price per GPU-hour by hardware model; the entry covers these models
     * @param vcpuHourUsd price per vCPU-hour of the CPU pools at its sites, or -1 when it does not cover CPUs
     * @param reclaim how the provider takes spot capacity back, or null when it never does
     */
    public record OverflowSpec(
            String name,
            String provider,
            OverflowKind kind,
            Map<String, Double> gpuHourUsd,
            double vcpuHourUsd,
            List<String> sites,
            ReclaimSpec reclaim) {
        public OverflowSpec {
            gpuHourUsd = Map.copyOf(gpuHourUsd);
            sites = List.copyOf(sites);
        }

        /** Capacity that is never taken back. */
        public OverflowSpec(
                String name,
                String provider,
                OverflowKind kind,
                Map<String, Double> gpuHourUsd,
                double vcpuHourUsd,
                List<String> sites) {
            this(name, provider, kind, gpuHourUsd, vcpuHourUsd, sites, null);
        }
    }

    /**
     * Spot capacity the provider takes back: each rack it prices is reclaimed at {@code perMonth} times per 30 days on
     * average (a Poisson process), with {@code noticeMs} of warning, and comes back {@code awayMs} later. A job told in
     * time checkpoints and stops without loss; one whose checkpoint stall is longer than the notice, or that does not
     * checkpoint, loses its work since its last checkpoint.
     */
    public record ReclaimSpec(double perMonth, long noticeMs, long awayMs) {
        /** AWS's two-minute interruption notice. */
        public static final long AWS_NOTICE_MS = 120_000L;

        /** How long a reclaimed rack stays away, unless the scenario says: six hours. */
        public static final long DEFAULT_AWAY_MS = 6 * 3_600_000L;
    }
}
