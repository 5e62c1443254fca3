-- Each job row's version: the leader adds one with every update of the row. A standby keeps the rows of its last read
-- of the state and reads again only those whose version moved, and the new ones, instead of every live job's row.
ALTER TABLE jobs ADD COLUMN row_version BIGINT DEFAULT 0 NOT NULL;
