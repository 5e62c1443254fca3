package io.ultrafleet.scheduling.sites;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.scheduling.placement.FlavorFilter;
import io.ultrafleet.scheduling.placement.Placement;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.testing.Jobs;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.TopologyLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteRulesTest {
    /** Providers p0 (sites 0 and 1) and p1 (site 2); GB200 racks per site as given, blocks of 8. */
    private static FleetState fleet(int... racks) {
        Topology.Builder tb = Topology.builder();
        int r0 = tb.region(tb.provider("p0"), "r0");
        int r1 = tb.region(tb.provider("p1"), "r1");
        tb.site(r0, "s0", 8);
        tb.site(r0, "s1", 8);
        tb.site(r1, "s2", 8);
        FleetState f = new FleetState(
                tb.build(1),
                List.of(HardwareCatalogue.builtIn().model("gb200-nvl72").orElseThrow()));
        for (int s = 0; s < racks.length; s++) {
            for (int i = 0; i < racks[s]; i++) {
                f.addRack(s, 0);
            }
        }
        return f;
    }

    private static int siteOf(FleetState f, Placement p) {
        return f.topology().blockSite(f.rackBlock(p.racks()[0]));
    }

    private static Job gang(int racks) {
        return Jobs.job("g").gpus(72 * racks).required(TopologyLevel.SITE).build();
    }

    @Test
    void withoutRulesTheQuotaFilterIsReturnedAsIs() {
        FleetState f = fleet(2, 2, 2);
        assertThat(SiteRules.NONE.restrict(f, gang(1), FlavorFilter.ALL)).isSameAs(FlavorFilter.ALL);
        assertThat(SiteRules.NONE.restrict(f, gang(1), null)).isNull();
    }

    @Test
    void committedSitesComeBeforeOverflowAndCheaperBeforeDearer() {
        // Site 0 is the tightest fit for a one-rack gang, so the placer alone takes it.
        FleetState f = fleet(1, 4, 4);
        assertThat(siteOf(f, Placer.place(f, gang(1)).placement())).isZero();
        // Site 0 is overflow; site 2 is cheaper than site 1.
        SiteRules rules = new SiteRules(null, SiteRanking.fixed(new int[] {1, 0, 0}, new double[] {0, 3.5, 2.0}));
        FlavorFilter filter = rules.restrict(f, gang(1), FlavorFilter.ALL);
        assertThat(filter.steps()).isEqualTo(3);
        assertThat(siteOf(f, Placer.place(f, gang(1), filter).placement())).isEqualTo(2);
        // Four racks fit at both committed sites: the cheaper wins.
        assertThat(siteOf(
                        f,
                        Placer.place(f, gang(4), rules.restrict(f, gang(4), FlavorFilter.ALL))
                                .placement()))
                .isEqualTo(2);
        // Committed capacity full: only then the overflow site.
        FleetState full = fleet(1, 0, 0);
        assertThat(siteOf(
                        full,
                        Placer.place(full, gang(1), rules.restrict(full, gang(1), FlavorFilter.ALL))
                                .placement()))
                .isZero();
    }

    @Test
    void freeCapacityRankingSpreadsLoad() {
        FleetState f = fleet(2, 6, 3);
        SiteRules rules = new SiteRules(null, SiteRanking.byFreeCapacity(new int[3]));
        assertThat(siteOf(
                        f,
                        Placer.place(f, gang(1), rules.restrict(f, gang(1), FlavorFilter.ALL))
                                .placement()))
                .isEqualTo(1);
    }

    @Test
    void theCapKeepsAClassUnderItsShareAtEachProvider() {
        FleetState f = fleet(4, 4, 4);
        // One class, sized at 10 racks: at most 40 % = 288 GPUs (4 racks) at one provider.
        ConcentrationCap cap = new ConcentrationCap(0.4, new int[] {0}, new long[] {720}, f);
        SiteRules rules = new SiteRules(cap, null);
        assertThat(cap.limit(0)).isEqualTo(288);
        rules.charged(0, 0, 0, 216); // three racks held at p0 (site 0)
        FlavorFilter filter = rules.restrict(f, gang(1), FlavorFilter.ALL);
        assertThat(filter.allows(0, 0)).isTrue();
        assertThat(filter.allows(0, 1)).isTrue();
        FlavorFilter two = rules.restrict(f, gang(2), FlavorFilter.ALL);
        assertThat(two.allows(0, 0)).isFalse();
        assertThat(two.allows(0, 1)).as("site 1 is p0 too").isFalse();
        assertThat(two.allows(0, 2)).isTrue();
        assertThat(siteOf(f, Placer.place(f, gang(2), two).placement())).isEqualTo(2);
        rules.charged(0, 0, 2, 288);
        assertThat(rules.restrict(f, gang(2), FlavorFilter.ALL))
                .as("nowhere left")
                .isNull();
        rules.refunded(0, 0, 0, 216);
        assertThat(rules.restrict(f, gang(2), FlavorFilter.ALL).allows(0, 0)).isTrue();
        assertThat(cap.worstOverLimit()).isLessThanOrEqualTo(0);
    }

    @Test
    void aClassWithoutASizeIsCappedAtAShareOfTheFleet() {
        FleetState f = fleet(5, 0, 5);
        ConcentrationCap cap = new ConcentrationCap(0.5, new int[] {0, -1}, new long[] {-1}, f);
        assertThat(cap.limit(0)).isEqualTo(360);
        assertThat(cap.admits(0, 0, 360, cap.limit(0))).isTrue();
        assertThat(cap.admits(0, 0, 361, cap.limit(0))).isFalse();
        assertThat(cap.admits(1, 0, 1_000_000, cap.limit(0)))
                .as("queue 1 is not capped")
                .isTrue();
        f.addRack(1, 0);
        f.addRack(1, 0);
        assertThat(cap.limit(0)).isEqualTo(432);
    }

    @Test
    void bySpendAProviderWhoseGpusCostMoreTakesFewerOfThem() {
        // 5 racks at p0 (site 0) at $2 a GPU-hour, 5 at p1 (site 2) at $6: the fleet's spend rate is 360 x 2 + 360 x 6
        // = $2,880 an hour, and at most half of it, $1,440, may be at one provider.
        FleetState f = fleet(5, 0, 5);
        long[] price = {2_000_000, 0, 6_000_000}; // micro-dollars per GPU-hour, model 0 at sites 0, 1, 2
        ConcentrationCap cap = new ConcentrationCap(0.5, new int[] {0}, new long[] {-1}, f, price);
        assertThat(cap.bySpend()).isTrue();
        assertThat(cap.limit(0)).isEqualTo(1_440_000_000L);
        // At p1, 240 GPUs ($1,440) fit and 241 do not; at p0 all 360 fit ($720).
        assertThat(cap.admits(0, 0, 2, 240, cap.limit(0))).isTrue();
        assertThat(cap.admits(0, 0, 2, 241, cap.limit(0))).isFalse();
        assertThat(cap.admits(0, 0, 0, 360, cap.limit(0))).isTrue();
        SiteRules rules = new SiteRules(cap, null);
        rules.charged(0, 0, 2, 216); // three racks at p1: $1,296
        FlavorFilter filter = rules.restrict(f, gang(1), FlavorFilter.ALL);
        assertThat(filter.allows(0, 2))
                .as("a fourth rack at p1 would be $1,728")
                .isFalse();
        assertThat(filter.allows(0, 0)).isTrue();
        // By GPU share the same class could hold 360 GPUs at p1.
        ConcentrationCap byGpus = new ConcentrationCap(0.5, new int[] {0}, new long[] {-1}, f);
        assertThat(byGpus.admits(0, 0, 2, 360, byGpus.limit(0))).isTrue();
    }
}
