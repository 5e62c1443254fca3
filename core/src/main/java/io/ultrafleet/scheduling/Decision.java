package io.ultrafleet.scheduling;

import io.ultrafleet.scheduling.placement.Placement;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.WaitReason;

/**
 * One decision of a scheduling cycle, as data. By the time a driver receives it, the cycle has already applied it to
 * the in-memory {@link ClusterState} (so that the next decision saw it), and only once its outcome was established: a
 * shrink or a preemption whose room the job did not get was rolled back and is not reported. The driver does its side
 * with it: the twin schedules ends and counts; a live server commits the cycle's decisions in one transaction, then
 * tells its executors.
 */
public sealed interface Decision {
    /** The job the decision is about. */
    Job job();

    /** Hands this decision to the method of {@code handler} for its kind. */
    void applyTo(Handler handler);

    /** What a driver does with each kind of decision. */
    interface Handler {
        void start(Start d);

        void preempt(Preempt d);

        void shrink(Shrink d);

        void grow(Grow d);

        void waits(Wait d);
    }

    /**
     * The job starts (its first run, or again after a stop) on {@code placement}; {@code version} is its allocation's
     * version from then on ({@link Job#allocationVersion()}).
     */
    record Start(Job job, Placement placement, int version) implements Decision {
        /** The GPUs the job computes on: its full size, or what it got when an elastic job starts small. */
        public int runGpus() {
            return Math.min(job.gpus(), placement.allocatedGpus());
        }

        @Override
        public void applyTo(Handler handler) {
            handler.start(this);
        }
    }

    /**
     * The running job is stopped for {@code forJob}, of a higher priority class, and waits again from its last
     * checkpoint; it lost {@code lostGpuMs} GPU-milliseconds of work, and had the size {@code held}.
     */
    record Preempt(Job job, Job forJob, long lostGpuMs, Size held) implements Decision {
        @Override
        public void applyTo(Handler handler) {
            handler.preempt(this);
        }
    }

    /**
     * The running elastic job gives up whole {@code racks} to make room for {@code forJob} and carries on smaller;
     * {@code version} is its allocation's version from then on.
     */
    record Shrink(Job job, int[] racks, Job forJob, Size before, Size after, int version) implements Decision {
        @Override
        public void applyTo(Handler handler) {
            handler.shrink(this);
        }
    }

    /** The running elastic job grows into {@code extra}; {@code version} is its allocation's version from then on. */
    record Grow(Job job, Placement extra, Size before, Size after, int version) implements Decision {
        @Override
        public void applyTo(Handler handler) {
            handler.grow(this);
        }
    }

    /**
     * The job waits, for a reason (or behind a gang, {@code detail}) other than the one it had before the cycle. Jobs
     * that wait as they waited before are not reported again.
     */
    record Wait(Job job, WaitReason reason, String detail) implements Decision {
        @Override
        public void applyTo(Handler handler) {
            handler.waits(this);
        }
    }

    /**
     * A running job's size at one decision: the GPUs it computes on ({@code runGpus}, fewer than it asked for when an
     * elastic job runs small) and the GPUs it holds ({@code allocatedGpus}, whole trays or racks).
     */
    record Size(int runGpus, int allocatedGpus) {
        /** The size of the running {@code job} now. */
        public static Size of(Job job) {
            return new Size(job.runGpus(), job.allocatedGpus());
        }
    }
}
