package io.ultrafleet.twin.reliability;

import java.util.SplittableRandom;

/**
 * An exact Monte Carlo of one synchronous training job on a constant hazard, for checking {@link RecoveryMath}.
 * Times are milliseconds as {@code long}.
 *
 * <p>The model (the simplest consistent one, and the one {@link RecoveryMath#ettrExact} describes): the job runs on
 * {@code N} GPUs, so interruptions arrive as a Poisson process of rate {@code N x hazard} in wall time, whatever the
 * job is doing. The job computes {@code tau} of work, then stalls {@code C} to write a checkpoint; the checkpoint
 * counts only once the stall has finished. An interruption during work or a stall loses everything since the last
 * completed checkpoint; then the job restarts, which takes {@code R}. An interruption during the restart starts the
 * restart again (and counts as an interruption). The last piece of work, if shorter than {@code tau}, ends the job
 * without a checkpoint. Because the process is memoryless, the time to the next failure is carried across completed
 * segments rather than drawn afresh, which makes a run cost O(interruptions), not O(checkpoints).
 *
 * <p>Deterministic: the same configuration and seed give the same result. Draws come from a {@link SplittableRandom}
 * seeded with the seed, through {@link HazardModel#nextFailureMillis}.
 */
public final class SingleJobSimulator {
    /** One job: its size, hazard, work and recovery parameters (all times in ms). */
    public record Config(
            long gpus,
            HazardModel hazard,
            long workMillis,
            long intervalMillis,
            long checkpointMillis,
            long restartMillis) {
        public Config {
            if (gpus < 1) {
                throw new IllegalArgumentException("a job needs at least 1 GPU, found " + gpus);
            }
            if (hazard == null || hazard.ageDependent()) {
                throw new IllegalArgumentException("the single-job simulator needs a constant hazard, found " + hazard);
            }
            if (hazard.basePerGpuHour() <= 0) {
                throw new IllegalArgumentException("the hazard must be > 0 per GPU-hour, found " + hazard);
            }
            if (workMillis < 1 || intervalMillis < 1 || checkpointMillis < 0 || restartMillis < 0) {
                throw new IllegalArgumentException(
                        "need work >= 1 ms, interval >= 1 ms, checkpoint and restart >= 0 ms;"
                                + " found work " + workMillis + ", interval " + intervalMillis + ", checkpoint "
                                + checkpointMillis + ", restart " + restartMillis);
            }
        }

        /** The job's MTBF in hours. */
        public double mtbfHours() {
            return hazard.jobMtbfHours(gpus);
        }
    }

    /**
     * What one run gave: wall time, useful (productive) time, time in completed checkpoint stalls, interruptions
     * (those during restarts included) and checkpoints completed. All times in ms.
     */
    public record Result(
            long wallMillis, long usefulMillis, long checkpointMillis, long interruptions, long checkpoints) {
        /** Productive time over wall time. */
        public double ettr() {
            return usefulMillis / (double) wallMillis;
        }

        /** Wall time that was not productive: completed checkpoint stalls plus everything the interruptions cost. */
        public long overheadMillis() {
            return wallMillis - usefulMillis;
        }

        /** Wall time lost to interruptions: restarts, recomputed work and interrupted stalls. */
        public long lostMillis() {
            return wallMillis - usefulMillis - checkpointMillis;
        }
    }

    private SingleJobSimulator() {}

    /** Runs the job once with random stream {@code new SplittableRandom(seed)}. */
    public static Result run(Config cfg, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long tau = cfg.intervalMillis();
        long c = cfg.checkpointMillis();
        long r = cfg.restartMillis();
        long fullSegments = cfg.workMillis() / tau;
        long tail = cfg.workMillis() - fullSegments * tau;
        long segment = tau + c;

        long wall = 0;
        long interruptions = 0;
        long done = 0; // full segments completed (each ends with a completed checkpoint)
        boolean tailDone = tail == 0;
        long gap = next(cfg, rng); // time from now to the next failure
        while (done < fullSegments || !tailDone) {
            long need = done < fullSegments ? segment : tail;
            if (gap >= need) {
                if (done < fullSegments) {
                    long k = Math.min(gap / segment, fullSegments - done);
                    wall += k * segment;
                    gap -= k * segment;
                    done += k;
                } else {
                    wall += tail;
                    gap -= tail;
                    tailDone = true;
                }
                continue;
            }
            // A failure strikes inside this segment: its progress is lost, then the job restarts.
            wall += gap;
            interruptions++;
            while (true) {
                gap = next(cfg, rng);
                if (gap >= r) {
                    wall += r;
                    gap -= r;
                    break;
                }
                wall += gap;
                interruptions++;
            }
        }
        return new Result(wall, cfg.workMillis(), done * c, interruptions, done);
    }

    private static long next(Config cfg, SplittableRandom rng) {
        return cfg.hazard().nextFailureMillis(cfg.gpus(), 0, rng);
    }
}
