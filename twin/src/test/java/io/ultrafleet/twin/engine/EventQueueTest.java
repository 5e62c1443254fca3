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

    @Test
    void eventsAddedForTheInstantFiringComeAfterThoseAlreadyQueuedForItInInsertionOrder() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            EventQueue q = new EventQueue();
            List<Entry> fired = new ArrayList<>();
            List<Entry> scheduled = new ArrayList<>();
            int[] order = {0};
            // Each firing event adds events for its own instant (as a cycle request does) and for later ones.
            class Spawner implements Event {
                final Entry self;

                Spawner(Entry self) {
                    this.self = self;
                }

                @Override
                public void fire(long now) {
                    fired.add(self);
                    if (scheduled.size() < 3_000) {
                        int children = rnd.nextInt(3);
                        for (int c = 0; c < children; c++) {
                            long t = rnd.nextInt(3) == 0 ? now + rnd.nextInt(5) : now;
                            Entry e = new Entry(t, order[0]++);
                            scheduled.add(e);
                            q.add(t, new Spawner(e));
                        }
                    }
                }
            }
            for (int i = 0; i < 50; i++) {
                Entry e = new Entry(rnd.nextInt(20), order[0]++);
                scheduled.add(e);
                q.add(e.time(), new Spawner(e));
            }
            long last = Long.MIN_VALUE;
            while (!q.isEmpty()) {
                long t = q.peekTime();
                assertThat(t).isGreaterThanOrEqualTo(last);
                last = t;
                q.poll().fire(t);
            }
            assertThat(fired).as("seed %d: every event fires once", seed).hasSameSizeAs(scheduled);
            for (int i = 1; i < fired.size(); i++) {
                Entry a = fired.get(i - 1);
                Entry b = fired.get(i);
                assertThat(a.time() < b.time() || (a.time() == b.time() && a.order() < b.order()))
                        .as("seed %d: %s fires before %s", seed, a, b)
                        .isTrue();
            }
        }
    }
}
