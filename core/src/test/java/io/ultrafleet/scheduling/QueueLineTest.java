package io.ultrafleet.scheduling;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.workload.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class QueueLineTest {
    private static List<Job> walk(QueueLine line) {
        List<Job> out = new ArrayList<>();
        QueueLine.Cursor c = line.cursor();
        for (Job j = c.next(); j != null; j = c.next()) {
            out.add(j);
        }
        return out;
    }

    /** Checks the line against a tree of the same jobs after every change. */
    private static void same(QueueLine line, TreeSet<Job> tree) {
        assertThat(walk(line)).containsExactlyElementsOf(tree);
        assertThat(line.size()).isEqualTo(tree.size());
        assertThat(line.first()).isSameAs(tree.isEmpty() ? null : tree.first());
    }

    @Test
    void jobsJoiningAnywhereAndLeavingAnywhereKeepTheQueueOrder() {
        for (long seed = 0; seed < 20; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            QueueLine line = new QueueLine();
            TreeSet<Job> tree = new TreeSet<>(PendingQueue.ORDER);
            List<Job> waiting = new ArrayList<>();
            List<Job> left = new ArrayList<>();
            long clock = 0;
            for (int step = 0; step < 2_000; step++) {
                int what = rnd.nextInt(10);
                if (what < 4 || waiting.isEmpty()) {
                    // mostly the youngest of its priority, sometimes older (a job submitted earlier, or resuming)
                    clock += rnd.nextInt(3);
                    long submit = rnd.nextInt(8) == 0 ? rnd.nextLong(clock + 1) : clock;
                    Job j = job("j" + seed + "-" + step)
                            .priority(rnd.nextInt(6) == 0 ? 1000 : 100)
                            .submit(submit)
                            .build();
                    assertThat(line.add(j)).isTrue();
                    tree.add(j);
                    waiting.add(j);
                } else if (what < 8) {
                    // leave: mostly from the front, as jobs start
                    Job j = rnd.nextInt(3) > 0 ? tree.first() : waiting.get(rnd.nextInt(waiting.size()));
                    assertThat(line.remove(j)).isTrue();
                    assertThat(line.remove(j)).isFalse();
                    assertThat(line.contains(j)).isFalse();
                    tree.remove(j);
                    waiting.remove(j);
                    left.add(j);
                } else if (!left.isEmpty()) {
                    // a job that left comes back, with the rank it had or resuming (it ran, and was stopped)
                    Job j = left.remove(rnd.nextInt(left.size()));
                    if (rnd.nextBoolean()) {
                        j.queued(!j.resuming());
                    }
                    assertThat(line.add(j)).isTrue();
                    assertThat(line.add(j)).isFalse();
                    tree.add(j);
                    waiting.add(j);
                }
                same(line, tree);
            }
            while (!tree.isEmpty()) {
                Job j = tree.pollLast();
                assertThat(line.remove(j)).isTrue();
                same(line, tree);
            }
            assertThat(line.isEmpty()).isTrue();
        }
    }

    @Test
    void aLineThatGrewAndEmptiedGivesBackItsRoom() {
        QueueLine line = new QueueLine();
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Job j = job("j" + i).submit(i).build();
            line.add(j);
            jobs.add(j);
        }
        for (int i = 0; i < 9_990; i++) {
            line.remove(jobs.get(i));
        }
        assertThat(line.size()).isEqualTo(10);
        assertThat(line.capacity()).isLessThan(1_000);
        assertThat(walk(line)).containsExactlyElementsOf(jobs.subList(9_990, 10_000));
    }

    @Test
    void aQueueThatJobsJoinAtTheEndAndLeaveAtTheFrontStaysSmall() {
        QueueLine line = new QueueLine();
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            Job j = job("j" + i).submit(i).build();
            line.add(j);
            jobs.add(j);
            if (i >= 50) {
                line.remove(jobs.get(i - 50));
            }
        }
        assertThat(line.size()).isEqualTo(50);
        assertThat(line.capacity()).isLessThan(1_000);
        assertThat(line.first()).isSameAs(jobs.get(100_000 - 50));
    }
}
