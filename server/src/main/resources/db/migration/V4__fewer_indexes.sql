-- An index every event paid for and no query used: a job's events are read by job (the primary key).
DROP INDEX job_events_by_at;
