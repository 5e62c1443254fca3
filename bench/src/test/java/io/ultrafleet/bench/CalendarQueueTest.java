package io.ultrafleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.twin.engine.Event;
import io.ultrafleet.twin.engine.EventQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The calendar queue the event-queue benchmark measures returns events in the twin's order: time, then insertion. */
class CalendarQueueTest {
    @Test
    void pollsInTheSameOrderAsTheTwinsQueue() {
        for (long width : new long[] {1, 50, 10_000}) {
            SplittableRandom rnd = new SplittableRandom(width);
            CalendarQueue calendar = new CalendarQueue(16, width);
            EventQueue heap = new EventQueue();
            long now = 0;
            int id = 0;
            for (int step = 0; step < 20_000; step++) {
                if (calendar.size() == 0 || rnd.nextInt(3) > 0) {
                    // often the same time as another event, sometimes far ahead (a sparse year)
                    long at = now + (rnd.nextInt(4) == 0 ? rnd.nextLong(1_000_000) : rnd.nextInt(100));
                    Event e = new Tagged(id++);
                    calendar.add(at, e);
                    heap.add(at, e);
                } else {
                    assertThat(calendar.peekTime())
                            .as("width %d, step %d", width, step)
                            .isEqualTo(heap.peekTime());
                    now = heap.peekTime();
                    assertThat(calendar.poll())
                            .as("width %d, step %d", width, step)
                            .isSameAs(heap.poll());
                }
            }
        }
    }

    private record Tagged(int id) implements Event {
        @Override
        public void fire(long now) {}
    }
}
