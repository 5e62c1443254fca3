package io.ultrafleet.twin.inference;

/**
 * The latency distributions of the requests served in one flow step, as gamma mixtures: time to first token,
 * time per output token after the first, and end-to-end (arrival to last token). Empty when nothing was served.
 */
public record StepLatency(LatencyMix ttft, LatencyMix tpot, LatencyMix e2e) {
    static StepLatency empty() {
        return new StepLatency(new LatencyMix(), new LatencyMix(), new LatencyMix());
    }
}
