package io.ultrafleet.server.live;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The jobs that run now, by id in the order they started, and how many run in each queue (kept as they change). */
final class RunningJobs {
    private final Map<Long, LiveJob> byId = new LinkedHashMap<>();
    private int[] byQueue = new int[0];

    void add(LiveJob lj) {
        if (byId.put(lj.id(), lj) == null) {
            int q = lj.job.queue();
            if (q >= byQueue.length) {
                byQueue = Arrays.copyOf(byQueue, q + 1);
            }
            byQueue[q]++;
        }
    }

    /** Takes job {@code id} out; returns it, or null when it did not run. */
    LiveJob remove(long id) {
        LiveJob lj = byId.remove(id);
        if (lj != null) {
            byQueue[lj.job.queue()]--;
        }
        return lj;
    }

    Collection<LiveJob> all() {
        return byId.values();
    }

    /** How many jobs of queue {@code q} run. */
    int inQueue(int q) {
        return q < byQueue.length ? byQueue[q] : 0;
    }
}
