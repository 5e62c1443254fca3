-- The revision of the state a standby reads: the leader adds one with every commit that changes a row of it (jobs,
-- what they hold, queues, drains, units out). With the job id counter, which every submission moves, it tells a
-- standby whether anything changed since its last read, so that it reads the whole state only then.
INSERT INTO counters (name, val) VALUES ('state_rev', 0);
