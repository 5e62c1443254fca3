-- Indexes every submission paid for and no query used: idempotency keys are looked up with their tenant (the
-- UNIQUE (tenant, idempotency_key) index), and a job's events by job (the primary key).
DROP INDEX jobs_by_key;
DROP INDEX job_events_by_at;
