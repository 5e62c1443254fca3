package io.ultrafleet.cli;

/**
 * A run on Slurm ({@code --slurm}) that could not be done: Slurm's commands missing or not answering, sbatch refusing
 * the job, a task whose run failed or that was lost too often. Its message says which, in the user's words; nothing
 * was written to the output folder.
 */
final class SlurmRunException extends RuntimeException {
    SlurmRunException(String message) {
        super(message);
    }
}
