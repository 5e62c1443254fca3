package io.ultrafleet.server.api;

import io.javalin.http.Context;
import io.ultrafleet.server.auth.Principal;
import io.ultrafleet.server.live.LiveView;
import io.ultrafleet.server.live.LoopCommand;
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
                                "PUT",
                                "/v1/queues/{tenant}/{queue}",
                                Route.Access.ADMIN,
                                "Create a queue or change its settings",
                                200,
                                this::put)
                        .withBody("priorityClass, and quotaGpus or quotas, cohort, weight: as a scenario's queue"));
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

    static Map<String, Object> json(LiveView.QueueView q) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", q.row().fullName());
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

    private void put(Context ctx) {
        Callers.admin(ctx);
        String tenant = ctx.pathParam("tenant");
        String queue = ctx.pathParam("queue");
        if (!NAME.matcher(tenant).matches()) {
            throw ApiException.badField(
                    "tenant",
                    "path 'tenant': found '" + Cursor.shorten(tenant) + "', allowed " + FieldReader.NAME_SYNTAX
                            + ", at most 100 characters");
        }
        if (!NAME.matcher(queue).matches()) {
            throw ApiException.badField(
                    "queue",
                    "path 'queue': found '" + Cursor.shorten(queue) + "', allowed " + FieldReader.NAME_SYNTAX
                            + ", at most 100 characters");
        }
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
            throw ApiException.badField(e.field().isEmpty() ? null : e.field(), e.detail());
        }
        String fullName = tenant + "/" + queue;
        boolean existed = c.loop().view().queue(fullName) != null;
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        c.loop()
                .submit(new LoopCommand.PutQueue(
                        tenant,
                        queue,
                        settings,
                        QueueSettings.write(settings),
                        QueueSettings.priority(c.spec(), settings.priorityClass()),
                        Callers.name(Callers.of(ctx)),
                        done));
        if (!Waits.on(done)) {
            throw ApiException.conflict("queue " + fullName + " runs jobs on GPUs its new quotas do not cover;"
                    + " give those flavours a quota, or wait for the jobs to end");
        }
        LiveView.QueueView q = Waits.until(() -> c.loop().view().queue(fullName));
        Json.answer(ctx, existed ? 200 : 201, json(q));
    }
}
