package io.ultrafleet.cli;

import picocli.CommandLine.Option;

/** The flags of a run on Slurm, shared by {@code sweep} and {@code simulate --replications}. */
final class SlurmFlags {
    /** The most tasks a throttle may name. */
    static final int MAX_RUNNING = 100_000;

    @Option(
            names = "--slurm-max-running",
            paramLabel = "K",
            description = "With --slurm: at most K tasks of the array job run at once (sbatch's --array=...%%K), so"
                    + " that a large sweep leaves nodes to others; default: as many as Slurm has room for.")
    Integer maxRunning;

    /**
     * The throttle asked for, or 0 for none; {@code slurm} says whether {@code --slurm} was given.
     *
     * @throws BadFlagException when it is given without {@code --slurm} or is out of range
     */
    int maxRunning(boolean slurm) {
        if (maxRunning == null) {
            return 0;
        }
        if (!slurm) {
            throw new BadFlagException(
                    "--slurm-max-running", maxRunning.toString(), "limits a run on Slurm; give --slurm too");
        }
        if (maxRunning < 1 || maxRunning > MAX_RUNNING) {
            throw new BadFlagException(
                    "--slurm-max-running",
                    maxRunning.toString(),
                    "is out of range; allowed an integer from 1 to " + MAX_RUNNING);
        }
        return maxRunning;
    }
}
