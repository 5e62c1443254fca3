-- The dashboard's charts of the last days: one sample of the live fleet a minute of the server's clock, written by the
-- leader with its turn's commit and kept for a week of that clock, so that a restarted server and a new leader show
-- the hours before them. The body is JSON: GPUs allocated and free by model, jobs submitted and runs started so far
-- by queue id.
CREATE TABLE fleet_samples (
    at BIGINT PRIMARY KEY,
    body VARCHAR NOT NULL
);
