package io.ultrafleet.bench;

import io.ultrafleet.twin.engine.Event;
import io.ultrafleet.twin.engine.EventQueue;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The twin's event queue under the hold model: with {@code size} events queued, each operation takes the earliest
 * event and schedules it again a little later, so the queue keeps its size, as in a long simulation. The delays are
 * drawn beforehand (exponential, mean one hour, in ms) and read as {@code delays[i++ & MASK]}, so no random number is
 * drawn in the measured loop. The baseline is {@link PriorityQueue} of a small (time, sequence, event) record, ordered
 * the same way. The contender is a {@link CalendarQueue} with a day per event queued and Brown's width, three times
 * the mean gap between successive events (the mean delay over the size).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar EventQueueBench -wi 3 -i 5 -f 1}
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EventQueueBench {
    private static final int DELAYS = 1 << 16;
    private static final int MASK = DELAYS - 1;
    private static final double MEAN_DELAY_MS = 3_600_000.0;
    private static final Event NOTHING = now -> {};

    /** Events in the queue. */
    @Param({"1024", "65536"})
    int size;

    private long[] delays;
    private int next;
    private EventQueue queue;
    private PriorityQueue<Entry> baseline;
    private CalendarQueue calendar;
    private long seq;

    /** The baseline's entry: ordered by time, then sequence number. */
    record Entry(long time, long seq, Event event) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        delays = new long[DELAYS];
        for (int i = 0; i < DELAYS; i++) {
            delays[i] = 1 + (long) (-Math.log(1.0 - rnd.nextDouble()) * MEAN_DELAY_MS);
        }
        queue = new EventQueue();
        baseline = new PriorityQueue<>(size);
        calendar =
                new CalendarQueue(Integer.highestOneBit(size - 1) << 1, Math.max(1, (long) (3 * MEAN_DELAY_MS / size)));
        for (int i = 0; i < size; i++) {
            long t = delays[i & MASK];
            queue.add(t, NOTHING);
            baseline.add(new Entry(t, seq++, NOTHING));
            calendar.add(t, NOTHING);
        }
        next = 0;
    }

    /** {@link EventQueue}: poll the earliest, add it again later. */
    @Benchmark
    public Event eventQueue() {
        long t = queue.peekTime();
        Event e = queue.poll();
        queue.add(t + delays[next++ & MASK], e);
        return e;
    }

    /** {@link CalendarQueue}: poll the earliest, add it again later. */
    @Benchmark
    public Event calendarQueue() {
        long t = calendar.peekTime();
        Event e = calendar.poll();
        calendar.add(t + delays[next++ & MASK], e);
        return e;
    }

    /** Baseline, {@link PriorityQueue}: poll the earliest, add it again later. */
    @Benchmark
    public Entry priorityQueue() {
        Entry e = baseline.poll();
        baseline.add(new Entry(e.time() + delays[next++ & MASK], seq++, e.event()));
        return e;
    }
}
