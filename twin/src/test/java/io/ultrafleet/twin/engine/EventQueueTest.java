package io.ultrafleet.twin.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    record Entry(long time, int order) {}

    @Test
    void firesByTimeThenInsertionOrderOverManyRandomSchedules() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            EventQueue q = new EventQueue();
            List<Entry> expected = new ArrayList<>();
            List<Entry> fired = new ArrayList<>();
            int n = 1 + rnd.nextInt(5_000);
            for (int i = 0; i < n; i++) {
                Entry e = new Entry(rnd.nextInt(100), i);
                expected.add(e);
                q.add(e.time(), now -> fired.add(e));
            }
            while (!q.isEmpty()) {
                q.poll().fire(0);
            }
            expected.sort(Comparator.comparingLong(Entry::time).thenComparingInt(Entry::order));
            assertThat(fired).as("seed %d", seed).isEqualTo(expected);
        }
    }

    @Test
    void interleavedAddsAndPollsStayOrdered() {
        EventQueue q = new EventQueue();
        List<Long> fired = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(7);
        long now = 0;
        for (int i = 0; i < 10_000; i++) {
            long t = now + rnd.nextInt(1000);
            q.add(t, x -> {});
            if (rnd.nextBoolean()) {
                now = q.peekTime();
                fired.add(now);
                q.poll();
            }
        }
        assertThat(fired).isSorted();
    }
}
