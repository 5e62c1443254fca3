package io.ultrafleet.server.store;

import io.ultrafleet.server.auth.Principal;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The tokens table: who may call the API, kept as hashes only. */
public final class Tokens {
    /** The id of the admin token. */
    public static final String ADMIN_ID = "admin";

    private Tokens() {}

    /** The caller whose token hashes to {@code hash}, unless the token was revoked. */
    public static Optional<Principal> byHash(Handle h, String hash) {
        return h.createQuery("SELECT id, tenant FROM tokens WHERE hash = :hash AND revoked_at IS NULL")
                .bind("hash", hash)
                .map((rs, ctx) -> new Principal(rs.getString("tenant"), rs.getString("id")))
                .findOne();
    }

    public static void insert(Handle h, String id, String tenant, String hash, long at) {
        h.createUpdate("INSERT INTO tokens (id, tenant, hash, created_at) VALUES (:id, :tenant, :hash, :at)")
                .bind("id", id)
                .bind("tenant", tenant)
                .bind("hash", hash)
                .bind("at", at)
                .execute();
    }

    /** Sets the admin token's hash, making the admin row when there is none. */
    public static void setAdmin(Handle h, String hash, long at) {
        int n = h.createUpdate("UPDATE tokens SET hash = :hash, revoked_at = NULL WHERE id = :id")
                .bind("hash", hash)
                .bind("id", ADMIN_ID)
                .execute();
        if (n == 0) {
            insert(h, ADMIN_ID, null, hash, at);
        }
    }

    /** Whether an admin token exists. */
    public static boolean hasAdmin(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM tokens WHERE id = :id")
                        .bind("id", ADMIN_ID)
                        .mapTo(Integer.class)
                        .one()
                > 0;
    }

    /** A tenant's token as an admin may see it: never its hash. */
    public record Issued(String id, long createdAt, Long revokedAt) {}

    /** The tokens issued to {@code tenant}, revoked ones too, oldest first. */
    public static List<Issued> ofTenant(Handle h, String tenant) {
        return h.createQuery("SELECT id, created_at, revoked_at FROM tokens WHERE tenant = :tenant"
                        + " ORDER BY created_at, id")
                .bind("tenant", tenant)
                .map((rs, ctx) -> new Issued(
                        rs.getString("id"), rs.getLong("created_at"), (Long) rs.getObject("revoked_at", Long.class)))
                .list();
    }

    /** Revokes the tenant's token {@code id}; returns its hash, or empty when the tenant has no such live token. */
    public static Optional<String> revoke(Handle h, String tenant, String id, long at) {
        Optional<String> hash = h.createQuery(
                        "SELECT hash FROM tokens WHERE id = :id AND tenant = :tenant AND revoked_at IS NULL")
                .bind("id", id)
                .bind("tenant", tenant)
                .mapTo(String.class)
                .findOne();
        hash.ifPresent(x -> h.createUpdate("UPDATE tokens SET revoked_at = :at WHERE id = :id")
                .bind("at", at)
                .bind("id", id)
                .execute());
        return hash;
    }
}
