package io.ultrafleet.spec;

/**
 * How a training job chooses its checkpoint interval: a fixed interval, or Young's or Daly's optimum from the job's
 * MTBF and checkpoint cost ({@link CheckpointIntervals}). Times in milliseconds.
 */
public sealed interface CheckpointPolicy {
    /** The interval, in ms of work, for a job with this MTBF and checkpoint cost (both in ms). */
    public long intervalMillis(long mtbfMillis, long checkpointMillis);

    /** Checkpoint after every {@code intervalMillis} of work, whatever the MTBF. */
    public record Fixed(long intervalMillis) implements CheckpointPolicy {
        public Fixed {
            if (intervalMillis < 1) {
                throw new IllegalArgumentException("checkpoint interval must be >= 1 ms, found " + intervalMillis);
            }
        }

        @Override
        public long intervalMillis(long mtbfMillis, long checkpointMillis) {
            return intervalMillis;
        }
    }

    /** Young's interval {@code sqrt(2 C M)}. */
    public record Young() implements CheckpointPolicy {
        @Override
        public long intervalMillis(long mtbfMillis, long checkpointMillis) {
            return CheckpointIntervals.youngMillis(checkpointMillis, mtbfMillis);
        }
    }

    /** Daly's higher-order interval. */
    public record Daly() implements CheckpointPolicy {
        @Override
        public long intervalMillis(long mtbfMillis, long checkpointMillis) {
            return CheckpointIntervals.dalyMillis(checkpointMillis, mtbfMillis);
        }
    }
}
