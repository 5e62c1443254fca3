package io.ultrafleet.twin.replay;

import io.ultrafleet.scheduling.share.PodMix;
import io.ultrafleet.scheduling.share.ShareCluster;
import io.ultrafleet.scheduling.share.ShareRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A node list and a pod list made ready for replay: the cluster (fresh copies handed out per run), the pods as
 * requests sorted by name, and the pod-type mix of the trace ({@link PodMix#typical}, 95 % coverage) that
 * fragmentation is measured against.
 */
public final class OpenbWorkload {
    private final ShareCluster template;
    private final List<ShareRequest> pods;
    private final List<String> podNames;
    private final PodMix mix;

    private OpenbWorkload(ShareCluster template, List<ShareRequest> pods, List<String> podNames) {
        this.template = template;
        this.pods = List.copyOf(pods);
        this.podNames = List.copyOf(podNames);
        this.mix = PodMix.typical(pods, PodMix.DEFAULT_COVERAGE);
    }

    /** Builds the cluster from {@code nodes} (in their order) and the requests from {@code pods}. */
    public static OpenbWorkload of(List<OpenbNode> nodes, List<OpenbPod> pods) {
        ShareCluster.Builder b = ShareCluster.builder();
        for (OpenbNode n : nodes) {
            b.node(n.name(), n.cpuMilli(), n.memoryMib(), n.gpus(), n.model());
        }
        ShareCluster cluster = b.build();
        if (cluster.gpuCapacityMilli() == 0) {
            throw new IllegalArgumentException("the node list has no GPUs");
        }
        List<OpenbPod> sorted = new ArrayList<>(pods);
        sorted.sort(Comparator.comparing(OpenbPod::name));
        List<ShareRequest> requests = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (OpenbPod p : sorted) {
            long models = p.gpuModels().isEmpty() ? ShareRequest.ANY_MODEL : cluster.modelMask(p.gpuModels());
            requests.add(new ShareRequest(p.cpuMilli(), p.memoryMib(), p.gpus(), p.gpuMilli(), models));
            names.add(p.name());
        }
        return new OpenbWorkload(cluster, requests, names);
    }

    /** A fresh cluster with every node empty. */
    public ShareCluster newCluster() {
        return template.copy();
    }

    /** The trace's pods, sorted by name. */
    public List<ShareRequest> pods() {
        return pods;
    }

    /** The pods' names, in the order of {@link #pods()}. */
    public List<String> podNames() {
        return podNames;
    }

    /** The trace's pod-type mix. */
    public PodMix mix() {
        return mix;
    }

    public int nodeCount() {
        return template.nodeCount();
    }

    /** Milli-GPU of all GPUs of the cluster. */
    public long gpuCapacityMilli() {
        return template.gpuCapacityMilli();
    }

    /** Milli-GPU asked for by all pods of the trace. */
    public long gpuDemandMilli() {
        long sum = 0;
        for (ShareRequest p : pods) {
            sum += p.gpuDemandMilli();
        }
        return sum;
    }
}
