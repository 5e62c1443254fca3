package io.ultrafleet.scheduling.sites;

/**
 * Told of every change in the GPUs a queue holds, per hardware model and site, as the committer applies it: what a
 * driver needs to meter use per site (cost, energy) without looking at jobs.
 */
@FunctionalInterface
public interface UsageListener {
    /** {@code queue} now holds {@code gpus} more (or, when negative, fewer) GPUs of {@code model} at {@code site}. */
    void changed(int queue, int model, int site, long gpus);
}
