package io.ultrafleet.scheduling;

import java.util.Arrays;

/**
 * How many jobs of each priority there are, and the lowest priority with any: a handful of priority classes, counted
 * in two small arrays (a job's start and end change one count, without boxing or a tree).
 */
final class PriorityCounts {
    private int[] priorities = new int[0]; // ascending
    private int[] counts = new int[0];

    void add(int priority) {
        int i = Arrays.binarySearch(priorities, priority);
        if (i < 0) {
            i = -i - 1;
            int n = priorities.length;
            priorities = Arrays.copyOf(priorities, n + 1);
            counts = Arrays.copyOf(counts, n + 1);
            System.arraycopy(priorities, i, priorities, i + 1, n - i);
            System.arraycopy(counts, i, counts, i + 1, n - i);
            priorities[i] = priority;
            counts[i] = 0;
        }
        counts[i]++;
    }

    void remove(int priority) {
        int i = Arrays.binarySearch(priorities, priority);
        if (i < 0 || counts[i] == 0) {
            throw new IllegalStateException("no job of priority " + priority + " counted");
        }
        counts[i]--;
    }

    /** The lowest priority with a job counted, or {@link Integer#MAX_VALUE} when there is none. */
    int lowest() {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                return priorities[i];
            }
        }
        return Integer.MAX_VALUE;
    }
}
