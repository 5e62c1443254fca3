package io.ultrafleet.scheduling.share;

/** {@code firstfit}: the first node in node order that holds the pod, and on it the first GPUs that do. */
final class FirstFitPolicy implements SharePolicy {
    static final String NAME = "firstfit";

    FirstFitPolicy(PolicyContext context) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SharePlacement place(ShareView cluster, ShareRequest pod) {
        for (int n = 0, count = cluster.nodeCount(); n < count; n++) {
            if (cluster.fits(n, pod)) {
                return new SharePlacement(n, GpuChoice.first(cluster, n, pod));
            }
        }
        return SharePlacement.NONE;
    }
}
