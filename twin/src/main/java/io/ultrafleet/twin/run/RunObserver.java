package io.ultrafleet.twin.run;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.workload.Job;
import java.util.Collection;

/**
 * Watches a run as it goes, for a caller that needs the run's state at the instants jobs are submitted (back-testing
 * forecasts, {@link TwinRun#observe}): every submission with the run as it is at that instant, and every end of a
 * run. It only reads what it is shown, and changes nothing: a run observed is the run unobserved.
 */
public interface RunObserver {
    /** Sees nothing. */
    RunObserver NONE = new RunObserver() {
        @Override
        public void submitted(Job job, View run) {}

        @Override
        public void ended(Job job, long now) {}
    };

    /** {@code job} was just submitted and queued; {@code run} is the run at that instant, read-only. */
    void submitted(Job job, View run);

    /** {@code job} ran to its end at {@code now} (a replica: its service withdrew it while it ran). */
    void ended(Job job, long now);

    /**
     * The run at one instant, to read and not to keep: it changes as the run goes on.
     *
     * @param now the run's clock
     * @param fleet the fleet: racks, their status, and the units down
     * @param pending the jobs waiting, highest priority and oldest first
     * @param running the jobs running, in the order they started
     * @param reservations what the last backfill pass reserved for waiting gangs
     */
    record View(long now, FleetView fleet, Iterable<Job> pending, Collection<Job> running, Reservations reservations) {}
}
