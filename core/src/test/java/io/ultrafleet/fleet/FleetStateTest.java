package io.ultrafleet.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultrafleet.testing.Fleets;
import org.junit.jupiter.api.Test;

class FleetStateTest {
    private static final long FULL = (1L << 18) - 1;

    @Test
    void racksFillBlocksOfTheSiteBlockSizeOneModelPerBlock() {
        FleetState f = Fleets.fleet()
                .site("dfw", 4)
                .racks("dfw", "gb200-nvl72", 6)
                .racks("dfw", "gb300-nvl72", 2)
                .build();
        Topology t = f.topology();
        assertThat(t.blockCount()).isEqualTo(3);
        assertThat(t.blockRacksAssigned(0)).isEqualTo(4);
        assertThat(t.blockRacksAssigned(1)).isEqualTo(2);
        assertThat(t.blockModel(2)).isEqualTo(1);
        assertThat(f.onlineGpus()).isEqualTo(8 * 72);
        assertThat(f.blockWholeFreeRacks(0)).isEqualTo(4);
        assertThat(f.wholeFreeRacks(0)).isEqualTo(6);
        assertThat(f.freeUnits(0)).isEqualTo(6 * 18);
    }

    @Test
    void allocateAndReleaseKeepBucketsWholeListsAndCountersExact() {
        FleetState f = Fleets.fleet().site("s", 8).racks("s", "gb200-nvl72", 2).build();
        f.allocate(0, 0b1111);
        assertThat(f.rackFreeUnits(0)).isEqualTo(14);
        assertThat(f.firstWithFreeUnits(0, 14)).isEqualTo(0);
        assertThat(f.firstWithFreeUnits(0, 18)).isEqualTo(1);
        assertThat(f.nextWithSameFreeUnits(1)).isEqualTo(-1);
        assertThat(f.blockWholeFreeRacks(0)).isEqualTo(1);
        assertThat(f.firstWholeFree(0)).isEqualTo(1);
        assertThat(f.allocatedGpus()).isEqualTo(16);
        f.release(0, 0b0011);
        assertThat(f.firstWithFreeUnits(0, 16)).isEqualTo(0);
        f.release(0, 0b1100);
        assertThat(f.blockWholeFreeRacks(0)).isEqualTo(2);
        assertThat(f.allocatedGpus()).isZero();
        assertThat(f.freeUnits(0)).isEqualTo(36);
    }

    @Test
    void refusesToGiveOutUnitsTwiceOrTakeBackUnitsNotHeld() {
        FleetState f = Fleets.fleet().site("s", 8).racks("s", "gb200-nvl72", 1).build();
        f.allocate(0, 0b1);
        assertThatThrownBy(() -> f.allocate(0, 0b11)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> f.release(0, 0b10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> f.release(0, 1L << 20)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void decommissionRetiresIdleRacksAtOnceAndBusyOnesWhenTheyEmpty() {
        FleetState f = Fleets.fleet().site("s", 8).racks("s", "gb200-nvl72", 2).build();
        f.allocate(1, FULL);
        assertThat(f.decommission(0)).isTrue();
        assertThat(f.rackStatus(0)).isEqualTo(RackStatus.GONE);
        assertThat(f.decommission(1)).isFalse();
        assertThat(f.rackStatus(1)).isEqualTo(RackStatus.DRAINING);
        assertThat(f.rackSchedulable(1)).isFalse();
        assertThat(f.onlineRacks()).isEqualTo(1);
        assertThat(f.schedulableRacks(0)).isZero();
        assertThat(f.release(1, FULL)).isTrue();
        assertThat(f.rackStatus(1)).isEqualTo(RackStatus.GONE);
        assertThat(f.onlineGpus()).isZero();
        assertThat(f.freeUnits(0)).isZero();
        assertThat(f.wholeFreeRacks(0)).isZero();
    }

    @Test
    void hgxHostsAreOneUnitDomains() {
        FleetState f = Fleets.fleet().site("s", 4).racks("s", "h100-hgx8", 3).build();
        assertThat(f.model(0).gpusPerDomain()).isEqualTo(8);
        f.allocate(2, 0b1);
        assertThat(f.wholeFreeRacks(0)).isEqualTo(2);
        assertThat(f.allocatedGpus()).isEqualTo(8);
    }
}
