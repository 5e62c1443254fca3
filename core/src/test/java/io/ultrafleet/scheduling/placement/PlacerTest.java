package io.ultrafleet.scheduling.placement;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.testing.Fleets;
import io.ultrafleet.workload.TopologyLevel;
import io.ultrafleet.workload.WaitReason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PlacerTest {
    private static final long FULL = (1L << 18) - 1;

    @Test
    void smallJobTakesWholeTraysInThePartlyUsedRackThatFitsBest() {
        FleetState f = Fleets.fleet().site("s", 8).racks("s", "gb200-nvl72", 3).build();
        f.allocate(0, 0b1111_1111_1111_1111L); // 2 trays free
        f.allocate(1, 0b1111_1111_1111L); // 6 trays free
        Placer.Result r = Placer.place(f, job("small").gpus(6).build());
        assertThat(r.placed()).isTrue();
        assertThat(r.placement().racks()).containsExactly(0);
        assertThat(r.placement().unitMasks()[0]).isEqualTo(0b11L << 16);
        assertThat(r.placement().allocatedGpus()).isEqualTo(8);
    }

    @Test
    void sixtyFourGpusAreSixteenTraysOfOneRack() {
        FleetState f = Fleets.fleet().site("s", 8).racks("s", "gb200-nvl72", 1).build();
        Placement p = Placer.place(f, job("j").gpus(64).build()).placement();
        assertThat(Long.bitCount(p.unitMasks()[0])).isEqualTo(16);
    }

    @Test
    void whenOnlyWholeRacksAreLeftASmallJobBreaksTheBlockWithFewestFreeRacks() {
        FleetState f = Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 6).build();
        // block 0: racks 0-3, block 1: racks 4-5; fill block 0 except rack 3.
        for (int r = 0; r < 3; r++) {
            f.allocate(r, FULL);
        }
        Placement p = Placer.place(f, job("j").gpus(4).build()).placement();
        assertThat(p.racks()).containsExactly(3);
    }

    @Test
    void gangFitsOneBlockBestFit() {
        FleetState f = Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 8).build();
        f.allocate(0, FULL); // block 0 has 3 whole racks, block 1 has 4
        Placement p = Placer.place(f, job("g").gpus(3 * 72).build()).placement();
        assertThat(p.blocks()).isEqualTo(1);
        assertThat(p.racks()).hasSize(3);
        assertThat(Arrays.stream(p.racks()).map(f::rackBlock)).containsOnly(0);
        assertThat(p.allocatedGpus()).isEqualTo(216);
    }

    @Test
    void gangRoundsUpToWholeRacks() {
        FleetState f = Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 4).build();
        Placement p = Placer.place(f, job("g").gpus(100).build()).placement();
        assertThat(p.racks()).hasSize(2);
        assertThat(p.allocatedGpus()).isEqualTo(144);
    }

    @Test
    void gangThatRequiresABlockWaitsWhenNoBlockIsFreeEnough() {
        FleetState f = Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 8).build();
        f.allocate(0, FULL);
        f.allocate(4, FULL);
        Placer.Result r = Placer.place(f, job("g").gpus(4 * 72).build());
        assertThat(r.placed()).isFalse();
        assertThat(r.reason()).isEqualTo(WaitReason.NO_CAPACITY);
    }

    @Test
    void siteLevelGangSpansTheFewestBlocksOfOneSite() {
        FleetState f = Fleets.fleet()
                .site("a", 4)
                .site("b", 4)
                .racks("a", "gb200-nvl72", 12)
                .racks("b", "gb200-nvl72", 8)
                .build();
        // site a: blocks 0,1,2 with 2,2,2 whole racks free; site b: blocks 3,4 with 4 and 3 free.
        for (int r : new int[] {0, 1, 4, 5, 8, 9, 19}) {
            f.allocate(r, FULL);
        }
        Placement p = Placer.place(
                        f,
                        job("g").gpus(6 * 72)
                                .required(TopologyLevel.SITE)
                                .preferred(TopologyLevel.BLOCK)
                                .build())
                .placement();
        assertThat(p.blocks()).isEqualTo(2);
        assertThat(Arrays.stream(p.racks())
                        .map(f::rackBlock)
                        .distinct()
                        .sorted()
                        .toArray())
                .containsExactly(3, 4);
    }

    @Test
    void anyLevelGangMayCrossSites() {
        FleetState f = Fleets.fleet()
                .site("a", 4)
                .site("b", 4)
                .racks("a", "gb200-nvl72", 2)
                .racks("b", "gb200-nvl72", 2)
                .build();
        Placement site = Placer.place(
                        f, job("g").gpus(4 * 72).required(TopologyLevel.SITE).build())
                .placement();
        assertThat(site).isNull();
        Placement any = Placer.place(
                        f, job("g").gpus(4 * 72).required(TopologyLevel.ANY).build())
                .placement();
        assertThat(any.racks()).hasSize(4);
    }

    @Test
    void tooLargeAndNoModelAreTheirOwnReasons() {
        FleetState f = Fleets.fleet()
                .site("s", 4)
                .racks("s", "gb200-nvl72", 4)
                .racks("s", "h100-hgx8", 1)
                .build();
        assertThat(Placer.place(f, job("big").gpus(5 * 72).build()).reason()).isEqualTo(WaitReason.TOO_LARGE);
        assertThat(Placer.place(f, job("x").models(5).build()).reason()).isEqualTo(WaitReason.NO_MODEL);
    }

    @Test
    void modelConstraintIsHonoured() {
        FleetState f = Fleets.fleet()
                .site("s", 4)
                .racks("s", "gb200-nvl72", 1)
                .racks("s", "h100-hgx8", 2)
                .build();
        Placement p = Placer.place(f, job("h").gpus(16).models(1).build()).placement();
        assertThat(p.model()).isEqualTo(1);
        assertThat(p.racks()).hasSize(2);
        assertThat(p.allocatedGpus()).isEqualTo(16);
    }

    @Test
    void singleDomainFitIsPreferredOverAGangOnAnotherModel() {
        FleetState f = Fleets.fleet()
                .site("s", 4)
                .racks("s", "h100-hgx8", 4)
                .racks("s", "gb200-nvl72", 1)
                .build();
        Placement p = Placer.place(f, job("j").gpus(16).build()).placement();
        assertThat(p.model()).isEqualTo(1);
        assertThat(p.racks()).hasSize(1);
    }
}
