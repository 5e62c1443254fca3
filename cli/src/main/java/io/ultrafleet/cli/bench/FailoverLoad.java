package io.ultrafleet.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The steady submission load of {@code bench failover}: a few client threads, each sending one-tray jobs at its share
 * of the rate, each job with an idempotency key of its own. When a server does not answer or answers {@code 503}, the
 * same key goes to the next server until one acknowledges it. The acknowledged key to id pairs are kept for the
 * check against the database; a key acknowledged twice with two different ids is counted.
 */
final class FailoverLoad implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TENANTS = {"alpha", "beta"};

    private final FailoverCluster cluster;
    private final double rate;
    private final List<Thread> clients = new ArrayList<>();
    private final Map<String, Long> acks = new ConcurrentHashMap<>();
    private final AtomicInteger conflicting = new AtomicInteger();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private volatile boolean stop;

    /** Starts {@code clients} threads that together send about {@code rate} submissions a second. */
    FailoverLoad(FailoverCluster cluster, int clientCount, double rate) {
        this.cluster = cluster;
        this.rate = rate;
        for (int c = 0; c < clientCount; c++) {
            int client = c;
            long pauseNanos = (long) (1e9 * clientCount / rate);
            Thread t = new Thread(() -> run(client, pauseNanos), "bench-failover-client-" + c);
            t.setDaemon(true);
            this.clients.add(t);
        }
        this.clients.forEach(Thread::start);
    }

    double rate() {
        return rate;
    }

    /** Acknowledged submissions so far. */
    int acknowledged() {
        return acks.size();
    }

    /** The acknowledged key to id pairs. */
    Map<String, Long> acks() {
        return acks;
    }

    /** Keys acknowledged twice with different ids. */
    int conflicting() {
        return conflicting.get();
    }

    /** Throws if a client met an answer it should never get (neither an acknowledgement nor a 503). */
    void check() {
        String f = failure.get();
        if (f != null) {
            throw new IllegalStateException(f);
        }
    }

    private void run(int client, long pauseNanos) {
        String tenant = TENANTS[client % TENANTS.length];
        int target = client;
        long next = System.nanoTime();
        try {
            for (int j = 0; !stop; j++) {
                String key = "fb-c" + client + "-" + j;
                String body = "{\"queue\":\"" + tenant + "/train\",\"gpus\":4,\"duration\":\"3s\",\"name\":\"" + key
                        + "\",\"command\":[\"python\",\"train.py\"]}";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!stop) {
                    int slot = Math.floorMod(target, cluster.size());
                    int port = cluster.port(slot);
                    if (port != 0 && send(port, key, body)) {
                        break;
                    }
                    target++; // that server is down, starting or cannot take it now: the next one
                    if (System.nanoTime() > deadline) {
                        failure.compareAndSet(null, "submission " + key + " was not acknowledged within 120 s");
                        return;
                    }
                    Thread.sleep(20);
                }
                next += pauseNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } else {
                    next = System.nanoTime(); // behind after a failover: go on at the rate, do not burst
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, "client " + client + ": " + e);
        }
    }

    /** True when the submission was acknowledged; false when this server cannot take it now. */
    private boolean send(int port, String key, String body) {
        HttpResponse<String> r;
        try {
            r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/jobs"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + FailoverCluster.ADMIN)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", key)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (r.statusCode() == 503) {
            return false;
        }
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            failure.compareAndSet(null, "submission " + key + " answered " + r.statusCode() + ": " + r.body());
            stop = true;
            return true;
        }
        long id;
        try {
            id = JSON.readTree(r.body()).path("id").asLong(-1);
        } catch (IOException e) {
            failure.compareAndSet(null, "submission " + key + " answered a body that is not JSON: " + r.body());
            return true;
        }
        Long before = acks.putIfAbsent(key, id);
        if (before != null && before != id) {
            conflicting.incrementAndGet();
        }
        return true;
    }

    /** Stops the clients and waits for them. */
    @Override
    public void close() throws InterruptedException {
        stop = true;
        for (Thread t : clients) {
            t.interrupt();
            t.join(15_000);
        }
    }
}
