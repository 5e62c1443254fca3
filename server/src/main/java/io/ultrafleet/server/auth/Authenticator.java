package io.ultrafleet.server.auth;

import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.Tokens;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a bearer token belongs to. Tokens are looked up by their SHA-256 (never stored or compared in the clear), first
 * in a cache of the tokens seen, then in the database; a revoked token leaves this server's cache at once, and the
 * cache of every other server on the same database within {@link #RECHECK_MS}, when each looks the token up again.
 */
public final class Authenticator {
    private final Database db;
    /** How long a token found is trusted before it is looked up again (a revocation made on another server). */
    static final long RECHECK_MS = 5_000;

    private record Seen(Principal principal, long atNanos) {}

    private final Map<String, Seen> byHash = new ConcurrentHashMap<>();

    public Authenticator(Database db) {
        this.db = db;
    }

    /** The caller presenting {@code token}, or empty for an unknown or revoked token. */
    public Optional<Principal> identify(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return Optional.empty();
        }
        String hash = TokenHash.of(token);
        Seen known = byHash.get(hash);
        long now = System.nanoTime();
        if (known != null && now - known.atNanos() < RECHECK_MS * 1_000_000L) {
            return Optional.of(known.principal());
        }
        Optional<Principal> found;
        try {
            found = db.withHandle(h -> Tokens.byHash(h, hash));
        } catch (RuntimeException e) {
            if (known != null) {
                return Optional.of(known.principal()); // the database does not answer: what it said last holds
            }
            throw e;
        }
        if (found.isPresent()) {
            byHash.put(hash, new Seen(found.get(), now));
        } else {
            byHash.remove(hash);
        }
        return found;
    }

    /** Forgets the token with this hash: it was revoked or replaced. */
    public void forget(String hash) {
        byHash.remove(hash);
    }
}
