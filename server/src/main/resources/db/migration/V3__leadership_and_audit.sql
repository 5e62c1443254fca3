-- Several servers on one PostgreSQL: one leads (it runs the scheduler loop and the executors), the others stand by.
-- The lease is one row. A server leads while the row names it and has not expired; each change of leader adds one to
-- the epoch, and every commit of scheduling decisions checks the epoch first, so a former leader cannot commit.
-- Times here are the database's own clock in milliseconds since 1970, so that no server's clock is trusted.
CREATE TABLE leader_lease (
    id INTEGER PRIMARY KEY,
    holder VARCHAR(200),
    url VARCHAR(400),
    epoch BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
INSERT INTO leader_lease (id, holder, url, epoch, expires_at) VALUES (1, NULL, NULL, 0, 0);

-- Submissions committed that no leader has taken into its state yet: any server writes them, the leader takes them.
CREATE TABLE job_inbox (
    job_id BIGINT PRIMARY KEY
);

-- Who did what and when: admin actions, token changes, cancellations, drains and changes of leader.
CREATE TABLE audit (
    id BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    wall_at BIGINT NOT NULL,
    actor VARCHAR(200) NOT NULL,
    action VARCHAR(64) NOT NULL,
    target VARCHAR(400),
    detail VARCHAR(2000)
);
INSERT INTO counters (name, val) VALUES ('audit_id', 0);
