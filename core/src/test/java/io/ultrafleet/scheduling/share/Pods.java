package io.ultrafleet.scheduling.share;

/** Test requests: {@code Pods.share(4000, 500)}, {@code Pods.whole(8000, 2).models(mask)}, {@code Pods.cpu(2000)}. */
final class Pods {
    private int cpu;
    private long memory = 1024;
    private int gpus;
    private int milli;
    private long models = ShareRequest.ANY_MODEL;

    private Pods() {}

    static Pods cpu(int cpuMilli) {
        Pods p = new Pods();
        p.cpu = cpuMilli;
        return p;
    }

    static Pods share(int cpuMilli, int gpuMilli) {
        Pods p = cpu(cpuMilli);
        p.gpus = 1;
        p.milli = gpuMilli;
        return p;
    }

    static Pods whole(int cpuMilli, int gpus) {
        Pods p = cpu(cpuMilli);
        p.gpus = gpus;
        p.milli = ShareRequest.MILLI_PER_GPU;
        return p;
    }

    Pods memory(long mib) {
        memory = mib;
        return this;
    }

    Pods models(long mask) {
        models = mask;
        return this;
    }

    ShareRequest build() {
        return new ShareRequest(cpu, memory, gpus, milli, models);
    }
}
