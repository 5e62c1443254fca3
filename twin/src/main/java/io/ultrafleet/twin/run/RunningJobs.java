package io.ultrafleet.twin.run;

import io.ultrafleet.workload.Job;
import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The jobs running now, each once, in the order they started: what {@link TwinCommitter} adds at every start and
 * removes at every end, millions of times in a run. The jobs sit in an array in start order, with gaps where jobs left
 * (closed up once gaps are half of it); each job's place is found in an open-addressing table hashed by its id and
 * compared by identity. No entry object per job, and no identity hash to make for it.
 */
final class RunningJobs extends AbstractCollection<Job> {
    private Job[] order = new Job[64];
    private int end;
    private int size;
    // the table: a job and its index in order; null cells are empty. At most half full.
    private Job[] keys = new Job[128];
    private int[] places = new int[128];

    @Override
    public boolean add(Job job) {
        int cell = cell(job);
        if (keys[cell] == job) {
            return false;
        }
        if (end == order.length) {
            if (size <= end / 2) {
                compact();
            } else {
                order = Arrays.copyOf(order, end * 2);
            }
        }
        order[end] = job;
        keys[cell] = job;
        places[cell] = end;
        end++;
        size++;
        if (size * 2 > keys.length) {
            rehash(keys.length * 2);
        }
        return true;
    }

    @Override
    public boolean remove(Object o) {
        if (!(o instanceof Job job)) {
            return false;
        }
        int cell = cell(job);
        if (keys[cell] != job) {
            return false;
        }
        order[places[cell]] = null;
        size--;
        delete(cell);
        while (end > 0 && order[end - 1] == null) {
            end--;
        }
        return true;
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof Job job && keys[cell(job)] == job;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Iterator<Job> iterator() {
        return new Iterator<>() {
            private int next = skipGaps(0);

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            public Job next() {
                if (next >= end) {
                    throw new NoSuchElementException();
                }
                Job j = order[next];
                next = skipGaps(next + 1);
                return j;
            }
        };
    }

    private int skipGaps(int i) {
        while (i < end && order[i] == null) {
            i++;
        }
        return i;
    }

    /** The job's cell in the table, or the empty cell where it would go. */
    private int cell(Job job) {
        int mask = keys.length - 1;
        int i = hash(job.id()) & mask;
        while (keys[i] != null && keys[i] != job) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int hash(long id) {
        long h = id * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Empties {@code cell}, moving back the later cells of its run that would no longer be found past the gap. */
    private void delete(int cell) {
        int mask = keys.length - 1;
        int gap = cell;
        for (int j = (gap + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
            int home = hash(keys[j].id()) & mask;
            // keys[j] stays unless its home lies cyclically outside (gap, j]
            boolean stays = gap <= j ? (home > gap && home <= j) : (home > gap || home <= j);
            if (!stays) {
                keys[gap] = keys[j];
                places[gap] = places[j];
                gap = j;
            }
        }
        keys[gap] = null;
    }

    private void compact() {
        int w = 0;
        for (int r = 0; r < end; r++) {
            Job j = order[r];
            if (j != null) {
                order[w] = j;
                places[cell(j)] = w;
                w++;
            }
        }
        Arrays.fill(order, w, end, null);
        end = w;
    }

    private void rehash(int capacity) {
        Job[] oldKeys = keys;
        int[] oldPlaces = places;
        keys = new Job[capacity];
        places = new int[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int c = cell(oldKeys[i]);
                keys[c] = oldKeys[i];
                places[c] = oldPlaces[i];
            }
        }
    }
}
