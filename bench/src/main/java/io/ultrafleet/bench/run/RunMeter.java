package io.ultrafleet.bench.run;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures one benchmark run inside its own JVM: wall time, the process's CPU time, the peak heap in use, the peak heap still in use after
 * a collection (the live set), and the peak resident set size.
 *
 * <p>The peak heap is the largest of: the heap in use before each garbage collection (from the collectors'
 * notifications, the top of each saw tooth), and a sample taken every 10 ms by a daemon thread (for the part after
 * the last collection). Both sides of a comparison run with the same JVM and options, so the figure says how much
 * heap each kept busy, garbage included; the live figure says how much it retained. The resident set size is the
 * kernel's high-water mark ({@code VmHWM} in {@code /proc/self/status}), or -1 where there is none.
 */
public final class RunMeter implements AutoCloseable {
    private static final long MIB = 1024L * 1024L;

    private final long startNs = System.nanoTime();
    private final long startCpuNs = processCpuNs();
    private final List<Runnable> unregister = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakUsed;
    private volatile long peakLive = -1;
    private long wallNs = -1;
    private long cpuNs = -1;

    private RunMeter() {
        peakUsed = heapUsed();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                NotificationListener l = this::onGc;
                emitter.addNotificationListener(l, null, null);
                unregister.add(() -> {
                    try {
                        emitter.removeNotificationListener(l);
                    } catch (javax.management.ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
        }
        sampler = new Thread(this::sample, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts the clock and the heap watch. */
    public static RunMeter start() {
        return new RunMeter();
    }

    private void sample() {
        while (running) {
            record(heapUsed());
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record(long used) {
        if (used > peakUsed) {
            peakUsed = used;
        }
    }

    private synchronized void recordLive(long used) {
        if (used > peakLive) {
            peakLive = used;
        }
    }

    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        record(sum(info.getGcInfo().getMemoryUsageBeforeGc()));
        recordLive(sum(info.getGcInfo().getMemoryUsageAfterGc()));
    }

    private static long sum(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (var e : pools.entrySet()) {
            if (isHeapPool(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        return used;
    }

    private static boolean isHeapPool(String name) {
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals(name)) {
                return pool.getType() == java.lang.management.MemoryType.HEAP;
            }
        }
        return false;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Stops the clock; call once the measured work is done, before reading the figures. */
    public void stop() {
        if (wallNs < 0) {
            wallNs = System.nanoTime() - startNs;
            long cpu = processCpuNs();
            cpuNs = cpu < 0 || startCpuNs < 0 ? -1 : cpu - startCpuNs;
            record(heapUsed());
            running = false;
            sampler.interrupt();
        }
    }

    public double wallSeconds() {
        stop();
        return wallNs / 1e9;
    }

    /**
     * CPU time of the whole process (all threads: the run, the garbage collector, the JIT compiler) over the same
     * span, in seconds, or -1 where the JVM does not tell. Unlike wall time it leaves out time spent waiting for a
     * core that other processes held, so it is the steadier figure on a shared machine.
     */
    public double cpuSeconds() {
        stop();
        return cpuNs < 0 ? -1 : cpuNs / 1e9;
    }

    private static long processCpuNs() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    public double peakHeapMib() {
        stop();
        return peakUsed / (double) MIB;
    }

    /** The largest heap in use right after a collection, or -1 when no collection ran. */
    public double peakLiveHeapMib() {
        stop();
        return peakLive < 0 ? -1 : peakLive / (double) MIB;
    }

    /** The peak resident set size of this process, or -1 where {@code /proc} has none. */
    public static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring("VmHWM:".length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        stop();
        unregister.forEach(Runnable::run);
    }
}
