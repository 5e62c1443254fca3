package io.ultrafleet.twin.engine;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Named random streams. Each stream's seed is derived from the run seed and the stream's name alone, so adding a
 * stream never shifts the numbers another stream draws, and the same seed gives the same run.
 */
public final class RandomStreams {
    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** A new generator for the stream {@code name}; the same name always gives the same sequence. */
    public SplittableRandom stream(String name) {
        return new SplittableRandom(mix(seed ^ mix(fnv1a(name))));
    }

    static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The SplitMix64 finaliser: a bijective scramble of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
