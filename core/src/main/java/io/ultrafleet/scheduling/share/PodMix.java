package io.ultrafleet.scheduling.share;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod types a workload is made of and the share of pods of each type: the "target workload" against which
 * {@link Fragmentation} measures a node. A type is (milli-CPU, GPUs, milli-GPU per GPU, allowed models); memory is
 * not part of it.
 */
public final class PodMix {
    /** Default coverage of {@link #typical}: the most common types that make up 95 % of the pods. */
    public static final double DEFAULT_COVERAGE = 0.95;

    private final List<ShareRequest> types;
    private final double[] shares;

    private PodMix(List<ShareRequest> types, double[] shares) {
        this.types = List.copyOf(types);
        this.shares = shares;
    }

    /**
     * The most common pod types of {@code pods}, most common first, taken until they account for at least {@code
     * coverage} of all pods, with shares renormalised to sum to 1. Types as common as each other are ordered by
     * larger CPU, then larger milli-GPU, then more GPUs, then the model set, so the result does not depend on the
     * order of {@code pods}.
     */
    public static PodMix typical(Collection<ShareRequest> pods, double coverage) {
        if (pods.isEmpty()) {
            throw new IllegalArgumentException("no pods");
        }
        if (!(coverage > 0 && coverage <= 1)) {
            throw new IllegalArgumentException("coverage " + coverage + ": allowed (0, 1]");
        }
        Map<ShareRequest, Integer> counts = new LinkedHashMap<>();
        for (ShareRequest p : pods) {
            counts.merge(typeOf(p), 1, Integer::sum);
        }
        List<Map.Entry<ShareRequest, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Comparator.<Map.Entry<ShareRequest, Integer>>comparingInt(Map.Entry::getValue)
                .thenComparingInt(e -> e.getKey().cpuMilli())
                .thenComparingInt(e -> e.getKey().gpuMilli())
                .thenComparingInt(e -> e.getKey().gpus())
                .thenComparingLong(e -> e.getKey().allowedModels())
                .reversed());
        double needed = coverage * pods.size();
        List<ShareRequest> types = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        long cumulative = 0;
        for (Map.Entry<ShareRequest, Integer> e : sorted) {
            if (cumulative >= needed) {
                break;
            }
            types.add(e.getKey());
            kept.add(e.getValue());
            cumulative += e.getValue();
        }
        double[] shares = new double[types.size()];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = kept.get(i) / (double) cumulative;
        }
        return new PodMix(types, shares);
    }

    /** A mix given type by type; weights need not sum to 1 (they are normalised). */
    public static PodMix of(List<ShareRequest> types, double[] weights) {
        if (types.size() != weights.length || types.isEmpty()) {
            throw new IllegalArgumentException("one positive weight per type, at least one type");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w > 0)) {
                throw new IllegalArgumentException("weight " + w + ": must be > 0");
            }
            sum += w;
        }
        double[] shares = new double[weights.length];
        List<ShareRequest> ts = new ArrayList<>();
        for (int i = 0; i < shares.length; i++) {
            shares[i] = weights[i] / sum;
            ts.add(typeOf(types.get(i)));
        }
        return new PodMix(ts, shares);
    }

    /** The type of a pod: the request without its memory. */
    static ShareRequest typeOf(ShareRequest p) {
        return new ShareRequest(
                p.cpuMilli(), 0, p.gpus(), p.gpuMilli(), p.gpus() == 0 ? ShareRequest.ANY_MODEL : p.allowedModels());
    }

    public int size() {
        return types.size();
    }

    /** The {@code i}-th type (memory 0). */
    public ShareRequest type(int i) {
        return types.get(i);
    }

    /** The share of pods of the {@code i}-th type; the shares sum to 1. */
    public double share(int i) {
        return shares[i];
    }
}
