package io.ultrafleet.twin.replay.philly;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The servers the replay schedules on: {@code size} of the machine list's servers with GPUs, taken in the same mix of
 * server sizes as the list (largest remainders for the rounding) and, within a size, in file order. The real series
 * counts active servers out of a fixed pool of 420 while the list has 552 machines (539 with GPUs): docs/replay.md
 * says why, and why the replay's pool has the series' size.
 */
public final class InServicePool {
    /** Servers in the real series' pool (its {@code total} column). */
    public static final int PHILLY_SERVERS = 420;

    private InServicePool() {}

    /**
     * The pool, in file order. {@code size} must be 1 .. the number of servers with GPUs; {@code size} equal to that
     * number takes them all.
     */
    public static List<PhillyMachine> choose(List<PhillyMachine> machines, int size) {
        List<PhillyMachine> withGpus =
                machines.stream().filter(m -> m.gpus() > 0).toList();
        if (size < 1 || size > withGpus.size()) {
            throw new IllegalArgumentException(
                    "a pool of " + size + " servers, allowed 1.." + withGpus.size() + " (the servers with GPUs)");
        }
        TreeMap<Integer, Integer> bySize = new TreeMap<>();
        for (PhillyMachine m : withGpus) {
            bySize.merge(m.gpus(), 1, Integer::sum);
        }
        TreeMap<Integer, Integer> take = new TreeMap<>();
        long[] remainder = new long[bySize.size()];
        int[] sizes = new int[bySize.size()];
        int i = 0;
        int taken = 0;
        for (var e : bySize.entrySet()) {
            long scaled = (long) e.getValue() * size;
            take.put(e.getKey(), (int) (scaled / withGpus.size()));
            taken += (int) (scaled / withGpus.size());
            remainder[i] = scaled % withGpus.size();
            sizes[i++] = e.getKey();
        }
        while (taken < size) { // the largest remainder next; among equals, the larger server size
            int best = -1;
            for (int k = 0; k < sizes.length; k++) {
                if (best < 0 || remainder[k] >= remainder[best]) {
                    best = k;
                }
            }
            take.merge(sizes[best], 1, Integer::sum);
            remainder[best] = -1;
            taken++;
        }
        List<PhillyMachine> pool = new ArrayList<>(size);
        for (PhillyMachine m : withGpus) {
            int left = take.getOrDefault(m.gpus(), 0);
            if (left > 0) {
                pool.add(m);
                take.put(m.gpus(), left - 1);
            }
        }
        return pool;
    }
}
