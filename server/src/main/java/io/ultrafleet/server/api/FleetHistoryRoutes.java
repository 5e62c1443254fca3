package io.ultrafleet.server.api;

import io.javalin.http.Context;
import io.ultrafleet.server.auth.Principal;
import io.ultrafleet.server.live.LiveHistory;
import io.ultrafleet.server.live.LiveView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code /v1/fleet/history}: the last hours of the live state, from the samples of {@link LiveHistory} (taken every 2 s
 * of wall time by the leader, and one a minute of the server's clock from the database for the time before this server
 * took them): GPUs allocated and free by model, and jobs submitted and runs started per minute of the server's clock
 * (a tenant's in its own queues only).
 */
final class FleetHistoryRoutes {
    static final double MAX_HOURS = 168;
    static final double DEFAULT_HOURS = 6;

    /** The shortest span of the server's clock a rate is measured over. */
    static final long RATE_WINDOW_MS = 60_000;

    /** The most points an answer has; samples are thinned to this. */
    static final int MAX_POINTS = 360;

    private final ServerContext c;

    FleetHistoryRoutes(ServerContext c) {
        this.c = c;
    }

    List<Route> routes() {
        return List.of(Route.of(
                        "GET",
                        "/v1/fleet/history",
                        Route.Access.TOKEN,
                        "The last hours: GPUs allocated and free by model, submissions and starts per minute",
                        200,
                        this::history)
                .withQuery("hours"));
    }

    private void history(Context ctx) {
        Principal p = Callers.of(ctx);
        double hours = hours(ctx.queryParam("hours"));
        LiveView view = c.loop().view();
        long now = view.at();
        long window = (long) (hours * 3_600_000);
        List<LiveHistory.Sample> samples = c.loop().history().since(now - window);
        boolean[] mine = new boolean[view.queues().size()];
        for (LiveView.QueueView q : view.queues()) {
            mine[q.row().id()] = p.mayAccess(q.row().tenant());
        }
        // thinned over the span the samples cover, so that a server started minutes ago shows every sample
        long step = samples.isEmpty()
                ? 0
                : (samples.get(samples.size() - 1).at() - samples.get(0).at()) / MAX_POINTS;
        List<Integer> points = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            boolean last = i == samples.size() - 1;
            if (points.isEmpty()
                    || last
                    || samples.get(i).at()
                                    - samples.get(points.get(points.size() - 1)).at()
                            >= step) {
                points.add(i);
            }
        }
        // rates over the minute before each point (or the step between points, when longer), so that a burst of
        // submissions between two samples 2 s apart does not read as hundreds a minute
        long rateWindow = Math.max(RATE_WINDOW_MS, step);
        TreeSet<String> models = new TreeSet<>();
        List<Map<String, Object>> items = new ArrayList<>();
        int from = 0;
        for (int k : points) {
            LiveHistory.Sample s = samples.get(k);
            while (from < k && samples.get(from).at() < s.at() - rateWindow) {
                from++;
            }
            int ref = from < k ? from : k - 1;
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("at", Json.instant(c.epochMs(), s.at()));
            Map<String, Long> allocated = new LinkedHashMap<>();
            Map<String, Long> free = new LinkedHashMap<>();
            for (int m = 0; m < s.models().size(); m++) {
                allocated.put(s.models().get(m), s.allocated()[m]);
                free.put(s.models().get(m), s.free()[m]);
                models.add(s.models().get(m));
            }
            o.put("gpusAllocated", allocated);
            o.put("gpusFree", free);
            o.put("submittedPerMinute", ref < 0 ? null : rate(samples.get(ref), s, mine, true));
            o.put("startedPerMinute", ref < 0 ? null : rate(samples.get(ref), s, mine, false));
            items.add(o);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", Json.instant(c.epochMs(), now));
        out.put("hours", hours);
        out.put("sampleSeconds", LiveHistory.SAMPLE_WALL_MS / 1000.0);
        out.put("timeScale", c.clock().scale());
        out.put("models", List.copyOf(models));
        out.put("items", items);
        Json.answer(ctx, 200, out);
    }

    /** Jobs submitted (or runs started) per minute of the server's clock between two samples, in the caller's queues. */
    static Double rate(LiveHistory.Sample a, LiveHistory.Sample b, boolean[] mine, boolean submitted) {
        double minutes = (b.at() - a.at()) / 60_000.0;
        if (minutes <= 0) {
            return null;
        }
        long[] x = submitted ? a.submitted() : a.started();
        long[] y = submitted ? b.submitted() : b.started();
        long n = 0;
        for (int q = 0; q < y.length && q < mine.length; q++) {
            if (mine[q]) {
                // counts only go up; a lower one would be a leader's that lost its last minute, not jobs taken back
                n += Math.max(0, y[q] - (q < x.length ? x[q] : 0));
            }
        }
        return Math.round(n / minutes * 1000) / 1000.0;
    }

    static double hours(String text) {
        if (text == null) {
            return DEFAULT_HOURS;
        }
        try {
            double h = Double.parseDouble(text);
            if (h > 0 && h <= MAX_HOURS) {
                return h;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw ApiException.badField(
                "hours",
                "query 'hours': found '" + Cursor.shorten(text) + "', allowed a number of hours above 0, at most "
                        + (int) MAX_HOURS);
    }
}
