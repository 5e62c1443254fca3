package io.ultrafleet.server.ha;

import io.ultrafleet.server.store.Audit;
import io.ultrafleet.server.store.Database;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership among several servers on one PostgreSQL, as a lease row ({@code leader_lease}) rather than an advisory
 * lock: a lock is held by a connection, and a server cut off from the database keeps it until the database notices
 * the connection is gone (minutes, with TCP's defaults), while a lease runs out on the database's own clock.
 *
 * <p>The leader renews the lease every third of its length. A standby tries to take it every sixth of its length; it
 * can only when the lease has run out by the database's clock, and taking it adds one to the epoch. The leader counts
 * its lease from the moment it sent the renewal (before the database read its clock) and gives it up a fifth of the
 * lease early, so it stops leading before any other server can start. Every commit of scheduling decisions calls
 * {@link #fence}: it reads the lease row {@code FOR SHARE} and checks the epoch, so a change of leader waits for that
 * commit, and a former leader's commit after it fails.
 */
public final class LeaseLeadership implements Leadership {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseLeadership.class);

    /** The database's clock, in milliseconds since 1970. */
    static final String DB_NOW = "CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000) AS BIGINT)";

    private final Database db;
    private final Jdbi lease;
    private final String holder;
    private volatile String url;
    private final long leaseMs;
    private final java.util.function.LongSupplier serverClock;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile long epoch;
    /** System.nanoTime() until which this server leads; Long.MIN_VALUE while it does not. */
    private volatile long leadsUntilNanos = Long.MIN_VALUE;

    private volatile String leaderUrl;
    private boolean wasLeader;

    /**
     * @param holder this server's name in the lease (unique among the servers)
     * @param leaseMs how long a lease lasts without renewal: a standby takes over within about this
     * @param serverClock the server's clock, for the audit log's times
     */
    public LeaseLeadership(Database db, String holder, long leaseMs, java.util.function.LongSupplier serverClock) {
        if (leaseMs < 300) {
            throw new IllegalArgumentException("lease too short: " + leaseMs + " ms");
        }
        this.db = db;
        this.lease = db.leaseJdbi(leaseMs / 3);
        this.holder = holder;
        this.leaseMs = leaseMs;
        this.serverClock = serverClock;
        this.thread = new Thread(this::run, "ultrafleet-lease");
        this.thread.setDaemon(true);
    }

    @Override
    public void start(String url) {
        this.url = url;
        step();
        thread.start();
    }

    @Override
    public boolean leads() {
        long until = leadsUntilNanos;
        return until != Long.MIN_VALUE && System.nanoTime() - until < 0;
    }

    @Override
    public long epoch() {
        return epoch;
    }

    @Override
    public String leaderUrl() {
        return leads() ? url : leaderUrl;
    }

    @Override
    public void fence(Handle h) {
        if (!leads()) {
            throw new Fenced("this server's lease ran out");
        }
        Optional<Long> now = h.createQuery("SELECT epoch FROM leader_lease WHERE id = 1 AND holder = :holder FOR SHARE")
                .bind("holder", holder)
                .mapTo(Long.class)
                .findOne();
        if (now.isEmpty() || now.get() != epoch) {
            leadsUntilNanos = Long.MIN_VALUE;
            throw new Fenced("another server leads now");
        }
    }

    @Override
    public void onChange(Runnable r) {
        listeners.add(r);
    }

    private void run() {
        while (!stopping) {
            sleep(leads() ? leaseMs / 3 : leaseMs / 6);
            if (!stopping) {
                step();
            }
        }
    }

    /** One renewal or one attempt to take over; tells the listeners when the role changed. */
    private void step() {
        long sent = System.nanoTime();
        try {
            if (leads() || wasLeader) {
                renew(sent);
            }
            if (!leads()) {
                tryTakeOver(sent);
            }
        } catch (RuntimeException e) {
            LOG.warn("lease: the database does not answer: {}", Database.rootMessage(e));
        }
        boolean now = leads();
        if (!now && wasLeader) {
            leaderUrl = null; // not this server any more; who leads now is read at the next attempt
        }
        if (now != wasLeader) {
            wasLeader = now;
            LOG.info(now ? "leading (epoch {})" : "standing by: the lease of epoch {} was lost", epoch);
            listeners.forEach(Runnable::run);
        }
    }

    private void renew(long sent) {
        int n = lease.withHandle(h -> h.createUpdate("UPDATE leader_lease SET expires_at = " + DB_NOW
                        + " + :lease WHERE id = 1 AND holder = :holder AND epoch = :epoch")
                .bind("lease", leaseMs)
                .bind("holder", holder)
                .bind("epoch", epoch)
                .execute());
        leadsUntilNanos = n == 1 ? until(sent) : Long.MIN_VALUE;
    }

    private void tryTakeOver(long sent) {
        Long taken = lease.inTransaction(h -> {
            int n = h.createUpdate("UPDATE leader_lease SET holder = :holder, url = :url, epoch = epoch + 1,"
                            + " expires_at = " + DB_NOW + " + :lease WHERE id = 1 AND expires_at < " + DB_NOW)
                    .bind("holder", holder)
                    .bind("url", url)
                    .bind("lease", leaseMs)
                    .execute();
            if (n == 0) {
                leaderUrl = h.createQuery("SELECT url FROM leader_lease WHERE id = 1")
                        .mapTo(String.class)
                        .findOne()
                        .orElse(null);
                return null;
            }
            long e = h.createQuery("SELECT epoch FROM leader_lease WHERE id = 1")
                    .mapTo(Long.class)
                    .one();
            Audit.record(h, serverClock.getAsLong(), "server " + holder, "leader", url, "leads in epoch " + e);
            return e;
        });
        if (taken != null) {
            epoch = taken;
            leaderUrl = url;
            leadsUntilNanos = until(sent);
        }
    }

    /** The moment this server stops leading unless it renews: a fifth of the lease before it runs out. */
    private long until(long sentNanos) {
        return sentNanos + (leaseMs - leaseMs / 5) * 1_000_000L;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(Math.max(1, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops renewing, and gives the lease up so that a standby takes over at once. */
    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (leads()) {
            leadsUntilNanos = Long.MIN_VALUE;
            try {
                lease.useHandle(h -> h.createUpdate("UPDATE leader_lease SET expires_at = 0 WHERE id = 1 AND holder ="
                                + " :holder AND epoch = :epoch")
                        .bind("holder", holder)
                        .bind("epoch", epoch)
                        .execute());
            } catch (RuntimeException e) {
                LOG.warn("lease: could not give it up: {}", Database.rootMessage(e));
            }
        }
    }
}
