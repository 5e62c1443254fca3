package io.ultrafleet.server.live;

import io.ultrafleet.scheduling.Decision;
import io.ultrafleet.scheduling.DecisionWords;
import io.ultrafleet.server.executor.Dispatch;
import io.ultrafleet.server.executor.Executor;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.WaitReason;

/** Records each decision: the job's new row, what it holds, its event, and what the executor is told. */
final class DecisionRecorder implements Decision.Handler {
    private final LiveState state;
    private final long now;
    private final Executor executor;

    DecisionRecorder(LiveState state, long now, Executor executor) {
        this.state = state;
        this.now = now;
        this.executor = executor;
    }

    @Override
    public void start(Decision.Start d) {
        LiveJob lj = state.live(d.job().id());
        state.running(lj, true);
        lj.holdsChanged = true;
        state.touch(lj);
        Job j = d.job();
        state.event(
                lj,
                now,
                DecisionWords.started(
                        j,
                        d.placement().racks(),
                        d.placement().allocatedGpus(),
                        j.expectedEndMs() - now,
                        state.fleet()));
        state.changes().dispatches.add(dispatch(j, true));
        state.changes().startedQueues.add(j.queue());
    }

    @Override
    public void preempt(Decision.Preempt d) {
        LiveJob lj = state.live(d.job().id());
        state.running(lj, false);
        lj.holdsChanged = true;
        state.touch(lj);
        state.event(lj, now, DecisionWords.preempted(d.forJob(), d.lostGpuMs()));
        state.ranks().takeQueuePriority(lj, now);
        state.changes().stops.add(lj.id());
    }

    @Override
    public void shrink(Decision.Shrink d) {
        resized(d.job(), DecisionWords.shrunk(d.after().runGpus(), d.forJob()));
    }

    @Override
    public void grow(Decision.Grow d) {
        resized(d.job(), DecisionWords.grew(d.after().runGpus()));
    }

    private void resized(Job j, String text) {
        LiveJob lj = state.live(j.id());
        lj.holdsChanged = true;
        state.touch(lj);
        state.event(lj, now, text);
        // the same run on other units: an executor that has it follows it rather than starting it again
        state.changes().dispatches.add(dispatch(j, false));
    }

    @Override
    public void waits(Decision.Wait d) {
        LiveJob lj = state.live(d.job().id());
        state.touch(lj);
        if (d.reason() != WaitReason.PREEMPTED && d.reason() != WaitReason.INTERRUPTED) {
            state.event(lj, now, DecisionWords.waiting(d.reason(), d.detail()));
        }
    }

    private Dispatch dispatch(Job j, boolean first) {
        return state.dispatch(state.live(j.id()), now, executor, first);
    }
}
