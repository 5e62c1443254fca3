package io.ultrafleet.server.api;

import io.javalin.http.Context;
import io.ultrafleet.server.live.LiveView;
import io.ultrafleet.server.live.LoopCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code /v1/fleet}: GPUs and racks by site and model; (admin) draining racks. */
final class FleetRoutes {
    private final ServerContext c;

    FleetRoutes(ServerContext c) {
        this.c = c;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/v1/fleet", Route.Access.TOKEN, "GPUs and racks by site and model", 200, this::fleet),
                Route.of(
                        "POST",
                        "/v1/fleet/racks/{rack}/drain",
                        Route.Access.ADMIN,
                        "Drain a rack: no new work lands on it",
                        200,
                        ctx -> drain(ctx, true)),
                Route.of(
                        "POST",
                        "/v1/fleet/racks/{rack}/undrain",
                        Route.Access.ADMIN,
                        "End a rack's drain",
                        200,
                        ctx -> drain(ctx, false)));
    }

    private void fleet(Context ctx) {
        Callers.of(ctx);
        LiveView view = c.loop().view();
        List<Map<String, Object>> items = new ArrayList<>();
        long online = 0;
        long allocated = 0;
        long down = 0;
        long drained = 0;
        long free = 0;
        int racks = 0;
        int draining = 0;
        for (LiveView.FleetCell cell : view.fleet()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("site", cell.site());
            o.put("provider", cell.provider());
            o.put("model", cell.model());
            o.put("racksOnline", cell.racksOnline());
            o.put("racksDraining", cell.racksDraining());
            o.put("gpusOnline", cell.gpusOnline());
            o.put("gpusAllocated", cell.gpusAllocated());
            o.put("gpusDown", cell.gpusDown());
            o.put("gpusDraining", cell.gpusDrained());
            o.put("gpusFree", cell.gpusFree());
            items.add(o);
            online += cell.gpusOnline();
            allocated += cell.gpusAllocated();
            down += cell.gpusDown();
            drained += cell.gpusDrained();
            free += cell.gpusFree();
            racks += cell.racksOnline();
            draining += cell.racksDraining();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", Json.instant(c.epochMs(), c.clock().now()));
        out.put("timeScale", c.clock().scale());
        out.put("racksOnline", racks);
        out.put("racksDraining", draining);
        out.put("gpusOnline", online);
        out.put("gpusAllocated", allocated);
        out.put("gpusDown", down);
        out.put("gpusDraining", drained);
        out.put("gpusFree", free);
        out.put("items", items);
        out.put("next", null);
        Json.answer(ctx, 200, out);
    }

    private void drain(Context ctx, boolean on) {
        Callers.admin(ctx);
        String text = ctx.pathParam("rack");
        int rack;
        try {
            rack = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("rack " + Cursor.shorten(text));
        }
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        c.loop().submit(new LoopCommand.Drain(rack, on, Callers.name(Callers.of(ctx)), done));
        if (!Waits.on(done)) {
            throw ApiException.notFound("rack " + rack, c.loop().view().noRackBecause(rack));
        }
        LiveView.RackView r = c.loop().view().rack(rack);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("rack", rack);
        o.put("site", r == null ? null : r.site());
        o.put("block", r == null ? null : r.block());
        o.put("model", r == null ? null : r.model());
        o.put("status", r == null ? null : r.status());
        Json.answer(ctx, 200, o);
    }
}
