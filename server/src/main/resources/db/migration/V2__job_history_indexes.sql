-- A forecast reads the recent past: the jobs submitted, and the jobs that ended, within its window (7 days by
-- default). These indexes keep those reads to the window instead of the whole jobs table.
CREATE INDEX jobs_by_submitted_at ON jobs (submitted_at);
CREATE INDEX jobs_by_ended_at ON jobs (ended_at);
