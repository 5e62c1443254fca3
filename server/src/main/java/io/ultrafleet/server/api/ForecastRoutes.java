package io.ultrafleet.server.api;

import io.javalin.http.Context;
import io.ultrafleet.forecast.Forecast;
import io.ultrafleet.server.auth.Principal;
import io.ultrafleet.server.forecast.ForecastService;
import io.ultrafleet.server.live.LiveView;
import io.ultrafleet.server.store.JobRow;
import io.ultrafleet.server.store.Jobs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Forecasts made by running the twin forward from the live state ({@code docs/forecast.md}): when a queued job will
 * start, when a running one will end, and the fleet's allocation and queue lengths ahead, as the spread (p10, p50,
 * p90) of seeded replications. Kept until the state changes; every answer says when its snapshot was taken, how long
 * the forecast took, and whether it was kept from before.
 */
final class ForecastRoutes {
    /** How long a request waits for a forecast being made before it is told to come back. */
    static final long WAIT_MS = 60_000;

    static final int DEFAULT_HOURS = 24;

    private final ServerContext c;

    ForecastRoutes(ServerContext c) {
        this.c = c;
    }

    List<Route> routes() {
        return List.of(
                Route.of(
                        "GET",
                        "/v1/jobs/{id}/forecast",
                        Route.Access.TOKEN,
                        "When a queued job will start (p10, p50, p90 and the chance of starting within 1 h, 24 h"
                                + " and 7 d), or when a running job will end",
                        200,
                        this::job),
                Route.of(
                                "GET",
                                "/v1/forecast",
                                Route.Access.TOKEN,
                                "GPUs allocated and each queue's length over the next hours, as p10, p50 and p90"
                                        + " bands (a tenant sees its own queues)",
                                200,
                                this::fleet)
                        .withQuery("hours"));
    }

    private void job(Context ctx) {
        Principal p = Callers.of(ctx);
        long id = JobRoutes.id(ctx);
        Optional<JobRow> found = c.db().withHandle(h -> Jobs.get(h, id));
        if (found.isEmpty() || !p.mayAccess(found.get().tenant())) {
            throw ApiException.notFound("job " + id);
        }
        JobRow row = found.get();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("job", id);
        o.put("state", row.state());
        if (row.ended()) {
            o.put("endedAt", Json.instant(c.epochMs(), row.endedAt()));
            o.put("start", null);
            o.put("end", null);
            Json.answer(ctx, 200, o);
            return;
        }
        boolean queued = row.state().equals(JobRow.QUEUED);
        ForecastService.Answer a = answer(c, false);
        if (!covers(a.forecast(), id, queued)) {
            // the job came (or started) after the forecast's snapshot: one from now has it
            a = answer(c, true);
        }
        Forecast f = a.forecast();
        describe(o, a);
        o.put("start", queued ? startJson(f.starts().get(id)) : null);
        o.put("end", queued ? null : endJson(f.ends().get(id)));
        Json.answer(ctx, 200, o);
    }

    static boolean covers(Forecast f, long id, boolean queued) {
        return queued ? f.starts().containsKey(id) : f.ends().containsKey(id);
    }

    /** A queued job's start as the answers give it, or null when the forecast has none. */
    static Map<String, Object> startJson(Forecast.JobStart start) {
        if (start == null) {
            return null;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("p10", text(start.p10()));
        s.put("p50", text(start.p50()));
        s.put("p90", text(start.p90()));
        s.put("withinHour", start.withinHour());
        s.put("withinDay", start.withinDay());
        s.put("withinWeek", start.withinWeek());
        return s;
    }

    /** A running job's end as the answers give it, or null when the forecast has none. */
    static Map<String, Object> endJson(Forecast.JobEnd end) {
        if (end == null) {
            return null;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("p10", text(end.p10()));
        e.put("p50", text(end.p50()));
        e.put("p90", text(end.p90()));
        return e;
    }

    private void fleet(Context ctx) {
        Principal p = Callers.of(ctx);
        int hours = hours(ctx);
        ForecastService.Answer a = answer(c, false);
        Forecast.FleetBands b = a.forecast().bands();
        Instant until = a.forecast().snapshotAt().plusSeconds(3_600L * hours);
        int points = 0;
        while (points < b.at().size() && !b.at().get(points).isAfter(until)) {
            points++;
        }
        Map<String, Object> o = new LinkedHashMap<>();
        describe(o, a);
        o.put("hours", hours);
        List<String> at = new ArrayList<>(points);
        for (int i = 0; i < points; i++) {
            at.add(b.at().get(i).toString());
        }
        o.put("at", at);
        o.put("allocatedGpus", band(b.allocatedGpus(), points));
        LiveView view = c.loop().view();
        Map<String, Object> queues = new LinkedHashMap<>();
        for (Map.Entry<String, Forecast.Band> e : b.queueLength().entrySet()) {
            LiveView.QueueView q = view.queue(e.getKey());
            if (q != null && p.mayAccess(q.row().tenant())) {
                queues.put(e.getKey(), band(e.getValue(), points));
            }
        }
        o.put("queueLength", queues);
        Json.answer(ctx, 200, o);
    }

    private static Map<String, Object> band(Forecast.Band band, int points) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("p10", band.p10().subList(0, Math.min(points, band.p10().size())));
        o.put("p50", band.p50().subList(0, Math.min(points, band.p50().size())));
        o.put("p90", band.p90().subList(0, Math.min(points, band.p90().size())));
        return o;
    }

    /** When the snapshot was taken, how long the forecast took, from how many runs, and whether it was kept. */
    static void describe(Map<String, Object> o, ForecastService.Answer a) {
        Forecast f = a.forecast();
        o.put("snapshotAt", f.snapshotAt().toString());
        o.put("tookMs", f.tookMs());
        o.put("replications", f.replications());
        o.put("horizon", f.horizon().toString());
        o.put("cached", a.cached());
    }

    /** The server's current forecast (one from now when {@code fresh}), or a {@code 503} saying why there is none. */
    static ForecastService.Answer answer(ServerContext c, boolean fresh) {
        ForecastService forecasts = c.forecasts();
        if (forecasts == null) {
            throw ApiException.unavailable("this server makes no forecasts: start it with 'ultrafleet serve'", 60);
        }
        try {
            return forecasts.current(fresh, WAIT_MS);
        } catch (ForecastService.NotReady e) {
            if (!e.worthRetrying()) {
                throw ApiException.unavailable(e.getMessage(), 60);
            }
            throw ApiException.unavailable(e.getMessage() + "; try again shortly", 5);
        }
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    /** The {@code hours} query: 1 to the forecasts' horizon of 7 days; 24 when not given. */
    static int hours(Context ctx) {
        String text = ctx.queryParam("hours");
        if (text == null) {
            return DEFAULT_HOURS;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= 168) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw ApiException.badField(
                "hours", "query 'hours': found '" + Cursor.shorten(text) + "', allowed an integer from 1 to 168");
    }
}
