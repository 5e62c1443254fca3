package io.ultrafleet.twin.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.twin.workload.SimulatedProgress;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The running jobs' collection answers as an insertion-ordered set of the same jobs would: through random starts and
 * ends of many jobs (enough to grow, close up and rehash its arrays), including distinct jobs that share an id.
 */
class RunningJobsTest {

    @Test
    void answersAsAnInsertionOrderedSetThroughRandomStartsAndEnds() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                // every tenth job shares its id with the one before it: still a different job
                long id = i % 10 == 9 ? i - 1 : i;
                JobRequest r = JobRequest.of(id, "j" + i, 0, 0, 0, 1, 60_000).build();
                jobs.add(new Job(r, new SimulatedProgress(r, 60_000)));
            }
            RunningJobs running = new RunningJobs();
            LinkedHashSet<Job> expected = new LinkedHashSet<>();
            for (int step = 0; step < 5_000; step++) {
                Job j = jobs.get(rnd.nextInt(step < 2_500 ? jobs.size() : 40));
                boolean adding = rnd.nextInt(5) < (step % 1_000 < 500 ? 3 : 1); // waves of starts, then of ends
                String as = "seed " + seed + ", step " + step;
                if (adding) {
                    assertThat(running.add(j)).as(as).isEqualTo(expected.add(j));
                } else {
                    assertThat(running.remove(j)).as(as).isEqualTo(expected.remove(j));
                }
                assertThat(running.size()).as(as).isEqualTo(expected.size());
                assertThat(running.contains(j)).as(as).isEqualTo(expected.contains(j));
                if (step % 50 == 0) {
                    assertThat(new ArrayList<>(running)).as(as).containsExactlyElementsOf(expected);
                }
            }
            assertThat(new ArrayList<>(running)).containsExactlyElementsOf(expected);
            assertThat(running.remove("not a job")).isFalse();
        }
    }
}
