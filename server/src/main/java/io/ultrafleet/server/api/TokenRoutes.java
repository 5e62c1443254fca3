package io.ultrafleet.server.api;

import io.javalin.http.Context;
import io.ultrafleet.server.auth.TokenHash;
import io.ultrafleet.server.store.Audit;
import io.ultrafleet.server.store.Queues;
import io.ultrafleet.server.store.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /v1/tenants/{tenant}/tokens}: (admin) list, issue and revoke a tenant's tokens; {@code /v1/me}: whose token. */
final class TokenRoutes {
    private final ServerContext c;

    TokenRoutes(ServerContext c) {
        this.c = c;
    }

    List<Route> routes() {
        return List.of(
                Route.of(
                        "GET",
                        "/v1/me",
                        Route.Access.TOKEN,
                        "Whose token this is: the admin or a tenant",
                        200,
                        this::me),
                Route.of(
                        "GET",
                        "/v1/tenants/{tenant}/tokens",
                        Route.Access.ADMIN,
                        "A tenant's tokens, revoked ones too, oldest first (ids and dates, never the tokens)",
                        200,
                        this::list),
                Route.of(
                        "POST",
                        "/v1/tenants/{tenant}/tokens",
                        Route.Access.ADMIN,
                        "Issue a token for a tenant (shown this once)",
                        201,
                        this::issue),
                Route.of(
                        "DELETE",
                        "/v1/tenants/{tenant}/tokens/{tokenId}",
                        Route.Access.ADMIN,
                        "Revoke a tenant's token",
                        200,
                        this::revoke));
    }

    private void me(Context ctx) {
        var p = Callers.of(ctx);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("admin", p.admin());
        o.put("tenant", p.tenant());
        o.put("tokenId", p.tokenId());
        Json.answer(ctx, 200, o);
    }

    private void list(Context ctx) {
        Callers.admin(ctx);
        String tenant = ctx.pathParam("tenant");
        List<Tokens.Issued> tokens =
                c.db().withHandle(h -> Queues.tenantExists(h, tenant) ? Tokens.ofTenant(h, tenant) : null);
        if (tokens == null) {
            throw ApiException.notFound("tenant " + Cursor.shorten(tenant));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (Tokens.Issued t : tokens) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", t.id());
            o.put("tenant", tenant);
            o.put("createdAt", Json.instant(c.epochMs(), t.createdAt()));
            o.put("revokedAt", t.revokedAt() == null ? null : Json.instant(c.epochMs(), t.revokedAt()));
            items.add(o);
        }
        Json.answer(ctx, 200, Json.page(items, null));
    }

    private void issue(Context ctx) {
        Callers.admin(ctx);
        String tenant = ctx.pathParam("tenant");
        String token = TokenHash.newToken();
        String id = TokenHash.newId();
        long now = c.clock().now();
        boolean known = c.db().inTransaction(h -> {
            if (!Queues.tenantExists(h, tenant)) {
                return false;
            }
            Tokens.insert(h, id, tenant, TokenHash.of(token), now);
            Audit.record(h, now, Callers.name(Callers.of(ctx)), "token-issue", "tenant " + tenant, "token " + id);
            return true;
        });
        if (!known) {
            throw ApiException.notFound("tenant " + Cursor.shorten(tenant));
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("tenant", tenant);
        o.put("token", token);
        Json.answer(ctx, 201, o);
    }

    private void revoke(Context ctx) {
        Callers.admin(ctx);
        String tenant = ctx.pathParam("tenant");
        String id = ctx.pathParam("tokenId");
        long now = c.clock().now();
        String by = Callers.name(Callers.of(ctx));
        Optional<String> hash = c.db().inTransaction(h -> {
            Optional<String> revoked = Tokens.revoke(h, tenant, id, now);
            if (revoked.isPresent()) {
                Audit.record(h, now, by, "token-revoke", "tenant " + tenant, "token " + id);
            }
            return revoked;
        });
        if (hash.isEmpty()) {
            throw ApiException.notFound("token " + Cursor.shorten(id) + " of tenant " + Cursor.shorten(tenant));
        }
        c.auth().forget(hash.get());
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("tenant", tenant);
        o.put("revoked", true);
        Json.answer(ctx, 200, o);
    }
}
