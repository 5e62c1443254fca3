package io.ultrafleet.server.live;

import io.ultrafleet.server.live.LoopCommand.Cancel;
import io.ultrafleet.server.live.LoopCommand.Drain;
import io.ultrafleet.server.live.LoopCommand.PutQueue;
import io.ultrafleet.server.live.LoopCommand.Snapshot;
import io.ultrafleet.server.live.LoopCommand.Submitted;
import io.ultrafleet.server.live.LoopCommand.TakeSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The commands one turn of the leader takes: each applied to the live state as it comes, and the requests waiting on
 * them answered only once the turn's commit holds (or failed with the commit). A change refused for a reason of its
 * own (a precondition) changes nothing and is answered at once.
 */
final class TurnCommands {
    private final List<CompletableFuture<Boolean>> answers = new ArrayList<>();
    private final List<Boolean> values = new ArrayList<>();

    /**
     * Applies {@code c} to {@code state} at {@code now}; a snapshot wanted joins {@code snapshotsWanted}. True when the
     * fleet's picture must be drawn again (a rack's drain changed).
     */
    boolean take(
            LoopCommand c,
            LiveState state,
            long now,
            QueueTallies tallies,
            List<CompletableFuture<Snapshot>> snapshotsWanted) {
        if (c instanceof Submitted s) {
            state.submitted(s.jobs(), now);
            for (LiveJob lj : s.jobs()) {
                tallies.submitted(lj.job.queue());
            }
        } else if (c instanceof TakeSnapshot t) {
            snapshotsWanted.add(t.done());
        } else if (c instanceof Cancel k) {
            answers.add(k.done());
            values.add(AdminChanges.cancel(state, k, now));
        } else if (c instanceof PutQueue q) {
            String current = AdminChanges.settingsOf(state, q);
            if (q.when().holds(current)) {
                answers.add(q.done());
                values.add(AdminChanges.putQueue(state, q, now));
            } else {
                // nothing changes, so nothing waits for the commit
                q.done()
                        .completeExceptionally(new QueuePrecondition.Failed(
                                current == null ? null : QueuePrecondition.tagOf(current)));
            }
        } else if (c instanceof Drain d) {
            boolean ok = AdminChanges.drain(state, d);
            answers.add(d.done());
            values.add(ok);
            return ok;
        }
        return false;
    }

    /** Answers every request taken: the turn's commit holds. */
    void answer() {
        for (int i = 0; i < answers.size(); i++) {
            answers.get(i).complete(values.get(i));
        }
    }

    /** Fails every request taken with {@code why}: the turn's commit did not hold. */
    void fail(Throwable why) {
        for (CompletableFuture<Boolean> f : answers) {
            f.completeExceptionally(why);
        }
    }
}
