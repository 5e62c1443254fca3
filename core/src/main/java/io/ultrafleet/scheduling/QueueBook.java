package io.ultrafleet.scheduling;

import java.util.ArrayList;
import java.util.List;

/** The scheduler's queues: their names, GPU quotas and current use. */
public final class QueueBook {
    private final List<String> names = new ArrayList<>();
    private long[] quotaGpus = new long[4];
    private long[] usedGpus = new long[4];

    /** Adds a queue; {@code quotaGpus} below zero means no limit. Returns its index. */
    public int add(String name, long quotaGpus) {
        int q = names.size();
        names.add(name);
        if (q == this.quotaGpus.length) {
            this.quotaGpus = java.util.Arrays.copyOf(this.quotaGpus, q * 2);
            usedGpus = java.util.Arrays.copyOf(usedGpus, q * 2);
        }
        this.quotaGpus[q] = quotaGpus < 0 ? Long.MAX_VALUE : quotaGpus;
        return q;
    }

    public int size() {
        return names.size();
    }

    public String name(int queue) {
        return names.get(queue);
    }

    public boolean fits(int queue, long gpus) {
        return usedGpus[queue] + gpus <= quotaGpus[queue];
    }

    public void charge(int queue, long gpus) {
        usedGpus[queue] += gpus;
    }

    public void refund(int queue, long gpus) {
        usedGpus[queue] -= gpus;
        if (usedGpus[queue] < 0) {
            throw new IllegalStateException("queue " + name(queue) + " refunded below zero");
        }
    }

    public long used(int queue) {
        return usedGpus[queue];
    }

    /** The queue's quota in GPUs, or {@link Long#MAX_VALUE} without one. */
    public long quota(int queue) {
        return quotaGpus[queue];
    }
}
