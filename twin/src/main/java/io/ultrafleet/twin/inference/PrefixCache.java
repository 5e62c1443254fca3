package io.ultrafleet.twin.inference;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A prompt-prefix KV cache shared by a pool of replicas, like Mooncake's pooled KV store: it holds up to a fixed
 * number of blocks and evicts the least recently used. A request's hit is the run of its leading prefix blocks that
 * are in the cache (a block hash names the whole prefix up to that block, so the run stops at the first miss); after
 * the lookup, all the request's blocks are put in (or refreshed). Lookups happen in arrival order, so the hits depend
 * on the trace and the capacity only, not on how requests are queued.
 */
final class PrefixCache {
    private final LinkedHashMap<Integer, Boolean> blocks;

    PrefixCache(long capacityBlocks) {
        long capacity = Math.max(1, capacityBlocks);
        this.blocks = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The number of leading blocks of {@code hashes} found, then all of them put in the cache. */
    int lookupAndInsert(int[] hashes) {
        int hit = 0;
        while (hit < hashes.length && blocks.containsKey(hashes[hit])) {
            hit++;
        }
        for (int h : hashes) {
            blocks.put(h, Boolean.TRUE);
        }
        return hit;
    }
}
