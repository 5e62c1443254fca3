package io.ultrafleet.twin.inference;

import java.util.Arrays;

/**
 * Serves every request of a trace on a pool of replicas, one request at a time, with continuous batching: the
 * request-level reference the flow model is held against. Deterministic, and event-driven rather than step by step:
 * between two events a replica's batch and its step time are constant, so the next prefill end and the next decode
 * finish are computed exactly.
 *
 * <p>The pool, as implemented: requests wait in one FIFO queue for the pool. A replica takes the head of the queue
 * when it is not prefilling and holds fewer than {@code maxBatch} sequences; if several can, the one with the fewest
 * decoding sequences takes it (ties: lowest index). The replica prefills the prompt's uncached tokens, {@code
 * prefillChunkTokens} per step alongside its decode steps ({@link ServiceProfile#mixedStepS}); the first token comes
 * at the end of the prefill, and the sequence then joins the batch until its last token. With {@link Overload#sheds()},
 * a request that waited longer than the limit when a replica would take it is shed instead. Times are integer
 * microseconds since the first arrival.
 */
public final class RequestLevelSimulator {
    private static final double EPS = 1e-6;

    private final InferenceTrace trace;
    private final int[] cached;
    private final ServiceProfile p;
    private final int replicas;
    private final Overload overload;
    private final long windowEndUs;

    private final long[] ttftUs;
    private final long[] e2eUs;
    private final boolean[] shed;

    private final long[] lastUs;
    private final double[] counter;
    private final DecodeBatch[] batches;
    private final int[] prefilling;
    private final double[] prefillLeft;
    private final ReplicaClock clock;
    /** Replicas that can take a request, keyed by their decoding sequences; the others at {@code MAX_VALUE}. */
    private final ReplicaClock free;

    private final int[] queue;
    private int queueHead;
    private int queueTail;

    private double inputTokens;
    private double outputTokens;
    private double batchSeconds;

    private RequestLevelSimulator(
            InferenceTrace trace, int[] cached, ServiceProfile p, int replicas, Overload overload, long stepMs) {
        this.trace = trace;
        this.cached = cached;
        this.p = p;
        this.replicas = replicas;
        this.overload = overload;
        this.windowEndUs = ReplayWindow.lengthMs(trace.spanMs(), stepMs) * 1000;
        int n = trace.size();
        ttftUs = new long[n];
        e2eUs = new long[n];
        shed = new boolean[n];
        lastUs = new long[replicas];
        counter = new double[replicas];
        batches = new DecodeBatch[replicas];
        prefilling = new int[replicas];
        prefillLeft = new double[replicas];
        for (int r = 0; r < replicas; r++) {
            batches[r] = new DecodeBatch();
            prefilling[r] = -1;
        }
        clock = new ReplicaClock(replicas);
        free = new ReplicaClock(replicas);
        for (int r = 0; r < replicas; r++) {
            free.set(r, 0);
        }
        queue = new int[n];
    }

    /**
     * Replays {@code trace} on {@code replicas} replicas of {@code profile}.
     *
     * @param cachedTokens per request, prompt tokens found in the prefix cache (see {@link
     *     InferenceTrace#cachedTokens}); only the rest are prefilled
     * @param stepMs the flow model's step: the replay window is the whole steps that cover every arrival
     */
    public static ServingMetrics run(
            InferenceTrace trace,
            int[] cachedTokens,
            ServiceProfile profile,
            int replicas,
            Overload overload,
            long stepMs) {
        return simulate(trace, cachedTokens, profile, replicas, overload, stepMs)
                .metrics();
    }

    /** Like {@link #run}, keeping every request's outcome. */
    public static RequestLevelSimulator simulate(
            InferenceTrace trace,
            int[] cachedTokens,
            ServiceProfile profile,
            int replicas,
            Overload overload,
            long stepMs) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas: allowed an integer >= 1");
        }
        if (cachedTokens.length != trace.size()) {
            throw new IllegalArgumentException("cachedTokens: one entry per request");
        }
        RequestLevelSimulator sim = new RequestLevelSimulator(trace, cachedTokens, profile, replicas, overload, stepMs);
        sim.serveAll();
        return sim;
    }

    /** Time to first token of request {@code i}, microseconds (0 if it was shed). */
    public long ttftUs(int i) {
        return ttftUs[i];
    }

    /** Arrival to last token of request {@code i}, microseconds (0 if it was shed). */
    public long e2eUs(int i) {
        return e2eUs[i];
    }

    public boolean shed(int i) {
        return shed[i];
    }

    private void serveAll() {
        int n = trace.size();
        int next = 0;
        while (next < n || clock.earliestTime() != Long.MAX_VALUE) {
            long arrival = next < n ? trace.arrivalMs(next) * 1000 : Long.MAX_VALUE;
            long event = clock.earliestTime();
            if (event <= arrival) {
                int r = clock.earliestReplica();
                handle(r, event);
                fill(r, event);
            } else {
                boolean wasEmpty = queueHead == queueTail;
                queue[queueTail++] = next++;
                if (wasEmpty) {
                    dispatch(arrival);
                }
            }
        }
    }

    /** Hands queued requests to free replicas, least-loaded first, until none is free or the queue is empty. */
    private void dispatch(long now) {
        while (queueHead < queueTail && free.earliestTime() != Long.MAX_VALUE) {
            if (!startNext(free.earliestReplica(), now)) {
                return;
            }
        }
    }

    /** After an event on {@code r}, the only replica whose room changed: it takes what it can. */
    private void fill(int r, long now) {
        while (queueHead < queueTail && canTake(r)) {
            startNext(r, now);
        }
    }

    private boolean canTake(int r) {
        return prefilling[r] < 0 && batches[r].size() + 1 <= p.maxBatch();
    }

    /** Starts the head of the queue on {@code r}, or sheds it; false if the queue ran empty by shedding. */
    private boolean startNext(int r, long now) {
        while (queueHead < queueTail) {
            int id = queue[queueHead++];
            long waitedUs = now - trace.arrivalMs(id) * 1000;
            if (overload.sheds() && waitedUs > overload.maxQueueWaitMs() * 1000) {
                shed[id] = true;
                continue;
            }
            advance(r, now);
            prefilling[r] = id;
            prefillLeft[r] = Math.max(1, trace.inputTokens(id) - cached[id]);
            schedule(r, now);
            return true;
        }
        return false;
    }

    private double stepS(int r) {
        int b = batches[r].size();
        return prefilling[r] >= 0 ? p.mixedStepS(b) : p.decodeStepS(b);
    }

    /** Moves replica {@code r}'s progress on to {@code now} at its current rates. */
    private void advance(int r, long now) {
        long from = lastUs[r];
        if (now <= from) {
            return;
        }
        lastUs[r] = now;
        int b = batches[r].size();
        if (b == 0 && prefilling[r] < 0) {
            return;
        }
        double dt = (now - from) / 1e6;
        double step = stepS(r);
        double inWindow = from >= windowEndUs ? 0 : (Math.min(now, windowEndUs) - from) / (double) (now - from);
        if (b > 0) {
            double tokens = dt / step;
            counter[r] += tokens;
            outputTokens += b * tokens * inWindow;
            batchSeconds += b * dt * inWindow;
        }
        if (prefilling[r] >= 0) {
            prefillLeft[r] -= Math.min(prefillLeft[r], p.prefillChunkTokens() * dt / step);
        }
    }

    private void handle(int r, long now) {
        advance(r, now);
        if (prefilling[r] >= 0 && prefillLeft[r] <= EPS) {
            int id = prefilling[r];
            prefilling[r] = -1;
            ttftUs[id] = now - trace.arrivalMs(id) * 1000;
            int out = trace.outputTokens(id);
            if (now < windowEndUs) {
                inputTokens += trace.inputTokens(id);
                outputTokens += Math.min(out, 1);
            }
            if (out <= 1) {
                e2eUs[id] = ttftUs[id];
            } else {
                batches[r].add(counter[r] + out - 1, id);
            }
        }
        DecodeBatch batch = batches[r];
        while (batch.size() > 0 && batch.firstFinish() <= counter[r] + EPS) {
            int id = batch.poll();
            e2eUs[id] = now - trace.arrivalMs(id) * 1000;
        }
        schedule(r, now);
    }

    /**
     * Sets replica {@code r}'s next event, its prefill end or its next decode finish, whichever is first, and its
     * place among the replicas that can take a request.
     */
    private void schedule(int r, long now) {
        free.set(r, canTake(r) ? batches[r].size() : Long.MAX_VALUE);
        double step = stepS(r);
        double dt = Double.POSITIVE_INFINITY;
        if (prefilling[r] >= 0) {
            dt = prefillLeft[r] * step / p.prefillChunkTokens();
        }
        if (batches[r].size() > 0) {
            dt = Math.min(dt, (batches[r].firstFinish() - counter[r]) * step);
        }
        if (dt == Double.POSITIVE_INFINITY) {
            clock.set(r, Long.MAX_VALUE);
        } else {
            clock.set(r, now + Math.max(1, (long) Math.ceil(dt * 1e6 - 1e-6)));
        }
    }

    /** The figures over the whole replay. */
    public ServingMetrics metrics() {
        int n = trace.size();
        long served = 0;
        long met = 0;
        long ttftTargetUs = p.ttftTargetMs() * 1000;
        long tpotTargetUs = p.tpotTargetMs() * 1000;
        double[] ttft = new double[n];
        double[] e2e = new double[n];
        double[] tpot = new double[n];
        int tpots = 0;
        for (int i = 0; i < n; i++) {
            if (shed[i]) {
                continue;
            }
            ttft[(int) served] = ttftUs[i] / 1e6;
            e2e[(int) served] = e2eUs[i] / 1e6;
            served++;
            int out = trace.outputTokens(i);
            boolean tpotMet = true;
            if (out >= 2) {
                long decodeUs = e2eUs[i] - ttftUs[i];
                tpot[tpots++] = decodeUs / 1e6 / (out - 1);
                tpotMet = decodeUs <= tpotTargetUs * (out - 1);
            }
            if (ttftUs[i] <= ttftTargetUs && tpotMet) {
                met++;
            }
        }
        double windowS = windowEndUs / 1e6;
        return new ServingMetrics(
                n,
                served,
                n - served,
                inputTokens / windowS,
                outputTokens / windowS,
                mean(ttft, (int) served),
                quantile(ttft, (int) served, 0.5),
                quantile(ttft, (int) served, 0.99),
                mean(tpot, tpots),
                quantile(tpot, tpots, 0.5),
                quantile(tpot, tpots, 0.99),
                mean(e2e, (int) served),
                quantile(e2e, (int) served, 0.5),
                quantile(e2e, (int) served, 0.99),
                (double) met / n,
                batchSeconds / (replicas * windowS));
    }

    private static double mean(double[] values, int count) {
        if (count == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += values[i];
        }
        return sum / count;
    }

    /** The nearest-rank {@code q}-quantile of the first {@code count} values; NaN if there are none. */
    static double quantile(double[] values, int count, double q) {
        if (count == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)];
    }
}
