package io.ultrafleet.twin.inference;

/**
 * When each replica of a pool has its next event, as an indexed min-heap on (time, replica): the earliest is found in
 * O(1) and a replica's time is changed in O(log n). An idle replica has time {@link Long#MAX_VALUE}.
 */
final class ReplicaClock {
    private final long[] time;
    private final int[] heap;
    private final int[] position;

    ReplicaClock(int replicas) {
        time = new long[replicas];
        heap = new int[replicas];
        position = new int[replicas];
        for (int r = 0; r < replicas; r++) {
            time[r] = Long.MAX_VALUE;
            heap[r] = r;
            position[r] = r;
        }
    }

    long earliestTime() {
        return time[heap[0]];
    }

    int earliestReplica() {
        return heap[0];
    }

    void set(int replica, long at) {
        long old = time[replica];
        time[replica] = at;
        int i = position[replica];
        if (at < old) {
            up(i);
        } else {
            down(i);
        }
    }

    private boolean before(int a, int b) {
        return time[a] < time[b] || (time[a] == time[b] && a < b);
    }

    private void up(int i) {
        int r = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(r, heap[parent])) {
                break;
            }
            place(i, heap[parent]);
            i = parent;
        }
        place(i, r);
    }

    private void down(int i) {
        int r = heap[i];
        int n = heap.length;
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) {
                break;
            }
            if (c + 1 < n && before(heap[c + 1], heap[c])) {
                c++;
            }
            if (!before(heap[c], r)) {
                break;
            }
            place(i, heap[c]);
            i = c;
        }
        place(i, r);
    }

    private void place(int i, int r) {
        heap[i] = r;
        position[r] = i;
    }
}
