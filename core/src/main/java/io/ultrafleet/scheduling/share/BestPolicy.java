package io.ultrafleet.scheduling.share;

/** {@code best}: experimental (work in progress). */
final class BestPolicy implements SharePolicy {
    static final String NAME = "best";
    static int MODE = Integer.getInteger("uf.best.mode", 1);

    private final int[] rank;
    private final FragmentationDeltas deltas;
    private final NodeTypeCache cache;
    private final int mode = MODE;
    static double K = Double.parseDouble(System.getProperty("uf.best.k", "100"));
    static double T = Double.parseDouble(System.getProperty("uf.best.t", "40"));
    static double S = Double.parseDouble(System.getProperty("uf.best.s", "1000"));

    BestPolicy(PolicyContext context) {
        rank = context.tieRank();
        deltas = new FragmentationDeltas(reweight(context), rank.length);
        cache = new NodeTypeCache(rank.length);
        double cpu = 0;
        double gpu = 0;
        PodMix mix = context.mix();
        for (int i = 0; i < mix.size(); i++) {
            if (mix.type(i).gpus() > 0) {
                cpu += mix.share(i) * mix.type(i).cpuMilli();
                gpu += mix.share(i) * mix.type(i).gpuDemandMilli();
            }
        }
        cpuPerMilliGpu = gpu == 0 ? 0 : cpu / gpu;
        mixRef = context.mix();
    }

    private final double cpuPerMilliGpu;
    private boolean ranked;
    static int ORDER = Integer.getInteger("uf.best.order", 0);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SharePlacement place(ShareView cluster, ShareRequest pod) {
        if (!ranked && ORDER != 0) {
            ranked = true;
            Integer[] ids = new Integer[rank.length];
            for (int i = 0; i < ids.length; i++) ids[i] = i;
            final int[] r0 = rank.clone();
            java.util.Arrays.sort(ids, (x, y) -> {
                int kx = ORDER * cluster.gpuCount(x), ky = ORDER * cluster.gpuCount(y);
                if (ORDER == 2 || ORDER == -2) {
                    kx = (int) (ORDER * (cluster.cpuCapacity(x) / Math.max(1, cluster.gpuCount(x))));
                    ky = (int) (ORDER * (cluster.cpuCapacity(y) / Math.max(1, cluster.gpuCount(y))));
                }
                return kx != ky ? Integer.compare(kx, ky) : Integer.compare(r0[x], r0[y]);
            });
            for (int i = 0; i < ids.length; i++) rank[ids[i]] = i;
        }
        int type = cache.typeOf(pod);
        if (mode == 9) {
            double top = Double.NEGATIVE_INFINITY;
            for (int n = 0, count = cluster.nodeCount(); n < count; n++) {
                if (!cluster.fits(n, pod)) {
                    continue;
                }
                int version = cluster.version(n);
                if (!cache.has(type, n, version)) {
                    score(cluster, n, pod, type, version);
                }
                top = Math.max(top, cache.value(type, n));
            }
            int pick = -1;
            for (int n = 0, count = cluster.nodeCount(); n < count; n++) {
                if (cluster.fits(n, pod) && cache.value(type, n) >= top - T && (pick < 0 || rank[n] < rank[pick])) {
                    pick = n;
                }
            }
            return pick < 0 ? SharePlacement.NONE : new SharePlacement(pick, cache.gpus(type, pick));
        }
        int best = -1;
        double bestKey = Double.NEGATIVE_INFINITY;
        double bestSecond = Double.NEGATIVE_INFINITY;
        for (int n = 0, count = cluster.nodeCount(); n < count; n++) {
            if (!cluster.fits(n, pod)) {
                continue;
            }
            int version = cluster.version(n);
            if (!cache.has(type, n, version)) {
                score(cluster, n, pod, type, version);
            }
            double k = cache.value(type, n);
            double second = second(cluster, n, pod);
            if (k > bestKey
                    || (k == bestKey && (second > bestSecond || (second == bestSecond && rank[n] < rank[best])))) {
                best = n;
                bestKey = k;
                bestSecond = second;
            }
        }
        return best < 0 ? SharePlacement.NONE : new SharePlacement(best, cache.gpus(type, best));
    }

    private double second(ShareView c, int n, ShareRequest pod) {
        switch (mode) {
            case 2:
            case 4:
                return -(c.gpuFreeTotal(n) - pod.gpuDemandMilli());
            case 5:
            case 6: {
                double left = (c.cpuFree(n) - pod.cpuMilli()) / 128000.0 * 0.5
                        + (c.gpuFreeTotal(n) - pod.gpuDemandMilli()) / 8000.0 * 0.5;
                return -left;
            }
            case 10:
                return pod.gpus() == 0 ? slack(c, n, pod) : 0;
            case 11:
                return slack(c, n, pod);
            case 12:
                return c.gpuFreeTotal(n) < c.gpuCount(n) * 1000 || c.cpuFree(n) < c.cpuCapacity(n) ? 1 : 0;
            case 14: {
                double pr = pod.allowedModels() == ShareRequest.ANY_MODEL && pod.gpus() > 0 && c.model(n) >= 0
                        ? pressure(c)[c.model(n)]
                        : 0;
                boolean used = c.gpuFreeTotal(n) < c.gpuCount(n) * 1000 || c.cpuFree(n) < c.cpuCapacity(n);
                return -pr * 10 + (used ? 1 : 0);
            }
            case 13: {
                if (pod.gpus() != 0) return 0;
                double sl = slack(c, n, pod);
                return sl >= 0 ? 1e9 - sl : sl;
            }
            default:
                return 0;
        }
    }

    static double BETA = Double.parseDouble(System.getProperty("uf.best.beta", "1"));
    static double PN = Double.parseDouble(System.getProperty("uf.best.pn", "10"));
    static double GAMMA = Double.parseDouble(System.getProperty("uf.best.gamma", "1"));
    static int RW = Integer.getInteger("uf.best.rw", 0);

    private static PolicyContext reweight(PolicyContext c) {
        if (RW == 0) {
            return c;
        }
        java.util.List<ShareRequest> ts = new java.util.ArrayList<>();
        java.util.List<Double> ws = new java.util.ArrayList<>();
        PodMix m = c.mix();
        for (int i = 0; i < m.size(); i++) {
            ShareRequest t = m.type(i);
            double w;
            switch (RW) {
                case 1:
                    w = t.gpus() == 0 ? 0 : 1;
                    break;
                case 2:
                    w = t.gpuDemandMilli();
                    break;
                case 3:
                    w = Math.sqrt(t.gpuDemandMilli());
                    break;
                case 4:
                    w = t.gpus() == 0 ? 0.5 : 1;
                    break;
                default:
                    w = 1;
            }
            if (w > 0) {
                ts.add(t);
                ws.add(w * m.share(i));
            }
        }
        double[] wa = new double[ws.size()];
        for (int i = 0; i < wa.length; i++) wa[i] = ws.get(i);
        return new PolicyContext(c.tieRank(), c.modelCount(), PodMix.of(ts, wa));
    }

    private double[] pressure;
    private PodMix mixRef;

    private double[] pressure(ShareView c) {
        if (pressure == null) {
            int models = 0;
            for (int n = 0; n < c.nodeCount(); n++) models = Math.max(models, c.model(n) + 1);
            double[] cap = new double[models];
            for (int n = 0; n < c.nodeCount(); n++) if (c.model(n) >= 0) cap[c.model(n)] += c.gpuCount(n) * 1000.0;
            double[] dem = new double[models];
            for (int i = 0; i < mixRef.size(); i++) {
                ShareRequest t = mixRef.type(i);
                if (t.gpus() == 0 || t.allowedModels() == ShareRequest.ANY_MODEL) continue;
                int k = 0;
                for (int m = 0; m < models; m++) if (t.allowsModel(m)) k++;
                for (int m = 0; m < models; m++)
                    if (t.allowsModel(m)) dem[m] += mixRef.share(i) * t.gpuDemandMilli() / k;
            }
            pressure = new double[models];
            for (int m = 0; m < models; m++) pressure[m] = cap[m] == 0 ? 0 : dem[m] / cap[m] * 1000;
        }
        return pressure;
    }

    private double slack(ShareView c, int n, ShareRequest pod) {
        return c.cpuFree(n) - pod.cpuMilli() - (c.gpuFreeTotal(n) - pod.gpuDemandMilli()) * cpuPerMilliGpu;
    }

    private void score(ShareView cluster, int node, ShareRequest pod, int type, int version) {
        double before = deltas.before(cluster, node);
        int ways = deltas.evaluate(cluster, node, pod);
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestMask = 0;
        if (mode == 8) {
            double bestExact = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < ways; i++) {
                double dec = before - deltas.after[i];
                double sc = Math.floor(K / (1.0 + Math.exp(-dec / S)));
                if (sc > bestScore || (sc == bestScore && dec > bestExact + 1e-9)) {
                    bestScore = sc;
                    bestExact = dec;
                    bestMask = deltas.masks[i];
                }
            }
            cache.put(type, node, version, bestScore, bestMask);
            return;
        }
        double pen = 0;
        if (mode == 15 && pod.allowedModels() == ShareRequest.ANY_MODEL && pod.gpus() > 0 && cluster.model(node) >= 0) {
            pen = BETA * pod.gpuDemandMilli() * Math.min(1.0, pressure(cluster)[cluster.model(node)] * PN);
        }
        if (mode == 16 || mode == 17) {
            double cf = cluster.cpuFree(node), gf = cluster.gpuFreeTotal(node);
            double sb = Math.max(0, gf - cf / cpuPerMilliGpu);
            double sa = Math.max(0, gf - pod.gpuDemandMilli() - (cf - pod.cpuMilli()) / cpuPerMilliGpu);
            pen += GAMMA * (sa - sb);
            if (mode == 17
                    && pod.allowedModels() == ShareRequest.ANY_MODEL
                    && pod.gpus() > 0
                    && cluster.model(node) >= 0) {
                pen += BETA * pod.gpuDemandMilli() * Math.min(1.0, pressure(cluster)[cluster.model(node)] * PN);
            }
        }
        for (int i = 0; i < ways; i++) {
            double dec = before - deltas.after[i] - pen;
            double s = (mode == 3
                            || mode == 4
                            || mode == 6
                            || mode == 10
                            || mode == 11
                            || mode == 12
                            || mode == 13
                            || mode == 14
                            || mode == 15
                            || mode == 16
                            || mode == 17)
                    ? Math.floor(K / (1.0 + Math.exp(-dec / S)))
                    : (mode == 7 ? Math.floor(dec / S) : Math.rint(dec * 1e6) / 1e6);
            if (s > bestScore) {
                bestScore = s;
                bestMask = deltas.masks[i];
            }
        }
        cache.put(type, node, version, bestScore, bestMask);
    }
}
