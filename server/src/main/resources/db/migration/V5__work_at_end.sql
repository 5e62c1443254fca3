-- The work a job had done when it ended, in full-size milliseconds (its checkpointed work included): an elastic job
-- that ran shrunk for a while did less work than its run's wall time says, and forecasts compare this work with the
-- run time its user declared. Null for jobs that have not ended, and for jobs that ended before this column existed.
ALTER TABLE jobs ADD COLUMN work_ms BIGINT;
-- When a running elastic job last changed size, and the work it had done by then: a server that restarts takes the
-- job back where it was, however many sizes it ran on before. Null while the job has not changed size in its run.
ALTER TABLE jobs ADD COLUMN resized_at BIGINT;
ALTER TABLE jobs ADD COLUMN resized_work_ms BIGINT;
