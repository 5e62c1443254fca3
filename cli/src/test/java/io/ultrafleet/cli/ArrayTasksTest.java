package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When a sweep's Slurm task counts as lost, and how squeue's listing of an array job is read. */
class ArrayTasksTest {
    private static final boolean[] ALL_WAITING = {true, true, true};

    @Test
    void aTaskMissingFromItsRunningJobIsLostOnlyAfterTheGrace() {
        ArrayTasks w = new ArrayTasks(3, "100");
        Boolean[] inQueue = {true, true, true};
        boolean[] listed = {true, false, true};
        // task 1 is gone from a job still in the queue: not yet lost (its exit status may show late)
        assertThat(w.lost(0, ALL_WAITING, listed, inQueue)).isEmpty();
        assertThat(w.lost(ArrayTasks.GRACE_MS - 1, ALL_WAITING, listed, inQueue))
                .isEmpty();
        assertThat(w.lost(ArrayTasks.GRACE_MS, ALL_WAITING, listed, inQueue)).containsExactly(1);
    }

    @Test
    void aTaskListedAgainStartsItsGraceAfresh() {
        ArrayTasks w = new ArrayTasks(3, "100");
        Boolean[] inQueue = {true, true, true};
        assertThat(w.lost(0, ALL_WAITING, new boolean[] {true, false, true}, inQueue))
                .isEmpty();
        assertThat(w.lost(1_000, ALL_WAITING, new boolean[] {true, true, true}, inQueue))
                .isEmpty();
        assertThat(w.lost(ArrayTasks.GRACE_MS + 500, ALL_WAITING, new boolean[] {true, false, true}, inQueue))
                .isEmpty();
        assertThat(w.lost(2 * ArrayTasks.GRACE_MS + 500, ALL_WAITING, new boolean[] {true, false, true}, inQueue))
                .containsExactly(1);
    }

    @Test
    void tasksOfAJobThatLeftTheQueueAreLostAtOnceAndDoneOnesNever() {
        ArrayTasks w = new ArrayTasks(3, "100");
        boolean[] waiting = {false, true, true}; // task 0 wrote its exit status
        assertThat(w.lost(0, waiting, new boolean[3], new Boolean[] {false, false, false}))
                .containsExactly(1, 2);
    }

    @Test
    void nothingIsLostWhileTheQueueCannotBeRead() {
        ArrayTasks w = new ArrayTasks(2, "100");
        Boolean[] unknown = {null, null};
        assertThat(w.lost(0, new boolean[] {true, true}, new boolean[2], unknown))
                .isEmpty();
        assertThat(w.lost(10 * ArrayTasks.GRACE_MS, new boolean[] {true, true}, new boolean[2], unknown))
                .isEmpty();
    }

    @Test
    void aResubmittedTaskBelongsToItsNewJob() {
        ArrayTasks w = new ArrayTasks(3, "100");
        w.resubmitted(List.of(1), "101");
        assertThat(w.jobOf(0)).isEqualTo("100");
        assertThat(w.jobOf(1)).isEqualTo("101");
        // the first job has left; the new one lists task 1
        Boolean[] inQueue = {false, true, false};
        boolean[] waiting = {false, true, false};
        assertThat(w.lost(0, waiting, new boolean[] {false, true, false}, inQueue))
                .isEmpty();
    }

    @Test
    void squeuesListingOfAnArrayJobGivesItsTasks() {
        assertThat(ArrayTasks.tasksIn("4242_0\n4242_7\n  4242_12  \n")).containsExactlyInAnyOrder(0, 7, 12);
        assertThat(ArrayTasks.tasksIn("")).isEmpty();
        assertThat(ArrayTasks.tasksIn("4242\n4242_[3-5]\n_\nx_\n")).isEmpty();
    }
}
