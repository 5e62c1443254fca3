package io.ultrafleet.twin.demand;

import io.ultrafleet.spec.TrainingSpec.GeneratorSpec;
import io.ultrafleet.twin.engine.RandomStreams;

/**
 * The jobs a generator makes, one after another: when each arrives, its size and its duration, each drawn from the
 * generator's own named streams ({@code training/NAME/arrivals}, {@code /gpus}, {@code /duration}), so adding a
 * generator leaves the others' jobs unchanged, and a run and a list of the same scenario see the same jobs.
 */
public final class GeneratorDraws {
    /** One job: its name, arrival (absolute ms), GPUs and duration. */
    public record Draw(String name, long atMs, int gpus, long durationMs) {}

    private final GeneratorSpec spec;
    private final ArrivalProcess arrivals;
    private final Sampler gpus;
    private final Sampler duration;
    private final long endMs;
    private long last;
    private long count;

    /** Jobs of {@code spec} arriving after {@code afterMs} and before {@code endMs}. */
    public GeneratorDraws(GeneratorSpec spec, RandomStreams streams, long afterMs, long endMs) {
        this.spec = spec;
        String base = "training/" + spec.name() + "/";
        this.arrivals = new ArrivalProcess(spec.arrivals(), streams.stream(base + "arrivals"));
        this.gpus = new Sampler(spec.gpus(), streams.stream(base + "gpus"));
        this.duration = new Sampler(spec.duration(), streams.stream(base + "duration"));
        this.endMs = endMs;
        this.last = afterMs;
    }

    /** When the next job arrives (absolute ms), or -1 when no more arrive before the end; call before {@link #draw}. */
    public long nextArrival() {
        long next = arrivals.next(last);
        last = next;
        return next >= 0 && next < endMs ? next : -1;
    }

    /** The job arriving at {@code atMs}, as returned by {@link #nextArrival}. */
    public Draw draw(long atMs) {
        int g = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(gpus.next())));
        long d = Math.max(1, Math.round(duration.next()));
        return new Draw(spec.name() + "-" + (++count), atMs, g, d);
    }
}
