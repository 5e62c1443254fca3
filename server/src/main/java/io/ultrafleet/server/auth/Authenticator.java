package io.ultrafleet.server.auth;

import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.Tokens;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a bearer token belongs to. Tokens are looked up by their SHA-256 (never stored or compared in the clear), first
 * in a cache of the tokens seen, then in the database; a revoked token leaves the cache at once.
 */
public final class Authenticator {
    private final Database db;
    private final Map<String, Principal> byHash = new ConcurrentHashMap<>();

    public Authenticator(Database db) {
        this.db = db;
    }

    /** The caller presenting {@code token}, or empty for an unknown or revoked token. */
    public Optional<Principal> identify(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return Optional.empty();
        }
        String hash = TokenHash.of(token);
        Principal known = byHash.get(hash);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Principal> found = db.withHandle(h -> Tokens.byHash(h, hash));
        found.ifPresent(p -> byHash.put(hash, p));
        return found;
    }

    /** Forgets the token with this hash: it was revoked or replaced. */
    public void forget(String hash) {
        byHash.remove(hash);
    }
}
