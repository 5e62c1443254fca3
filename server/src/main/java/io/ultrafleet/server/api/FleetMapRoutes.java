package io.ultrafleet.server.api;

import io.javalin.http.Context;
import io.ultrafleet.server.auth.Principal;
import io.ultrafleet.server.live.LiveView;
import io.ultrafleet.server.live.RackUse;
import io.ultrafleet.server.store.JobRow;
import io.ultrafleet.server.store.Jobs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v1/fleet/map} and {@code /v1/fleet/racks/{rack}}: every rack with its state and holder, compact enough for a
 * map of 20,000 racks, and one rack with the jobs on it. A tenant sees its own tenant's name and jobs; racks held by
 * other tenants show as held by "other tenants", their jobs only counted.
 */
final class FleetMapRoutes {
    /** The states of a rack on the map, by the number the map answers. */
    static final List<String> STATES = List.of("free", "used", "draining", "down");

    static final String OTHERS = "other tenants";

    private final ServerContext c;

    FleetMapRoutes(ServerContext c) {
        this.c = c;
    }

    List<Route> routes() {
        return List.of(
                Route.of(
                        "GET",
                        "/v1/fleet/map",
                        Route.Access.TOKEN,
                        "Every rack: site, block, model, state and holder, as columns; ETag and If-None-Match",
                        200,
                        this::map),
                Route.of(
                        "GET",
                        "/v1/fleet/racks/{rack}",
                        Route.Access.TOKEN,
                        "One rack: its model, state and the jobs on it",
                        200,
                        this::rack));
    }

    private void map(Context ctx) {
        Principal p = Callers.of(ctx);
        LiveView view = c.loop().view();
        RackUse use = view.use();
        String etag = "\"map-" + use.version() + "-" + view.racks().size() + (p.admin() ? "" : "-" + p.tenant()) + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "no-cache");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        List<String> sites = new ArrayList<>();
        List<String> models = new ArrayList<>();
        List<String> tenants = new ArrayList<>();
        if (!p.admin()) {
            tenants.add(p.tenant());
            tenants.add(OTHERS);
        }
        List<Integer> id = new ArrayList<>();
        List<Integer> site = new ArrayList<>();
        List<Integer> block = new ArrayList<>();
        List<Integer> model = new ArrayList<>();
        List<Integer> state = new ArrayList<>();
        List<Integer> tenant = new ArrayList<>();
        List<Integer> jobs = new ArrayList<>();
        List<Integer> units = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        List<Integer> down = new ArrayList<>();
        Map<String, Integer> unitsOf = unitsPerModel();
        for (LiveView.RackView r : view.racks()) {
            if (r.status().equals("gone")) {
                continue;
            }
            int n = unitsOf.getOrDefault(r.model(), 0);
            boolean known = r.id() < use.size();
            int h = known ? use.heldUnits(r.id()) : 0;
            int d = known ? use.downUnits(r.id()) : r.unitsDown();
            String holder = known ? use.tenant(r.id()) : null;
            id.add(r.id());
            site.add(index(sites, r.site()));
            block.add(r.block());
            model.add(index(models, r.model()));
            state.add(state(r.status(), h, d, n));
            tenant.add(holder == null ? -1 : index(tenants, p.mayAccess(holder) ? holder : OTHERS));
            jobs.add(known ? visibleJobs(p, use.jobs(r.id()), holder) : 0);
            units.add(n);
            held.add(h);
            down.add(d);
        }
        Map<String, Object> racks = new LinkedHashMap<>();
        racks.put("id", id);
        racks.put("site", site);
        racks.put("block", block);
        racks.put("model", model);
        racks.put("state", state);
        racks.put("tenant", tenant);
        racks.put("jobs", jobs);
        racks.put("units", units);
        racks.put("heldUnits", held);
        racks.put("downUnits", down);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", Json.instant(c.epochMs(), view.at()));
        out.put("version", use.version());
        out.put("states", STATES);
        out.put("sites", sites);
        out.put("models", models);
        out.put("tenants", tenants);
        out.put("racks", racks);
        Json.answer(ctx, 200, out);
    }

    /**
     * Jobs on a rack the caller may see: an admin all; a tenant its own (the map's count is of the holder's jobs when
     * the holder is the caller's tenant, else none).
     */
    private static int visibleJobs(Principal p, long[] jobs, String holder) {
        if (p.admin()) {
            return jobs.length;
        }
        return holder != null && p.mayAccess(holder) ? jobs.length : 0;
    }

    static int state(String status, int held, int down, int units) {
        if (status.equals("draining")) {
            return 2;
        }
        if (units > 0 && down >= units) {
            return 3;
        }
        return held > 0 ? 1 : 0;
    }

    private Map<String, Integer> unitsPerModel() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String name : c.catalogue().modelNames()) {
            c.catalogue().model(name).ifPresent(m -> out.put(name, m.unitsPerDomain()));
        }
        return out;
    }

    private static int index(List<String> names, String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            names.add(name);
            i = names.size() - 1;
        }
        return i;
    }

    private void rack(Context ctx) {
        Principal p = Callers.of(ctx);
        String text = ctx.pathParam("rack");
        int rack;
        try {
            rack = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("rack " + Cursor.shorten(text));
        }
        LiveView view = c.loop().view();
        LiveView.RackView r = view.rack(rack);
        if (r == null || r.status().equals("gone")) {
            throw ApiException.notFound("rack " + rack, view.noRackBecause(rack));
        }
        RackUse use = view.use();
        boolean known = rack < use.size();
        long[] ids = known ? use.jobs(rack) : new long[0];
        int units = unitsPerModel().getOrDefault(r.model(), 0);
        int gpusPerUnit = gpusPerUnit(r.model());
        List<Map<String, Object>> jobs = new ArrayList<>();
        int others = 0;
        List<JobRow> rows = c.db().withHandle(h -> {
            List<JobRow> out = new ArrayList<>();
            for (long id : ids) {
                Optional<JobRow> row = Jobs.get(h, id);
                row.ifPresent(out::add);
            }
            return out;
        });
        for (JobRow row : rows) {
            if (!p.mayAccess(row.tenant())) {
                others++;
                continue;
            }
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("id", row.id());
            j.put("name", row.name());
            j.put("queue", JobJson.queueName(view, row));
            j.put("state", row.state());
            j.put("gpus", row.gpus());
            j.put("allocatedGpus", row.allocatedGpus());
            j.put("startedAt", Json.instant(c.epochMs(), row.startedAt()));
            jobs.add(j);
        }
        int held = known ? use.heldUnits(rack) : 0;
        int down = known ? use.downUnits(rack) : r.unitsDown();
        String holder = known ? use.tenant(rack) : null;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("rack", rack);
        o.put("site", r.site());
        o.put("block", r.block());
        o.put("model", r.model());
        o.put("state", STATES.get(state(r.status(), held, down, units)));
        o.put("tenant", holder == null ? null : p.mayAccess(holder) ? holder : OTHERS);
        o.put("gpus", (long) units * gpusPerUnit);
        o.put("gpusAllocated", (long) held * gpusPerUnit);
        o.put("gpusDown", (long) down * gpusPerUnit);
        o.put("jobs", jobs);
        o.put("otherTenantsJobs", others);
        Json.answer(ctx, 200, o);
    }

    private int gpusPerUnit(String model) {
        return c.catalogue().model(model).map(m -> m.gpusPerUnit()).orElse(0);
    }
}
