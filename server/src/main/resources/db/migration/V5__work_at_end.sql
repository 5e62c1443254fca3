-- The work a job had done when it ended, in full-size milliseconds (its checkpointed work included): an elastic job
-- that ran shrunk for a while did less work than its run's wall time says, and forecasts compare this work with the
-- run time its user declared. Null for jobs that have not ended, and for jobs that ended before this column existed.
ALTER TABLE jobs ADD COLUMN work_ms BIGINT;
