package io.ultrafleet.scheduling;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.workload.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PendingQueueTest {
    private static List<String> names(Iterable<Job> jobs) {
        List<String> out = new ArrayList<>();
        jobs.forEach(j -> out.add(j.name()));
        return out;
    }

    @Test
    void largeJobsAreIndexedInQueueOrderAndLeaveWithTheQueue() {
        PendingQueue q = new PendingQueue(72);
        Job small = job("small").gpus(8).priority(100).submit(1).build();
        Job gang = job("gang").gpus(144).priority(100).submit(2).build();
        Job replica = job("replica").gpus(72).priority(1000).submit(3).build();
        q.add(small);
        q.add(gang);
        q.add(replica);
        assertThat(names(q)).containsExactly("replica", "small", "gang");
        assertThat(names(q.atLeast())).containsExactly("replica", "gang");
        q.remove(replica);
        assertThat(names(q.atLeast())).containsExactly("gang");
        assertThat(q.size()).isEqualTo(2);
    }

    @Test
    void withoutAThresholdTheIndexIsTheWholeQueue() {
        PendingQueue q = new PendingQueue();
        q.add(job("a").gpus(1).build());
        q.add(job("b").gpus(512).build());
        assertThat(names(q.atLeast())).containsExactlyElementsOf(names(q));
    }

    @Test
    void aJobThatRanBeforeResumesAheadOfOlderJobsThatNeverStarted() {
        PendingQueue q = new PendingQueue();
        Job older = job("older").gpus(144).priority(500).submit(1).build();
        Job resumed =
                job("resumed").gpus(144).priority(500).submit(2).duration(100).build();
        Job higher = job("higher").gpus(72).priority(1000).submit(3).build();
        resumed.start(5, new int[] {0}, new long[] {1}, 144);
        resumed.interrupt(10);
        q.add(older);
        q.add(resumed);
        q.add(higher);
        assertThat(names(q)).containsExactly("higher", "resumed", "older");
        // The order is fixed while the job waits, even once it starts: it still leaves the queue.
        older.start(20, new int[] {1}, new long[] {1}, 144);
        assertThat(q.remove(older)).isTrue();
        assertThat(names(q)).containsExactly("higher", "resumed");
    }

    @Test
    void theQueuesMergedKeepOneOrderAcrossThemThroughRandomAddsAndRemoves() {
        SplittableRandom rnd = new SplittableRandom(7);
        PendingQueue q = new PendingQueue(72);
        TreeSet<Job> all = new TreeSet<>(PendingQueue.ORDER);
        List<Job> waiting = new ArrayList<>();
        int[] priorities = {0, 100, 500, 1000};
        for (int step = 0; step < 3_000; step++) {
            if (waiting.isEmpty() || rnd.nextInt(3) > 0) {
                Job j = job("j" + step)
                        .queue(rnd.nextInt(5))
                        .gpus(rnd.nextBoolean() ? 8 : 144)
                        .priority(priorities[rnd.nextInt(priorities.length)])
                        .submit(rnd.nextInt(500))
                        .build();
                q.add(j);
                all.add(j);
                waiting.add(j);
            } else {
                Job j = waiting.remove(rnd.nextInt(waiting.size()));
                assertThat(q.remove(j)).isTrue();
                assertThat(q.remove(j)).isFalse();
                all.remove(j);
            }
            if (step % 100 == 0) {
                assertThat(names(q)).containsExactlyElementsOf(names(all));
                assertThat(q.size()).isEqualTo(all.size());
                assertThat(q.isEmpty()).isEqualTo(all.isEmpty());
                if (!all.isEmpty()) {
                    assertThat(q.first()).isSameAs(all.first());
                }
                for (int queue = 0; queue < 6; queue++) {
                    int n = queue;
                    assertThat(q.size(queue)).isEqualTo((int)
                            all.stream().filter(j -> j.queue() == n).count());
                }
                assertThat(names(q.atLeast()))
                        .containsExactlyElementsOf(
                                names(all.stream().filter(j -> j.gpus() >= 72).toList()));
            }
        }
    }
}
