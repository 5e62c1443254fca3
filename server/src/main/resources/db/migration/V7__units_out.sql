-- Units the executor's engine cannot run work on (a Slurm node down, drained or unreachable), as the leader last took
-- them out of service: one row per rack, its units as a mask. Standbys read it so that their fleet shows what the
-- leader's shows; a leader that starts reads it and then follows its own executor's view, which replaces it.
CREATE TABLE units_out (
    rack INTEGER PRIMARY KEY,
    mask BIGINT NOT NULL
);
