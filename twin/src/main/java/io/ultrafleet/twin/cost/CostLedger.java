package io.ultrafleet.twin.cost;

import io.ultrafleet.time.Epoch;
import io.ultrafleet.twin.cost.Tariffs.Payer;
import io.ultrafleet.twin.cost.Tariffs.Rate;
import io.ultrafleet.twin.metrics.SiteUsage;
import java.util.List;

/**
 * What the fleet costs as the run goes: spend per payer (contract or overflow entry), per queue, idle commitment, and
 * take-or-pay shortfalls, accumulated from the exact GPU and vCPU integrals of {@link SiteUsage} at the tariff in force.
 * Tariffs change only at contract boundaries, where the run accounts too, so every interval is billed at one rate.
 *
 * <p>Reserved capacity is billed for every online GPU; what jobs hold is charged to their queues and the rest is idle
 * commitment. On-use contracts and overflow bill only what jobs hold. CPU pools are billed for their online vCPUs.
 */
public final class CostLedger {
    private static final double MS_PER_HOUR = 3_600_000.0;

    private final Tariffs tariffs;
    private final List<Payer> payers;
    private final double[] spent;
    private final double[] idle;
    private final double[] cpu;
    private final double[] shortfall;
    private final double[] queueSpend;
    private final long[] lastOnline;
    private final long[] lastAlloc;
    private final long[] lastQueue;
    private final long[] lastVcpu;
    private long lastMs;
    private double unpricedGpuMs;
    private double stepSpend;
    private double stepGpuSpend;
    private long tokens;

    public CostLedger(Tariffs tariffs, SiteUsage usage) {
        this.tariffs = tariffs;
        this.payers = tariffs.payers();
        int n = payers.size();
        spent = new double[n];
        idle = new double[n];
        cpu = new double[n];
        shortfall = new double[n];
        queueSpend = new double[usage.queues()];
        lastOnline = new long[usage.cells()];
        lastAlloc = new long[usage.cells()];
        lastQueue = new long[usage.queues() * usage.cells()];
        lastVcpu = new long[usage.pools()];
    }

    /** Bills the usage from the last accounting to {@code now} (after {@link SiteUsage#flush}) at its tariffs. */
    public void account(long now, SiteUsage usage) {
        int cells = usage.cells();
        for (int c = 0; c < cells; c++) {
            long on = usage.onlineGpuMs(c) - lastOnline[c];
            long al = usage.allocatedGpuMs(c) - lastAlloc[c];
            lastOnline[c] += on;
            lastAlloc[c] += al;
            Rate r = tariffs.gpu(c, lastMs);
            if (r.payer() < 0) {
                unpricedGpuMs += on;
                for (int q = 0; q < usage.queues(); q++) {
                    lastQueue[q * cells + c] = usage.queueGpuMs(q, c);
                }
                continue;
            }
            double perMs = r.usdPerHour() / MS_PER_HOUR;
            double usd = (r.reserved() ? on : al) * perMs;
            spent[r.payer()] += usd;
            stepSpend += usd;
            stepGpuSpend += usd;
            if (r.reserved()) {
                idle[r.payer()] += (on - al) * perMs;
            }
            for (int q = 0; q < usage.queues(); q++) {
                int i = q * cells + c;
                long held = usage.queueGpuMs(q, c) - lastQueue[i];
                lastQueue[i] += held;
                queueSpend[q] += held * perMs;
            }
        }
        for (int p = 0; p < usage.pools(); p++) {
            long v = usage.vcpuMs(p) - lastVcpu[p];
            lastVcpu[p] += v;
            Rate r = tariffs.cpu(p, lastMs);
            if (r.payer() >= 0) {
                double usd = v * r.usdPerHour() / MS_PER_HOUR;
                spent[r.payer()] += usd;
                cpu[r.payer()] += usd;
                stepSpend += usd;
            }
        }
        lastMs = now;
    }

    /**
     * The terms of take-or-pay contracts ending at {@code now} (after {@link #account}): what they committed and did
     * not spend is paid now.
     */
    public void termsEnded(long now, Epoch epoch) {
        for (int i = 0; i < payers.size(); i++) {
            var c = payers.get(i).contract();
            if (c != null && c.takeOrPay() && epoch.toTime(c.endMs()) == now && spent[i] < c.committedUsd()) {
                double owed = c.committedUsd() - spent[i];
                shortfall[i] += owed;
                spent[i] += owed;
                stepSpend += owed;
                stepGpuSpend += owed;
            }
        }
    }

    /** Spend since the last call (for the time series). */
    public double takeStepSpend() {
        double s = stepSpend;
        stepSpend = 0;
        return s;
    }

    /** GPU spend (all but CPU pools; take-or-pay shortfalls included) since the last call (for the time series). */
    public double takeStepGpuSpend() {
        double s = stepGpuSpend;
        stepGpuSpend = 0;
        return s;
    }

    /** Tokens served by inference during the run, for the cost per million tokens. */
    public void tokensServed(long n) {
        tokens += n;
    }

    public long tokens() {
        return tokens;
    }

    public List<Payer> payers() {
        return payers;
    }

    /** Total spend of payer {@code i} so far, shortfall included. */
    public double spent(int i) {
        return spent[i];
    }

    /** Reserved capacity payer {@code i} billed while no job held it, plus its shortfall. */
    public double idle(int i) {
        return idle[i] + shortfall[i];
    }

    /** CPU spend of payer {@code i}. */
    public double cpu(int i) {
        return cpu[i];
    }

    /** Take-or-pay shortfall paid to payer {@code i}. */
    public double shortfall(int i) {
        return shortfall[i];
    }

    /** GPU spend charged to the queue's jobs (the GPU-hours they held, at the rate where they held them). */
    public double queueSpend(int queue) {
        return queueSpend[queue];
    }

    /** GPU-milliseconds online that nothing prices. */
    public double unpricedGpuMs() {
        return unpricedGpuMs;
    }

    public double total() {
        double t = 0;
        for (double s : spent) {
            t += s;
        }
        return t;
    }
}
