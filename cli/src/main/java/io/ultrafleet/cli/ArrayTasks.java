package io.ultrafleet.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which tasks of a sweep's Slurm array jobs are lost: out of Slurm's queue without having written their exit status.
 * A task is lost once the job it was last submitted in has left the queue, or once it has been missing from that job's
 * listing for {@link #GRACE_MS} (a task whose exit status a shared file system shows late is not taken for lost, and a
 * long sweep does not wait for its whole array to end before running a lost task again).
 */
final class ArrayTasks {
    /** How long a task may be out of its job's listing, its exit status unseen, before it is taken for lost. */
    static final long GRACE_MS = 60_000;

    /** The job each task was last submitted in. */
    private final String[] jobOf;

    private final long[] missingSince;

    ArrayTasks(int tasks, String firstJob) {
        jobOf = new String[tasks];
        Arrays.fill(jobOf, firstJob);
        missingSince = new long[tasks];
        Arrays.fill(missingSince, -1);
    }

    /** The job task {@code i} was last submitted in. */
    String jobOf(int i) {
        return jobOf[i];
    }

    /** Tasks {@code indices} were submitted again as job {@code job}. */
    void resubmitted(List<Integer> indices, String job) {
        for (int i : indices) {
            jobOf[i] = job;
            missingSince[i] = -1;
        }
    }

    /**
     * The tasks lost at {@code nowMs}, among those {@code waiting} (not done, no exit status seen).
     *
     * @param listed per task, whether its job's listing (taken before the exit statuses were looked for) shows it
     * @param jobInQueue per task, whether its job is still in the queue; null for a task whose job's listing failed
     *     (nothing is known of it this time)
     */
    List<Integer> lost(long nowMs, boolean[] waiting, boolean[] listed, Boolean[] jobInQueue) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < jobOf.length; i++) {
            if (!waiting[i] || jobInQueue[i] == null) {
                continue; // done, or nothing known of its job this time
            }
            if (listed[i]) {
                missingSince[i] = -1; // listed (again): pending or running
                continue;
            }
            if (!jobInQueue[i]) {
                out.add(i);
                continue;
            }
            if (missingSince[i] < 0) {
                missingSince[i] = nowMs;
            }
            if (nowMs - missingSince[i] >= GRACE_MS) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The task indices in {@code squeue -h -r -o %i} output for array jobs (one {@code JOB_TASK} a line); lines that
     * are not of that form are left out.
     */
    static Set<Integer> tasksIn(String squeueOutput) {
        Set<Integer> out = new HashSet<>();
        for (String line : squeueOutput.lines().toList()) {
            String l = line.strip();
            int u = l.lastIndexOf('_');
            if (u <= 0 || u == l.length() - 1) {
                continue;
            }
            try {
                out.add(Integer.parseInt(l.substring(u + 1)));
            } catch (NumberFormatException e) {
                // a range such as 12_[3-5] is not written with -r
            }
        }
        return out;
    }
}
