package io.ultrafleet.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** The jobs table. */
public final class Jobs {
    private static final String COLUMNS =
            "id, tenant, queue_id, name, state, body, gpus, priority, submitted_at, idempotency_key,"
                    + " runs, first_started_at, started_at, ended_at, saved_work_ms, allocated_gpus, wait_reason, wait_detail,"
                    + " exit_code, work_ms, resized_at, resized_work_ms";

    private Jobs() {}

    /** Reserves {@code n} job ids and returns the first; ids never repeat, also across restarts and servers. */
    public static long reserveIds(Handle h, int n) {
        h.createUpdate("UPDATE counters SET val = val + :n WHERE name = 'job_id'")
                .bind("n", n)
                .execute();
        long last = h.createQuery("SELECT val FROM counters WHERE name = 'job_id'")
                .mapTo(Long.class)
                .one();
        return last - n + 1;
    }

    /** Inserts new queued jobs. */
    public static void insertAll(Handle h, List<JobRow> rows) {
        PreparedBatch b = h.prepareBatch("INSERT INTO jobs (id, tenant, queue_id, name, state, body, gpus, priority,"
                + " submitted_at, idempotency_key) VALUES (:id, :tenant, :queue, :name, :state, :body, :gpus,"
                + " :priority, :submitted, :key)");
        for (JobRow r : rows) {
            b.bind("id", r.id())
                    .bind("tenant", r.tenant())
                    .bind("queue", r.queueId())
                    .bind("name", r.name())
                    .bind("state", r.state())
                    .bind("body", r.body())
                    .bind("gpus", r.gpus())
                    .bind("priority", r.priority())
                    .bind("submitted", r.submittedAt())
                    .bind("key", r.idempotencyKey())
                    .add();
        }
        b.execute();
    }

    /** Writes what the scheduler loop changed of these jobs. */
    public static void updateAll(Handle h, java.util.Collection<JobProgress> rows) {
        if (rows.isEmpty()) {
            return;
        }
        PreparedBatch b = h.prepareBatch(
                "UPDATE jobs SET state = :state, priority = :priority, runs = :runs, first_started_at = :first,"
                        + " started_at = :started, ended_at = :ended, saved_work_ms = :saved, allocated_gpus = :gpus,"
                        + " wait_reason = :reason, wait_detail = :detail, exit_code = :exit, work_ms = :work,"
                        + " resized_at = :resizedAt, resized_work_ms = :resizedWork, row_version = row_version + 1"
                        + " WHERE id = :id");
        for (JobProgress r : rows) {
            b.bind("id", r.id())
                    .bind("state", r.state())
                    .bind("priority", r.priority())
                    .bind("runs", r.runs())
                    .bind("first", r.firstStartedAt())
                    .bind("started", r.startedAt())
                    .bind("ended", r.endedAt())
                    .bind("saved", r.savedWorkMs())
                    .bind("gpus", r.allocatedGpus())
                    .bind("reason", r.waitReason())
                    .bind("detail", r.waitDetail())
                    .bind("exit", r.exitCode())
                    .bind("work", r.workMs())
                    .bind("resizedAt", r.resizedAt())
                    .bind("resizedWork", r.resizedWorkMs())
                    .add();
        }
        b.execute();
    }

    /** Per queue id and state, how many jobs there are (a server rebuilding its counts). */
    public static java.util.Map<Integer, java.util.Map<String, Long>> countsByQueueAndState(Handle h) {
        java.util.Map<Integer, java.util.Map<String, Long>> out = new java.util.TreeMap<>();
        h.createQuery("SELECT queue_id, state, COUNT(*) FROM jobs GROUP BY queue_id, state")
                .map((rs, ctx) -> new Object[] {rs.getInt(1), rs.getString(2), rs.getLong(3)})
                .forEach(r -> out.computeIfAbsent((Integer) r[0], k -> new java.util.TreeMap<>())
                        .put((String) r[1], (Long) r[2]));
        return out;
    }

    /** The submitted bodies of {@code ids}, by id. */
    public static java.util.Map<Long, String> bodies(Handle h, java.util.Collection<Long> ids) {
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT id, body FROM jobs WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> java.util.Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    public static Optional<JobRow> get(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM jobs WHERE id = :id")
                .bind("id", id)
                .map(Jobs::row)
                .findOne();
    }

    /** Of {@code keys} (tenant and key, as {@code TENANT + '\\0' + KEY}), the jobs already submitted with them. */
    public static java.util.Map<String, JobRow> byIdempotencyKeys(Handle h, java.util.Collection<String> keys) {
        java.util.Map<String, JobRow> out = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        List<String> plain = new java.util.ArrayList<>();
        for (String k : keys) {
            plain.add(k.substring(k.indexOf('\0') + 1));
        }
        // by the key alone (its own index): H2 does not look a list up in the (tenant, key) index, it scans the tenant
        h.createQuery("SELECT " + COLUMNS + " FROM jobs WHERE idempotency_key IN (<keys>)")
                .bindList("keys", plain)
                .map(Jobs::row)
                .forEach(r -> {
                    String k = r.tenant() + "\0" + r.idempotencyKey();
                    if (keys.contains(k)) {
                        out.put(k, r);
                    }
                });
        return out;
    }

    /** The tenant's job submitted with {@code key}, if there is one. */
    public static Optional<JobRow> byIdempotencyKey(Handle h, String tenant, String key) {
        return h.createQuery("SELECT " + COLUMNS + " FROM jobs WHERE tenant = :tenant AND idempotency_key = :key")
                .bind("tenant", tenant)
                .bind("key", key)
                .map(Jobs::row)
                .findOne();
    }

    /**
     * A page of jobs in id order after {@code afterId}, filtered by tenant (null for all), queue id (null for all) and
     * state (null for all).
     */
    public static List<JobRow> page(Handle h, String tenant, Integer queueId, String state, long afterId, int limit) {
        return page(h, tenant, queueId, state, afterId, limit, false);
    }

    /**
     * A page of jobs: with {@code newest}, in falling id order below {@code afterId}; else in id order above it.
     * Filtered by tenant (null for all), queue id (null for all) and state (null for all).
     */
    public static List<JobRow> page(
            Handle h, String tenant, Integer queueId, String state, long afterId, int limit, boolean newest) {
        StringBuilder sql =
                new StringBuilder("SELECT " + COLUMNS + " FROM jobs WHERE id " + (newest ? "<" : ">") + " :after");
        if (tenant != null) {
            sql.append(" AND tenant = :tenant");
        }
        if (queueId != null) {
            sql.append(" AND queue_id = :queue");
        }
        if (state != null) {
            sql.append(" AND state = :state");
        }
        sql.append(newest ? " ORDER BY id DESC LIMIT :limit" : " ORDER BY id LIMIT :limit");
        Query q = h.createQuery(sql.toString()).bind("after", afterId).bind("limit", limit);
        if (tenant != null) {
            q.bind("tenant", tenant);
        }
        if (queueId != null) {
            q.bind("queue", queueId);
        }
        if (state != null) {
            q.bind("state", state);
        }
        return q.map(Jobs::row).list();
    }

    /**
     * The jobs in one state, in id order. Ordered by the index's own columns, so that the database reads them in the
     * index's order as they are fetched, rather than sorting all of them first (H2 then writes a large result to a
     * temporary file: most of a restart's read of a million queued jobs).
     */
    /** Every job in a state with its row's version, in id order (read from the index on state and id, not sorted). */
    static final String IN_STATE =
            "SELECT " + COLUMNS + ", row_version FROM jobs WHERE state = :state ORDER BY state, id";

    /** The id and row version of every job in a state, in id order. */
    static final String VERSIONS_IN_STATE = "SELECT id, row_version FROM jobs WHERE state = :state ORDER BY state, id";

    /** How many ids one query of rows by id binds at most. */
    private static final int IDS_PER_QUERY = 1_000;

    /** A job's row with its version, which every update of the row moves on. */
    public record VersionedRow(JobRow row, long version) {}

    /** A job's id and the version of its row. */
    public interface IdAndVersion {
        void accept(long id, long version);
    }

    /**
     * Every job in {@code state}, in id order, with its row's version, handed to {@code each} as it is read (a server
     * rebuilding its state).
     */
    public static void forEachVersionedInState(Handle h, String state, Consumer<VersionedRow> each) {
        h.createQuery(IN_STATE)
                .bind("state", state)
                .setFetchSize(1_000)
                .map(Jobs::versioned)
                .forEach(each);
    }

    /** The id and row version of every job in {@code state}, in id order: what changed since a standby's last read. */
    public static void forEachVersionInState(Handle h, String state, IdAndVersion each) {
        h.createQuery(VERSIONS_IN_STATE)
                .bind("state", state)
                .setFetchSize(10_000)
                .reduceResultSet(null, (none, rs, ctx) -> {
                    each.accept(rs.getLong(1), rs.getLong(2));
                    return null;
                });
    }

    /** The rows of {@code ids} with their versions, by id; an id with no row is left out. */
    public static java.util.Map<Long, VersionedRow> versionedRows(Handle h, List<Long> ids) {
        java.util.Map<Long, VersionedRow> out = new java.util.HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            h.createQuery("SELECT " + COLUMNS + ", row_version FROM jobs WHERE id IN (<ids>)")
                    .bindList("ids", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)))
                    .map(Jobs::versioned)
                    .forEach(v -> out.put(v.row().id(), v));
        }
        return out;
    }

    private static VersionedRow versioned(ResultSet rs, StatementContext ctx) throws SQLException {
        return new VersionedRow(row(rs, ctx), rs.getLong("row_version"));
    }

    /** Every job submitted from {@code from} to {@code to} (server's clock), in id order. */
    public static void forEachSubmitted(Handle h, long from, long to, Consumer<JobRow> each) {
        h.createQuery("SELECT " + COLUMNS
                        + " FROM jobs WHERE submitted_at >= :from AND submitted_at <= :to ORDER BY id")
                .bind("from", from)
                .bind("to", to)
                .setFetchSize(1_000)
                .map(Jobs::row)
                .forEach(each);
    }

    /** Every job that ran to its end (succeeded or failed) from {@code from} to {@code to}, in id order. */
    public static void forEachRanToEnd(Handle h, long from, long to, Consumer<JobRow> each) {
        h.createQuery("SELECT " + COLUMNS + " FROM jobs WHERE ended_at >= :from AND ended_at <= :to"
                        + " AND state IN ('" + SUCCEEDED_OR_FAILED + "') AND started_at IS NOT NULL ORDER BY id")
                .bind("from", from)
                .bind("to", to)
                .setFetchSize(1_000)
                .map(Jobs::row)
                .forEach(each);
    }

    private static final String SUCCEEDED_OR_FAILED = JobRow.SUCCEEDED + "', '" + JobRow.FAILED;

    static JobRow row(ResultSet rs, StatementContext ctx) throws SQLException {
        return new JobRow(
                rs.getLong("id"),
                rs.getString("tenant"),
                rs.getInt("queue_id"),
                rs.getString("name"),
                rs.getString("state"),
                rs.getString("body"),
                rs.getInt("gpus"),
                rs.getInt("priority"),
                rs.getLong("submitted_at"),
                rs.getString("idempotency_key"),
                rs.getInt("runs"),
                nullableLong(rs, "first_started_at"),
                nullableLong(rs, "started_at"),
                nullableLong(rs, "ended_at"),
                rs.getLong("saved_work_ms"),
                rs.getInt("allocated_gpus"),
                rs.getString("wait_reason"),
                rs.getString("wait_detail"),
                nullableInt(rs, "exit_code"),
                nullableLong(rs, "work_ms"),
                nullableLong(rs, "resized_at"),
                nullableLong(rs, "resized_work_ms"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
