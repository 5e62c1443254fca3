package io.ultrafleet.server.live;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * What other threads ask of the scheduler loop, and how they wake it: request threads add commands from any thread;
 * the loop takes them at its next turn, and between turns sleeps until a command comes, it is woken, or its wait ends.
 */
final class LoopCommands {
    private final ConcurrentLinkedQueue<LoopCommand> commands = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();

    /** Adds {@code c} for the loop's next turn, and wakes the loop. */
    void add(LoopCommand c) {
        commands.add(c);
        wake();
    }

    /** The oldest command not yet taken, or null. */
    LoopCommand poll() {
        return commands.poll();
    }

    boolean isEmpty() {
        return commands.isEmpty();
    }

    /** Ends the loop's wait, if it waits. */
    void wake() {
        lock.lock();
        try {
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code ms} for a command or a {@link #wake}, unless a command is waiting already or {@code stopping}
     * says so (read under the lock a {@link #wake} takes, so that a wake after it is never missed).
     *
     * @throws InterruptedException if the loop's thread is interrupted meanwhile
     */
    void await(long ms, BooleanSupplier stopping) throws InterruptedException {
        lock.lock();
        try {
            if (commands.isEmpty() && !stopping.getAsBoolean()) {
                wake.await(ms, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }
}
