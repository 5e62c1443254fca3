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
    void aQueueWhosePriorityChangesHasItsWaitingJobsMovedToTheirNewRank() {
        PendingQueue q = new PendingQueue(72);
        Job a1 = job("a1").queue(0).gpus(8).priority(100).submit(1).build();
        Job b1 = job("b1").queue(1).gpus(8).priority(500).submit(2).build();
        Job a2 = job("a2").queue(0).gpus(144).priority(100).submit(3).build();
        Job b2 = job("b2").queue(1).gpus(144).priority(500).submit(4).build();
        Job a3 = job("a3").queue(0).gpus(8).priority(900).submit(5).build(); // submitted under a higher class
        for (Job j : List.of(a1, b1, a2, b2, a3)) {
            q.add(j);
        }
        assertThat(names(q)).containsExactly("a3", "b1", "b2", "a1", "a2");

        // queue 0's class becomes 500: every waiting job of it takes 500 (a3, from a higher class, falls) and ranks
        // with queue 1's by age
        assertThat(names(q.reprioritise(0, 500))).containsExactly("a1", "a2", "a3");
        assertThat(names(q)).containsExactly("a1", "b1", "a2", "b2", "a3");
        assertThat(names(q.atLeast())).containsExactly("a2", "b2");
        assertThat(a1.priority()).isEqualTo(500);
        assertThat(a1.request().priority()).isEqualTo(500);
        assertThat(a3.priority()).isEqualTo(500);
        assertThat(q.size()).isEqualTo(5);
        // nothing left to change; the other queue and an unknown one are untouched
        assertThat(q.reprioritise(0, 500)).isEmpty();
        assertThat(q.reprioritise(7, 1)).isEmpty();
        assertThat(b1.priority()).isEqualTo(500);
        // the moved jobs leave and come back as any other
        assertThat(q.remove(a2)).isTrue();
        assertThat(names(q)).containsExactly("a1", "b1", "b2", "a3");
        q.add(a2);
        assertThat(names(q)).containsExactly("a1", "b1", "a2", "b2", "a3");
    }

    @Test
    void aLargeQueueIsReprioritisedInOnePassAndMatchesAQueueBuiltAtTheNewRanks() {
        PendingQueue q = new PendingQueue(72);
        PendingQueue fresh = new PendingQueue(72);
        SplittableRandom rnd = new SplittableRandom(5);
        List<Job> raised = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            int queue = rnd.nextInt(3);
            int gpus = rnd.nextBoolean() ? 8 : 144;
            long submit = rnd.nextLong(1_000_000);
            String name = "j" + i;
            q.add(job(name)
                    .queue(queue)
                    .gpus(gpus)
                    .priority(queue == 0 ? 100 : 300)
                    .submit(submit)
                    .build());
            fresh.add(job(name)
                    .queue(queue)
                    .gpus(gpus)
                    .priority(queue == 0 ? 500 : 300)
                    .submit(submit)
                    .build());
        }
        q.reprioritise(0, 500).forEach(raised::add);
        assertThat(raised).hasSize(names(fresh).size() - (int) countNot(fresh, 0));
        assertThat(names(q)).containsExactlyElementsOf(names(fresh));
        assertThat(names(q.atLeast())).containsExactlyElementsOf(names(fresh.atLeast()));
        assertThat(q.size()).isEqualTo(50_000);
    }

    private static long countNot(PendingQueue q, int queue) {
        long n = 0;
        for (Job j : q) {
            if (j.queue() != queue) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aRunningJobKeepsThePriorityItStartedWith() {
        Job running =
                job("running").gpus(8).priority(100).submit(1).duration(100).build();
        running.start(5, new int[] {0}, new long[] {1}, 8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> running.reprioritise(500))
                .isInstanceOf(IllegalStateException.class);
        assertThat(running.priority()).isEqualTo(100);
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
