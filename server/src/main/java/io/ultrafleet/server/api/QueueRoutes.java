package io.ultrafleet.server.api;

import io.javalin.http.Context;
import io.ultrafleet.server.auth.Principal;
import io.ultrafleet.server.live.LiveView;
import io.ultrafleet.server.live.LoopCommand;
import io.ultrafleet.server.live.QueuePrecondition;
import io.ultrafleet.server.live.QueueSettings;
import io.ultrafleet.spec.FieldReader;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.spec.TenantSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/** {@code /v1/queues}: what each queue may use and uses, and (admin) their settings. */
final class QueueRoutes {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final ServerContext c;

    QueueRoutes(ServerContext c) {
        this.c = c;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/v1/queues", Route.Access.TOKEN, "List queues with quota and usage", 200, this::list),
                Route.of(
                        "GET",
                        "/v1/queues/{tenant}/{queue}",
                        Route.Access.TOKEN,
                        "One queue with quota and usage; its settings' ETag",
                        200,
                        this::one),
                Route.of(
                                "PUT",
                                "/v1/queues/{tenant}/{queue}",
                                Route.Access.ADMIN,
                                "Create a queue or change its settings; If-Match an ETag, or If-None-Match: *",
                                200,
                                this::put)
                        .withBody("priorityClass, and quotaGpus or quotas, cohort, weight: as a scenario's queue")
                        .withHeaders("If-Match", "If-None-Match"));
    }

    private void list(Context ctx) {
        Principal p = Callers.of(ctx);
        List<Map<String, Object>> items = new ArrayList<>();
        for (LiveView.QueueView q : c.loop().view().queues()) {
            if (p.mayAccess(q.row().tenant())) {
                items.add(json(q));
            }
        }
        Json.answer(ctx, 200, Json.page(items, null));
    }

    private void one(Context ctx) {
        Principal p = Callers.of(ctx);
        String fullName = name(ctx, "tenant") + "/" + name(ctx, "queue");
        LiveView.QueueView q = c.loop().view().queue(fullName);
        if (q == null || !p.mayAccess(q.row().tenant())) {
            throw ApiException.notFound("queue " + fullName);
        }
        ctx.header("ETag", QueuePrecondition.tagOf(q.row().settings()));
        Json.answer(ctx, 200, json(q));
    }

    static Map<String, Object> json(LiveView.QueueView q) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", q.row().fullName());
        o.put("etag", QueuePrecondition.tagOf(q.row().settings()));
        o.put("tenant", q.row().tenant());
        o.put("priorityClass", q.row().priorityClass());
        o.put("priority", q.priority());
        o.put("cohort", q.row().cohort());
        o.put("weight", q.row().weight());
        try {
            o.put("settings", Json.MAPPER.readTree(q.row().settings()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        o.put("usedGpus", q.usedGpus());
        o.put("ceilingGpus", q.ceilingGpus() < 0 ? null : q.ceilingGpus());
        o.put("nominalGpus", nominal(q));
        o.put("borrowingGpus", nominal(q) == null ? 0 : Math.max(0, q.usedGpus() - nominal(q)));
        o.put("pending", q.pending());
        o.put("running", q.running());
        o.put("waitReasons", q.waitReasons());
        return o;
    }

    private static Long nominal(LiveView.QueueView q) {
        try {
            var s = Json.MAPPER.readTree(q.row().settings());
            if (s.has("quotaGpus")) {
                return s.get("quotaGpus").asLong();
            }
            if (s.has("quotas")) {
                long n = 0;
                for (var e : s.get("quotas")) {
                    n += e.get("nominalGpus").asLong();
                }
                return n;
            }
            return null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path's {@code part}, a tenant's or queue's name. */
    private static String name(Context ctx, String part) {
        String v = ctx.pathParam(part);
        if (!NAME.matcher(v).matches()) {
            throw ApiException.badField(
                    part,
                    "path '" + part + "': found '" + Cursor.shorten(v) + "', allowed " + FieldReader.NAME_SYNTAX
                            + ", at most 100 characters");
        }
        return v;
    }

    private void put(Context ctx) {
        Callers.admin(ctx);
        String tenant = name(ctx, "tenant");
        String queue = name(ctx, "queue");
        QueuePrecondition when = Preconditions.of(ctx);
        TenantSpec.QueueSpec settings;
        try {
            settings = QueueSettings.read(
                    "request body",
                    ctx.body(),
                    queue,
                    c.spec().priorityClassNames(),
                    QueueSettings.siteNames(c.spec()),
                    c.catalogue());
        } catch (ScenarioException e) {
            throw ApiException.badBody(e);
        }
        String fullName = tenant + "/" + queue;
        boolean existed = c.loop().view().queue(fullName) != null;
        String stored = QueueSettings.write(settings);
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        c.loop()
                .submit(new LoopCommand.PutQueue(
                        tenant,
                        queue,
                        settings,
                        stored,
                        QueueSettings.priority(c.spec(), settings.priorityClass()),
                        when,
                        Callers.name(Callers.of(ctx)),
                        done));
        if (!Waits.on(done, cause -> cause instanceof QueuePrecondition.Failed f ? refusal(fullName, when, f) : null)) {
            throw ApiException.conflict("queue " + fullName + " runs jobs on GPUs its new quotas do not cover;"
                    + " give those flavours a quota, or wait for the jobs to end");
        }
        LiveView.QueueView q = Waits.until(() -> c.loop().view().queue(fullName));
        ctx.header("ETag", QueuePrecondition.tagOf(stored));
        Json.answer(ctx, existed ? 200 : 201, json(q));
    }

    private static ApiException refusal(String fullName, QueuePrecondition when, QueuePrecondition.Failed f) {
        if (f.current() == null) {
            return ApiException.preconditionFailed("queue " + fullName + " does not exist, and If-Match asked for"
                    + " it; nothing was changed (leave If-Match out to create it)");
        }
        if (when.mustBeNew()) {
            return ApiException.preconditionFailed("queue " + fullName + " exists already, and If-None-Match: * asked"
                    + " for a new queue; nothing was changed");
        }
        return ApiException.preconditionFailed("queue " + fullName + " has changed since it was read: its ETag is now "
                + f.current() + ", not one If-Match named; nothing was changed. Read it again (GET /v1/queues/"
                + fullName + ") and make the change on what it holds now");
    }
}
