package io.ultrafleet.server.executor.slurm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where each of one cluster's Slurm nodes is in the fleet, from the nodes' features ({@code site:}, {@code block:},
 * {@code rack:}, {@code model:}; {@code docs/slurm.md}), and which units Slurm cannot run work on now. Slurm's racks,
 * in order of block and then rack name, take the site's racks of the fleet in id order, and a rack's nodes its units
 * in name order; a node whose features are missing, contradict its rack or find no rack left is refused, with a reason
 * naming it, and never guessed.
 *
 * @param places node name to its rack and unit
 * @param names rack and unit ({@link #key}) to node name
 * @param unavailable per rack of the site, the units no usable node stands for
 * @param refusals one line per node refused, and one when Slurm's blocks differ from the fleet's
 */
record NodeMap(
        Map<String, Place> places, Map<Long, String> names, Map<Integer, Long> unavailable, List<String> refusals) {

    /** A unit of a rack. */
    record Place(int rack, int unit) {}

    static final Set<String> USABLE_STATES = Set.of("idle", "allocated", "mixed", "completing");
    private static final List<String> UNUSABLE_FLAGS =
            List.of("DRAIN", "FAIL", "NOT_RESPONDING", "POWER", "MAINT", "REBOOT", "INVALID");

    static long key(int rack, int unit) {
        return ((long) rack << 8) | unit;
    }

    /** Every unit of the site unavailable: a cluster that cannot be reached, or is not known yet. */
    static NodeMap unreachable(List<FleetSlots.Slot> slots, NodeMap last) {
        Map<Integer, Long> all = new HashMap<>();
        for (FleetSlots.Slot s : slots) {
            all.put(s.rack(), mask(s.units()));
        }
        return new NodeMap(last.places, last.names, all, List.of());
    }

    static final NodeMap EMPTY = new NodeMap(Map.of(), Map.of(), Map.of(), List.of());

    static NodeMap of(String cluster, String site, List<FleetSlots.Slot> slots, List<SlurmRest.Node> nodes) {
        List<String> refusals = new ArrayList<>();
        // Slurm racks by (block, rack), each with its nodes by name
        TreeMap<String[], List<SlurmRest.Node>> racks =
                new TreeMap<>(Comparator.<String[], String>comparing(k -> k[0], NodeMap::natural)
                        .thenComparing(k -> k[1], NodeMap::natural));
        Map<String, String> rackModel = new HashMap<>();
        Map<String, String> rackBlock = new HashMap<>();
        for (SlurmRest.Node n : nodes) {
            Map<String, String> f = features(n.features());
            String missing = null;
            for (String k : List.of("site", "block", "rack", "model")) {
                if (!f.containsKey(k)) {
                    missing = missing == null ? k + ":" : missing + ", " + k + ":";
                }
            }
            if (missing != null) {
                refusals.add("node " + n.name() + " of cluster " + cluster + " is refused: it has no feature " + missing
                        + " (features: '" + n.features() + "'; see docs/slurm.md)");
                continue;
            }
            if (!f.get("site").equals(site)) {
                refusals.add("node " + n.name() + " of cluster " + cluster + " is refused: its feature site:"
                        + f.get("site") + " is not the cluster's site " + site);
                continue;
            }
            String rack = f.get("rack");
            if (rackBlock.containsKey(rack)
                    && (!rackBlock.get(rack).equals(f.get("block"))
                            || !rackModel.get(rack).equals(f.get("model")))) {
                refusals.add("node " + n.name() + " of cluster " + cluster + " is refused: its block or model differs"
                        + " from the other nodes of rack:" + rack);
                continue;
            }
            rackBlock.put(rack, f.get("block"));
            rackModel.put(rack, f.get("model"));
            racks.computeIfAbsent(new String[] {f.get("block"), rack}, k -> new ArrayList<>())
                    .add(n);
        }
        Map<String, Place> places = new LinkedHashMap<>();
        Map<Long, String> names = new HashMap<>();
        Map<Integer, Long> usable = new HashMap<>();
        int i = 0;
        String lastBlock = null;
        int lastFleetBlock = -1;
        boolean blocksDiffer = false;
        for (Map.Entry<String[], List<SlurmRest.Node>> e : racks.entrySet()) {
            String block = e.getKey()[0];
            String rack = e.getKey()[1];
            List<SlurmRest.Node> of = e.getValue();
            of.sort(Comparator.comparing(SlurmRest.Node::name, NodeMap::natural));
            if (i >= slots.size()) {
                for (SlurmRest.Node n : of) {
                    refusals.add("node " + n.name() + " of cluster " + cluster + " is refused: the fleet file has "
                            + slots.size() + " rack(s) at site " + site + ", and rack:" + rack
                            + " is one more than that");
                }
                continue;
            }
            FleetSlots.Slot slot = slots.get(i++);
            if (lastBlock != null && (block.equals(lastBlock) != (slot.block() == lastFleetBlock))) {
                blocksDiffer = true;
            }
            lastBlock = block;
            lastFleetBlock = slot.block();
            int unit = 0;
            for (SlurmRest.Node n : of) {
                if (!slot.model().equals(rackModel.get(rack))) {
                    refusals.add("node " + n.name() + " of cluster " + cluster + " is refused: its feature model:"
                            + rackModel.get(rack) + " is not " + slot.model() + ", the model of the fleet's rack "
                            + slot.rack() + " at site " + site);
                    continue;
                }
                if (unit >= slot.units()) {
                    refusals.add("node " + n.name() + " of cluster " + cluster + " is refused: rack:" + rack
                            + " has more nodes than the " + slot.units() + " of model " + slot.model());
                    continue;
                }
                int gpus = gpus(n.gres());
                if (gpus != slot.gpusPerUnit()) {
                    refusals.add("node " + n.name() + " of cluster " + cluster + " is refused: it has " + gpus
                            + " GPU(s) in Slurm (gres '" + n.gres() + "'), model " + slot.model() + " has "
                            + slot.gpusPerUnit());
                    continue;
                }
                places.put(n.name(), new Place(slot.rack(), unit));
                names.put(key(slot.rack(), unit), n.name());
                if (usable(n)) {
                    usable.merge(slot.rack(), 1L << unit, (a, b) -> a | b);
                }
                unit++;
            }
        }
        if (blocksDiffer) {
            refusals.add("cluster " + cluster + ": the blocks of Slurm's nodes (block: features) do not group its racks"
                    + " as the fleet file's racksPerBlock at site " + site + " does; placement follows the file");
        }
        Map<Integer, Long> unavailable = new HashMap<>();
        for (FleetSlots.Slot s : slots) {
            long down = mask(s.units()) & ~usable.getOrDefault(s.rack(), 0L);
            if (down != 0) {
                unavailable.put(s.rack(), down);
            }
        }
        return new NodeMap(places, names, unavailable, refusals);
    }

    static boolean usable(SlurmRest.Node n) {
        String base = n.state().toLowerCase(java.util.Locale.ROOT);
        if (!USABLE_STATES.contains(base)) {
            return false;
        }
        for (String flag : n.flags()) {
            for (String bad : UNUSABLE_FLAGS) {
                if (flag.toUpperCase(java.util.Locale.ROOT).startsWith(bad)) {
                    return false;
                }
            }
        }
        return true;
    }

    static Map<String, String> features(String text) {
        Map<String, String> out = new HashMap<>();
        for (String f : text.split(",")) {
            int colon = f.indexOf(':');
            if (colon > 0 && colon < f.length() - 1) {
                out.putIfAbsent(
                        f.substring(0, colon).trim(), f.substring(colon + 1).trim());
            }
        }
        return out;
    }

    /** GPUs in a GRES text such as {@code gpu:fake:4}, {@code gpu:4(S:0)} or {@code gpu:a100:2,gpu:h100:2}. */
    static int gpus(String gres) {
        int total = 0;
        for (String g : gres.split(",")) {
            String[] parts = g.replaceAll("\\(.*\\)", "").split(":");
            if (parts.length >= 2 && parts[0].equals("gpu")) {
                try {
                    total += Integer.parseInt(parts[parts.length - 1]);
                } catch (NumberFormatException e) {
                    total += 1;
                }
            }
        }
        return total;
    }

    static long mask(int units) {
        return units == 64 ? -1L : (1L << units) - 1;
    }

    /** Compares names with their digit runs as numbers: r2 before r10. */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = new java.math.BigInteger(a.substring(si, i))
                        .compareTo(new java.math.BigInteger(b.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
