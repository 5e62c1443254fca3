package io.ultrafleet.scheduling.backfill;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.Decision;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.SchedulingCycle;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.testing.Decisions;
import io.ultrafleet.testing.Fleets;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobState;
import io.ultrafleet.workload.TopologyLevel;
import io.ultrafleet.workload.WaitReason;
import org.junit.jupiter.api.Test;

class BackfillTest {
    private static final long HOUR = 3_600_000L;

    /** One site, one block of 4 GB200 racks; a 1-rack job runs until 10 h; a 4-rack gang waits. */
    private final FleetState fleet =
            Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 4).build();

    private final QueueBook queues = new QueueBook();
    private final ClusterState cluster;
    private final PendingQueue pending = new PendingQueue();
    private final Job running;
    private final Job gang =
            job("gang").gpus(4 * 72).priority(500).duration(100 * HOUR).build();

    /** A cycle at {@code now}, in which preemption is off and no elastic job runs. */
    private CycleResult cycle(long now, Reservations r) {
        CycleResult result = new SchedulingCycle(10).run(now, cluster, pending, r);
        assertThat(result.decisions()).allMatch(d -> d instanceof Decision.Start || d instanceof Decision.Wait);
        return result;
    }

    BackfillTest() {
        queues.add("q", -1);
        cluster = new ClusterState(fleet, queues);
        running = job("running").gpus(72).duration(10 * HOUR).build();
        cluster.start(running, Placer.place(fleet, running).placement(), 0);
        pending.add(gang);
    }

    @Test
    void reservationIsWhenEnoughRacksAreExpectedToBeFree() {
        assertThat(Decisions.started(cycle(HOUR, Reservations.none()))).isEmpty();
        assertThat(gang.waitReason()).isEqualTo(WaitReason.NO_CAPACITY);
        Reservations r = Reservations.none();
        new ReservationPass(4).run(HOUR, fleet, cluster.occupancy(), pending, r);
        Reservation res = r.of(gang);
        assertThat(res.shadowMs()).isEqualTo(10 * HOUR);
        assertThat(res.level()).isEqualTo(TopologyLevel.BLOCK);
        assertThat(res.group()).isZero();
    }

    @Test
    void jobsEndingBeforeTheReservationBackfillAndLaterOnesWait() {
        assertThat(Decisions.started(cycle(HOUR, Reservations.none()))).isEmpty();
        Reservations r = Reservations.none();
        new ReservationPass(4).run(HOUR, fleet, cluster.occupancy(), pending, r);
        Job shortJob = job("short").gpus(72).duration(5 * HOUR).submit(HOUR).build();
        Job longJob = job("long").gpus(72).duration(20 * HOUR).submit(HOUR).build();
        pending.add(shortJob);
        pending.add(longJob);
        cycle(2 * HOUR, r);
        assertThat(shortJob.state()).isEqualTo(JobState.RUNNING);
        assertThat(longJob.state()).isEqualTo(JobState.PENDING);
        assertThat(longJob.waitReason()).isEqualTo(WaitReason.HELD_FOR_GANG);
        assertThat(gang.state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void withoutAReservationNothingBackfillsOntoHeldRacks() {
        Job shortJob = job("short").gpus(144).duration(HOUR).submit(HOUR).build();
        pending.add(shortJob);
        cycle(HOUR, Reservations.none());
        assertThat(shortJob.state()).isEqualTo(JobState.PENDING);
        assertThat(shortJob.waitReason()).isEqualTo(WaitReason.HELD_FOR_GANG);
    }

    @Test
    void occupancyTracksWhenEachRackIsExpectedToEmpty() {
        int busy = running.racks()[0];
        assertThat(cluster.occupancy().busyUntil(busy)).isEqualTo(10 * HOUR);
        assertThat(cluster.occupancy().busyUntil((busy + 1) % 4)).isZero();
        Job tray = job("tray").gpus(4).duration(30 * HOUR).build();
        cluster.start(tray, Placer.place(fleet, tray).placement(), 0);
        int rack = tray.racks()[0];
        assertThat(cluster.occupancy().busyUntil(rack)).isEqualTo(30 * HOUR);
        assertThat(cluster.occupancy().holder(rack, 0)).isSameAs(tray);
        cluster.finish(tray);
        assertThat(cluster.occupancy().busyUntil(rack)).isZero();
        assertThat(cluster.occupancy().holder(rack, 0)).isNull();
    }
}
