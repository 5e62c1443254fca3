package io.ultrafleet.testing;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * Test fleets: {@code Fleets.fleet().site("dfw", 4).racks("dfw", "gb200-nvl72", 8).build()} makes one provider and
 * region, site dfw with 4 racks per block, and 8 GB200 racks there (two blocks).
 */
public final class Fleets {
    private final HardwareCatalogue catalogue = HardwareCatalogue.builtIn();
    private final List<String> sites = new ArrayList<>();
    private final List<Integer> racksPerBlock = new ArrayList<>();
    private final List<HardwareModel> models = new ArrayList<>();
    private final List<Object[]> deliveries = new ArrayList<>();

    public static Fleets fleet() {
        return new Fleets();
    }

    public Fleets site(String name, int blockSize) {
        sites.add(name);
        racksPerBlock.add(blockSize);
        return this;
    }

    public Fleets racks(String site, String model, int count) {
        HardwareModel m = catalogue.model(model).orElseThrow();
        if (!models.contains(m)) {
            models.add(m);
        }
        deliveries.add(new Object[] {site, m, count});
        return this;
    }

    public FleetState build() {
        Topology.Builder tb = Topology.builder();
        int region = tb.region(tb.provider("test"), "test-1");
        for (int i = 0; i < sites.size(); i++) {
            tb.site(region, sites.get(i), racksPerBlock.get(i));
        }
        FleetState f = new FleetState(tb.build(models.size()), models);
        for (Object[] d : deliveries) {
            int site = sites.indexOf((String) d[0]);
            int model = models.indexOf((HardwareModel) d[1]);
            for (int i = 0; i < (Integer) d[2]; i++) {
                f.addRack(site, model);
            }
        }
        return f;
    }
}
