package io.ultrafleet.server.api;

import io.javalin.http.Context;
import io.ultrafleet.server.store.Audit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /v1/audit}: (admin) who did what and when, oldest first (or newest), a page at a time. */
final class AuditRoutes {
    /** The actions the audit log records. */
    static final Set<String> ACTIONS =
            Set.of("cancel", "queue-add", "queue-change", "drain", "undrain", "token-issue", "token-revoke", "leader");

    private final ServerContext c;

    AuditRoutes(ServerContext c) {
        this.c = c;
    }

    List<Route> routes() {
        return List.of(Route.of(
                        "GET",
                        "/v1/audit",
                        Route.Access.ADMIN,
                        "Who did what and when: admin actions, token changes, cancellations, drains and changes of leader",
                        200,
                        this::list)
                .withQuery("action", "order", "limit", "after"));
    }

    private void list(Context ctx) {
        Callers.admin(ctx);
        int limit = JobRoutes.limit(ctx);
        boolean newest = JobRoutes.newestFirst(ctx);
        // cursors of the two orders are of different kinds, so that one is not taken for the other
        String kind = newest ? "audit-newest" : "audit";
        long after = Cursor.after(kind, ctx.queryParam("after"), newest ? Long.MAX_VALUE : 0);
        String action = ctx.queryParam("action");
        if (action != null && !ACTIONS.contains(action)) {
            throw ApiException.badField(
                    "action",
                    "query 'action': found '" + Cursor.shorten(action) + "', allowed one of "
                            + String.join(", ", new java.util.TreeSet<>(ACTIONS)));
        }
        List<Audit.Entry> entries = c.db().withHandle(h -> Audit.page(h, after, action, limit + 1, newest));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Audit.Entry e : entries.subList(0, Math.min(limit, entries.size()))) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", e.id());
            o.put("at", Json.instant(c.epochMs(), e.at()));
            o.put("wallTime", java.time.Instant.ofEpochMilli(e.wallAt()).toString());
            o.put("actor", e.actor());
            o.put("action", e.action());
            o.put("target", e.target());
            o.put("detail", e.detail());
            items.add(o);
        }
        String next =
                entries.size() > limit ? Cursor.of(kind, entries.get(limit - 1).id()) : null;
        Json.answer(ctx, 200, Json.page(items, next));
    }
}
