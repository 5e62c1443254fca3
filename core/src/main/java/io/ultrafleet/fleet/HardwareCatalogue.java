package io.ultrafleet.fleet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The built-in hardware catalogue. Every figure and its source is listed in {@code docs/model.md}. */
public final class HardwareCatalogue {
    private static final int GIB = 1024;

    /** Decimal gigabytes (as vendors quote HBM) in MiB. */
    private static int gb(int gigabytes) {
        return (int) (gigabytes * 1_000_000_000L / (1024L * 1024L));
    }

    private final Map<String, HardwareModel> models = new LinkedHashMap<>();
    private final Map<String, CpuHostShape> shapes = new LinkedHashMap<>();

    private HardwareCatalogue() {}

    /** The catalogue every scenario starts from. */
    public static HardwareCatalogue builtIn() {
        HardwareCatalogue c = new HardwareCatalogue();
        // NVIDIA rack-scale: 18 compute trays of 4 GPUs; usable HBM as AWS exposes it; ~120 / ~132 kW per rack.
        c.add(new HardwareModel("gb200-nvl72", "B200", 4, 18, gb(185), 144, 5_000, 120_000));
        c.add(new HardwareModel("gb300-nvl72", "B300", 4, 18, gb(279), 144, 5_000, 132_000));
        // 8-GPU HGX hosts: the NVLink domain is the host.
        c.add(new HardwareModel("h100-hgx8", "H100", 8, 1, 80 * GIB, 192, 1_979, 10_200));
        c.add(new HardwareModel("h200-hgx8", "H200", 8, 1, 144_384, 192, 1_979, 10_200));
        c.add(new HardwareModel("b200-hgx8", "B200", 8, 1, 183_359, 192, 4_500, 14_300));
        // Trainium2 UltraServer: 4 trn2 instances of 16 chips on one NeuronLink domain.
        c.add(new HardwareModel("trn2-ultraserver", "Trainium2", 16, 4, 96 * GIB, 192, 1_300, 4 * 11_000));
        c.add(new CpuHostShape("c8g.48xlarge", 192, 384L * GIB));
        c.add(new CpuHostShape("m8g.48xlarge", 192, 768L * GIB));
        c.add(new CpuHostShape("c7i.48xlarge", 192, 384L * GIB));
        c.add(new CpuHostShape("m7i.48xlarge", 192, 768L * GIB));
        c.add(new CpuHostShape("m8i.96xlarge", 384, 1_536L * GIB));
        c.add(new CpuHostShape("c7g.xlarge", 4, 8L * GIB));
        return c;
    }

    /** This catalogue with {@code extra} models beside its own (a model of the same name is replaced). */
    public HardwareCatalogue with(List<HardwareModel> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        HardwareCatalogue c = new HardwareCatalogue();
        c.models.putAll(models);
        c.shapes.putAll(shapes);
        extra.forEach(c::add);
        return c;
    }

    private void add(HardwareModel m) {
        models.put(m.name(), m);
    }

    private void add(CpuHostShape s) {
        shapes.put(s.name(), s);
    }

    public Optional<HardwareModel> model(String name) {
        return Optional.ofNullable(models.get(name));
    }

    public Optional<CpuHostShape> hostShape(String name) {
        return Optional.ofNullable(shapes.get(name));
    }

    /** Model names in catalogue order. */
    public List<String> modelNames() {
        return Collections.unmodifiableList(new ArrayList<>(models.keySet()));
    }

    /** Host shape names in catalogue order. */
    public List<String> hostShapeNames() {
        return Collections.unmodifiableList(new ArrayList<>(shapes.keySet()));
    }
}
