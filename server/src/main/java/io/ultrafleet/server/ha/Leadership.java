package io.ultrafleet.server.ha;

import io.ultrafleet.server.store.Audit;
import io.ultrafleet.server.store.Database;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;

/**
 * Which server leads: the one that runs the scheduler loop and the executors. The others stand by, answer reads and
 * take submissions. On the embedded database there is only ever one server, which leads ({@link #sole}); on
 * PostgreSQL several servers share a lease ({@link LeaseLeadership}).
 */
public interface Leadership extends AutoCloseable {
    /** What this server is now. */
    enum Role {
        LEADER,
        STANDBY;

        /** How the role is written in answers and metrics. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Whether this server leads at this moment: it holds the lease and the lease has not run out by its own clock.
     * False from the moment a renewal is overdue, before the lease could pass to another server.
     */
    boolean leads();

    /** The role, as {@link #leads()} says. */
    default Role role() {
        return leads() ? Role.LEADER : Role.STANDBY;
    }

    /** The epoch this server leads in (it grows at every change of leader); 0 before it ever led. */
    long epoch();

    /** The address the leader gave for itself, or null when no server leads. */
    String leaderUrl();

    /**
     * Checks, inside the transaction of {@code h}, that this server still leads in its epoch, and holds the lease
     * against a change of leader until the transaction ends. Throws {@link Fenced} otherwise; the transaction must
     * then be rolled back.
     */
    void fence(Handle h);

    /** Calls {@code r} (on any thread) whenever the role may have changed. */
    void onChange(Runnable r);

    /**
     * Starts taking part, as the server at {@code url} (what other servers tell clients): a server that can lead at
     * once does so before this returns.
     */
    void start(String url);

    @Override
    void close();

    /** A decision commit was refused: another server leads now. */
    final class Fenced extends RuntimeException {
        public Fenced(String message) {
            super(message);
        }
    }

    /**
     * The only server there can be (the embedded database, which one process holds): it always leads, in an epoch one
     * above the last start's, and says so in the audit log.
     */
    static Leadership sole(Database db, LongSupplier serverClock) {
        return new Leadership() {
            private volatile long epoch;
            private volatile String url;

            @Override
            public boolean leads() {
                return true;
            }

            @Override
            public long epoch() {
                return epoch;
            }

            @Override
            public String leaderUrl() {
                return url;
            }

            @Override
            public void fence(Handle h) {}

            @Override
            public void onChange(Runnable r) {}

            @Override
            public void start(String url) {
                this.url = url;
                this.epoch = db.inTransaction(h -> {
                    h.createUpdate("UPDATE leader_lease SET epoch = epoch + 1, holder = 'embedded', url = :url,"
                                    + " expires_at = :forever WHERE id = 1")
                            .bind("url", url)
                            .bind("forever", Long.MAX_VALUE)
                            .execute();
                    long e = h.createQuery("SELECT epoch FROM leader_lease WHERE id = 1")
                            .mapTo(Long.class)
                            .one();
                    Audit.record(h, serverClock.getAsLong(), "server embedded", "leader", url, "leads in epoch " + e);
                    return e;
                });
            }

            @Override
            public void close() {}
        };
    }
}
