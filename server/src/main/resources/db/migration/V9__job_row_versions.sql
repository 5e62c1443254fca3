-- Each job row's version: the leader adds one with every update of the row. A standby keeps the rows of its last read
-- of the state and reads again only those whose version moved, and the new ones, instead of every live job's row.
ALTER TABLE jobs ADD COLUMN row_version BIGINT DEFAULT 0 NOT NULL;
-- The leader's commits that moved the versions of the rows they updated: a leader of a version before this one moves
-- 'state_rev' but not this, so a standby that sees the two move apart reads every row again rather than trust versions
-- that such a leader left as they were.
INSERT INTO counters (name, val) VALUES ('versioned_commits', 0);
