package io.ultrafleet.server.live;

/**
 * The picture of the live state that readers see ({@link LiveView}), made by the scheduler loop's thread after its
 * turns. GPU counts are made again when the fleet changed, the rack list only after racks came, went or drained; who
 * holds each rack and why queued jobs wait cost a pass over every rack and every queued job, so under a stream of
 * submissions and starts they are made again at most every {@link #HEAVY_PICTURE_MS}, and at most a twentieth of the
 * loop's time goes to them however long the queue grows.
 */
final class LivePictures {
    /** The shortest time between two pictures of who holds each rack and why jobs wait, in wall milliseconds. */
    static final long HEAVY_PICTURE_MS = 250;

    private volatile LiveView view = LiveView.EMPTY;
    private long lastFleetVersion = -1;
    /** Whether the rack list of the picture must be made again: racks came, went or drained. */
    private boolean redrawFleet = true;
    /** Counts a new picture of who holds each rack. */
    private long useVersion;
    /** Whether queued jobs came, went or were looked at since the last picture: their wait reasons are counted again. */
    private boolean pendingChanged = true;
    /** Whether jobs started or ended since who holds each rack was last pictured. */
    private boolean useStale = true;

    /** The last submission writer's handover taken in (or let go of), for the next picture. */
    private long handovers;

    private long lastHeavyNanos;
    private long heavyGapNanos = HEAVY_PICTURE_MS * 1_000_000L;

    /** The latest picture; any thread. */
    LiveView view() {
        return view;
    }

    /** Racks came, went or drained, or the state was read anew: the next picture draws the whole fleet. */
    void redrawFleet() {
        redrawFleet = true;
    }

    /** The loop took in, or let go of, the writer's handover {@code handover}: the next picture counts its jobs. */
    void handedOver(long handover) {
        handovers = Math.max(handovers, handover);
    }

    /** Queued jobs came, went or were looked at. */
    void queueChanged() {
        pendingChanged = true;
    }

    /** Makes the picture of {@code state} at the server's time {@code now}. */
    void publish(LiveState state, long now, QueueTallies tallies) {
        boolean fleetChanged = state.fleetVersion() != lastFleetVersion;
        useStale |= fleetChanged;
        long began = System.nanoTime();
        boolean due = began - lastHeavyNanos >= heavyGapNanos || redrawFleet;
        boolean useChanged = useStale && due;
        boolean reasons = pendingChanged && due;
        if (useChanged || redrawFleet) {
            useVersion++;
        }
        view = LiveView.of(
                state,
                now,
                view,
                fleetChanged,
                redrawFleet,
                reasons,
                useChanged,
                useVersion,
                tallies.submittedCopy(),
                tallies.startedCopy(),
                handovers);
        lastFleetVersion = state.fleetVersion();
        if (useChanged || reasons) {
            lastHeavyNanos = System.nanoTime();
            heavyGapNanos = Math.max(HEAVY_PICTURE_MS * 1_000_000L, 20 * (lastHeavyNanos - began));
        }
        useStale &= !useChanged && !redrawFleet;
        pendingChanged &= !reasons;
        redrawFleet = false;
    }
}
