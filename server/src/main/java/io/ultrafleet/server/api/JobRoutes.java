package io.ultrafleet.server.api;

import io.javalin.http.Context;
import io.ultrafleet.server.auth.Principal;
import io.ultrafleet.server.live.JobLimits;
import io.ultrafleet.server.live.LiveView;
import io.ultrafleet.server.live.LoopCommand;
import io.ultrafleet.server.live.SubmissionWriter;
import io.ultrafleet.server.live.SubmittedEvent;
import io.ultrafleet.server.store.JobEvents;
import io.ultrafleet.server.store.JobRow;
import io.ultrafleet.server.store.Jobs;
import io.ultrafleet.spec.FieldReader;
import io.ultrafleet.spec.JobSubmission;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.spec.TrainingReader;
import io.ultrafleet.spec.input.JsonNodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@code /v1/jobs}: submit, list, look at, follow and cancel jobs. */
final class JobRoutes {
    /** The most items a list answers at once. */
    static final int MAX_LIMIT = 1_000;

    static final int DEFAULT_LIMIT = 100;

    /** The longest idempotency key. */
    static final int MAX_KEY = 200;

    private static final List<String> STATES =
            List.of(JobRow.QUEUED, JobRow.RUNNING, JobRow.SUCCEEDED, JobRow.FAILED, JobRow.CANCELLED);

    private final ServerContext c;

    JobRoutes(ServerContext c) {
        this.c = c;
    }

    List<Route> routes() {
        return List.of(
                Route.of("POST", "/v1/jobs", Route.Access.TOKEN, "Submit a job", 201, this::submit)
                        .withBody("a job: the fields of a scenario's training.jobs[] without submit, plus command"
                                + " and env")
                        .withHeaders("Idempotency-Key"),
                Route.of("GET", "/v1/jobs", Route.Access.TOKEN, "List jobs", 200, this::list)
                        .withQuery("queue", "state", "order", "limit", "after", "forecast"),
                Route.of("GET", "/v1/jobs/{id}", Route.Access.TOKEN, "Show a job", 200, this::show),
                Route.of("GET", "/v1/jobs/{id}/events", Route.Access.TOKEN, "A job's decisions", 200, this::events)
                        .withQuery("limit", "after"),
                Route.of("DELETE", "/v1/jobs/{id}", Route.Access.TOKEN, "Cancel a job", 200, this::cancel));
    }

    // ---- submit ----------------------------------------------------------------------------------------------------

    private void submit(Context ctx) {
        long t0 = System.nanoTime();
        Principal p = Callers.of(ctx);
        String key = ctx.header("Idempotency-Key");
        int keys = java.util.Collections.list(ctx.req().getHeaders("Idempotency-Key"))
                .size();
        if (keys > 1) {
            // one request, one key: which of them it was would be a guess
            throw ApiException.badField(
                    "Idempotency-Key", "header 'Idempotency-Key': found it " + keys + " times, allowed once");
        }
        if (key != null && (key.isEmpty() || key.length() > MAX_KEY)) {
            throw ApiException.badField(
                    "Idempotency-Key",
                    "header 'Idempotency-Key': found " + key.length() + " characters, allowed 1 to " + MAX_KEY);
        }
        LiveView view = c.loop().view();
        List<String> queues = new ArrayList<>();
        for (LiveView.QueueView q : view.queues()) {
            if (p.mayAccess(q.row().tenant())) {
                queues.add(q.row().fullName());
            }
        }
        String body = ctx.body();
        JobSubmission s;
        try {
            TrainingReader reader =
                    new TrainingReader(c.catalogue(), queues, c.spec().startMs(), Long.MAX_VALUE);
            s = reader.submission(
                    new FieldReader("request body", "", JsonNodes.compose("request body", body)),
                    c.clock().now());
        } catch (ScenarioException e) {
            throw ApiException.badBody(e);
        }
        if (!c.fit().fits(s)) {
            long largest = c.fit().largestFit(s);
            if (largest == 0 && !s.job().models().isEmpty()) {
                throw ApiException.badField(
                        "models",
                        "field 'models': found " + String.join(", ", s.job().models())
                                + ", allowed models the fleet has racks of once every delivery has arrived: "
                                + String.join(", ", c.fit().modelsPresent()));
            }
            throw ApiException.badField("gpus", tooLarge(s, largest));
        }
        LiveView.QueueView q = view.queue(s.job().queue());
        String cls = q.row().priorityClass();
        if (!c.fit().withinCap(s, cls)) {
            throw ApiException.badField(
                    "gpus",
                    "field 'gpus': found " + s.job().gpus() + ", allowed a job that the concentration cap lets run at"
                            + " one provider: "
                            + (c.fit().capBySpend()
                                    ? "its GPUs' cost within the share of priority class " + cls
                                            + "'s spend that one provider may hold"
                                    : "at most " + c.fit().capGpus(cls) + " GPUs of priority class " + cls)
                            + " (scheduler.placement.concentration)");
        }
        CompletableFuture<SubmissionWriter.Result> done = new CompletableFuture<>();
        boolean taken = c.writer()
                .offer(new SubmissionWriter.Request(
                        q.row().tenant(), q.row().id(), q.row().fullName(), q.priority(), s, body, key, done));
        if (!taken) {
            throw ApiException.unavailable("the server is too busy to take submissions now; try again", 1);
        }
        SubmissionWriter.Result r = Waits.on(
                done,
                cause -> cause instanceof JobLimits.TooManyJobs t ? ApiException.tooManyJobs(t.getMessage()) : null);
        c.metrics().submitted(System.nanoTime() - t0);
        if (!r.created()) {
            if (!sameRequest(r.row().body(), body)) {
                // the key names the first request: a different one under it would be dropped without a word
                throw ApiException.unprocessable("header 'Idempotency-Key': found '" + Cursor.shorten(key)
                        + "', the key of job " + r.row().id() + " whose request was different; allowed a new key for"
                        + " a new job, or the same request to learn what became of it");
            }
            ctx.header("Idempotent-Replayed", "true");
        }
        Json.answer(ctx, r.created() ? 201 : 200, JobJson.of(r.row(), c, null));
    }

    /**
     * Whether two submissions' bodies are the same request: the same JSON, whatever its spacing or the order of its
     * fields (a client's retry may serialise it anew).
     */
    static boolean sameRequest(String stored, String given) {
        if (stored.equals(given)) {
            return true;
        }
        try {
            return Json.MAPPER.readTree(stored).equals(Json.MAPPER.readTree(given));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Why {@code s} can never run on the fleet: how many GPUs its models and topology could ever give it. */
    private static String tooLarge(JobSubmission s, long largest) {
        var job = s.job();
        String level = job.topology().required().yamlName();
        String group = switch (job.topology().required()) {
            case BLOCK -> "one network block";
            case SITE -> "one site";
            case ANY -> "the whole fleet";
        };
        String models = job.models().isEmpty() ? "" : " of its models (" + String.join(", ", job.models()) + ")";
        String topology = " (topology.required: " + level + ")";
        String found = "field 'gpus': found " + job.gpus();
        if (largest > 0 && largest < job.gpus()) {
            return found + ", allowed at most " + largest + ", the most GPUs" + models + " that " + group + topology
                    + " holds once every delivery has arrived";
        }
        return found + ", allowed a job that can be placed on the GPUs" + models + " of " + group + topology
                + " once every delivery has arrived";
    }

    private static <T> T await(CompletableFuture<T> f) {
        return Waits.on(f);
    }

    // ---- read ------------------------------------------------------------------------------------------------------

    /** Whether the request asks for a list newest first ({@code order=newest}); oldest first is the default. */
    static boolean newestFirst(Context ctx) {
        String order = ctx.queryParam("order");
        if (order != null && !order.equals("oldest") && !order.equals("newest")) {
            throw ApiException.badField(
                    "order", "query 'order': found '" + Cursor.shorten(order) + "', allowed one of oldest, newest");
        }
        return "newest".equals(order);
    }

    private void list(Context ctx) {
        Principal p = Callers.of(ctx);
        int limit = limit(ctx);
        boolean newest = newestFirst(ctx);
        // cursors of the two orders are of different kinds, so that one is not taken for the other
        String kind = newest ? "job-newest" : "job";
        long after = Cursor.after(kind, ctx.queryParam("after"), newest ? Long.MAX_VALUE : 0);
        String state = ctx.queryParam("state");
        if (state != null && !STATES.contains(state)) {
            throw ApiException.badField(
                    "state",
                    "query 'state': found '" + Cursor.shorten(state) + "', allowed one of "
                            + String.join(", ", STATES));
        }
        Integer queueId = null;
        String queue = ctx.queryParam("queue");
        if (queue != null) {
            LiveView.QueueView q = c.loop().view().queue(queue);
            if (q == null || !p.mayAccess(q.row().tenant())) {
                throw ApiException.badField(
                        "queue",
                        "query 'queue': found '" + Cursor.shorten(queue)
                                + "', allowed one of your queues, as tenant/queue");
            }
            queueId = q.row().id();
        }
        boolean forecast = yesOrNo(ctx, "forecast");
        Integer qid = queueId;
        List<Map<String, Object>> items = new ArrayList<>();
        List<JobRow> rows = c.db().withHandle(h -> Jobs.page(h, p.tenant(), qid, state, after, limit, newest));
        for (JobRow r : rows) {
            items.add(JobJson.of(r, c, null));
        }
        String next =
                rows.size() == limit ? Cursor.of(kind, rows.get(rows.size() - 1).id()) : null;
        Map<String, Object> page = Json.page(items, next);
        if (forecast) {
            page.put("forecast", JobListForecast.add(c, rows, items));
        }
        Json.answer(ctx, 200, page);
    }

    /** A yes-or-no query {@code name}: {@code true} or {@code false}, false when not given. */
    private static boolean yesOrNo(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw ApiException.badField(
                name, "query '" + name + "': found '" + Cursor.shorten(text) + "', allowed true or false");
    }

    private void show(Context ctx) {
        Principal p = Callers.of(ctx);
        long id = id(ctx);
        Map<String, Object> job = c.db().withHandle(h -> {
            JobRow row = owned(Jobs.get(h, id), p, id);
            return JobJson.of(row, c, h);
        });
        Json.answer(ctx, 200, job);
    }

    private void events(Context ctx) {
        Principal p = Callers.of(ctx);
        long id = id(ctx);
        int limit = limit(ctx);
        long after = Cursor.after("event", ctx.queryParam("after"), -1);
        List<JobEvents.Event> events = c.db().withHandle(h -> {
            JobRow row = owned(Jobs.get(h, id), p, id);
            List<JobEvents.Event> stored =
                    JobEvents.of(h, id, (int) Math.max(-1, Math.min(Integer.MAX_VALUE, after)), limit);
            if (after >= 0 || (!stored.isEmpty() && stored.get(0).seq() == 0)) {
                return stored;
            }
            // the submission's line is made from the row (histories written before that kept it as a row of their own)
            List<JobEvents.Event> all = new ArrayList<>(stored.size() + 1);
            all.add(SubmittedEvent.of(
                    row,
                    JobJson.queueName(c.loop().view(), row),
                    c.catalogue(),
                    c.spec().startMs(),
                    c.fit().fleet()));
            all.addAll(stored.subList(0, Math.min(stored.size(), limit - 1)));
            return all;
        });
        List<Map<String, Object>> items = new ArrayList<>();
        for (JobEvents.Event e : events) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("seq", e.seq());
            o.put("at", Json.instant(c.epochMs(), e.at()));
            o.put("text", e.text());
            items.add(o);
        }
        String next = events.size() == limit
                ? Cursor.of("event", events.get(events.size() - 1).seq())
                : null;
        Json.answer(ctx, 200, Json.page(items, next));
    }

    // ---- cancel ----------------------------------------------------------------------------------------------------

    private void cancel(Context ctx) {
        Principal p = Callers.of(ctx);
        long id = id(ctx);
        JobRow row = c.db().withHandle(h -> owned(Jobs.get(h, id), p, id));
        if (!row.ended()) {
            CompletableFuture<Boolean> done = new CompletableFuture<>();
            c.loop().submit(new LoopCommand.Cancel(id, Callers.name(p), done));
            await(done);
            row = c.db().withHandle(h -> Jobs.get(h, id).orElseThrow());
        }
        JobRow now = row;
        Json.answer(ctx, 200, c.db().withHandle(h -> JobJson.of(now, c, h)));
    }

    // ---- parameters ------------------------------------------------------------------------------------------------

    private static JobRow owned(Optional<JobRow> row, Principal p, long id) {
        if (row.isEmpty() || !p.mayAccess(row.get().tenant())) {
            throw ApiException.notFound("job " + id);
        }
        return row.get();
    }

    static long id(Context ctx) {
        String text = ctx.pathParam("id");
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw ApiException.notFound("job " + Cursor.shorten(text));
    }

    static int limit(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw ApiException.badField(
                "limit",
                "query 'limit': found '" + Cursor.shorten(text) + "', allowed an integer from 1 to " + MAX_LIMIT);
    }
}
