-- The control plane's state: what the server started from, who may call it, the queues, the jobs and what they hold.
-- Times are milliseconds of the server's clock since the scenario's start, as in the scheduler core.

CREATE TABLE settings (
    name VARCHAR(64) PRIMARY KEY,
    val VARCHAR NOT NULL
);

CREATE TABLE counters (
    name VARCHAR(64) PRIMARY KEY,
    val BIGINT NOT NULL
);
INSERT INTO counters (name, val) VALUES ('job_id', 0);

CREATE TABLE tenants (
    name VARCHAR(100) PRIMARY KEY,
    created_at BIGINT NOT NULL
);

CREATE TABLE queues (
    id INTEGER PRIMARY KEY,
    tenant VARCHAR(100) NOT NULL REFERENCES tenants (name),
    name VARCHAR(100) NOT NULL,
    priority_class VARCHAR(100) NOT NULL,
    cohort VARCHAR(100),
    weight DOUBLE PRECISION NOT NULL,
    settings VARCHAR NOT NULL,
    UNIQUE (tenant, name)
);

CREATE TABLE tokens (
    id VARCHAR(40) PRIMARY KEY,
    tenant VARCHAR(100),
    hash VARCHAR(64) NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE jobs (
    id BIGINT PRIMARY KEY,
    tenant VARCHAR(100) NOT NULL,
    queue_id INTEGER NOT NULL REFERENCES queues (id),
    name VARCHAR(200) NOT NULL,
    state VARCHAR(16) NOT NULL,
    body VARCHAR NOT NULL,
    gpus INTEGER NOT NULL,
    priority INTEGER NOT NULL,
    submitted_at BIGINT NOT NULL,
    idempotency_key VARCHAR(200),
    runs INTEGER NOT NULL DEFAULT 0,
    first_started_at BIGINT,
    started_at BIGINT,
    ended_at BIGINT,
    saved_work_ms BIGINT NOT NULL DEFAULT 0,
    allocated_gpus INTEGER NOT NULL DEFAULT 0,
    wait_reason VARCHAR(32),
    wait_detail VARCHAR(200),
    exit_code INTEGER,
    UNIQUE (tenant, idempotency_key)
);
CREATE INDEX jobs_by_state ON jobs (state, id);
CREATE INDEX jobs_by_tenant ON jobs (tenant, id);
CREATE INDEX jobs_by_key ON jobs (idempotency_key);

-- One row per unit (tray or host) a running job holds: the key makes a unit held twice impossible.
CREATE TABLE held_units (
    rack INTEGER NOT NULL,
    unit INTEGER NOT NULL,
    job_id BIGINT NOT NULL,
    PRIMARY KEY (rack, unit)
);
CREATE INDEX held_units_by_job ON held_units (job_id);

CREATE TABLE job_events (
    job_id BIGINT NOT NULL,
    seq INTEGER NOT NULL,
    at BIGINT NOT NULL,
    text VARCHAR NOT NULL,
    PRIMARY KEY (job_id, seq)
);

CREATE INDEX job_events_by_at ON job_events (at);

CREATE TABLE rack_states (
    rack INTEGER PRIMARY KEY,
    draining BOOLEAN NOT NULL
);
